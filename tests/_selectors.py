"""Selectors and data the selector and search tests share."""

import numpy as np

from sknucs import PAPER_SETTINGS, NUCSSelector


def Paper(rate=0.5, **params):  # noqa: N802 - stands for the class, with the paper's defaults
    """``NUCSSelector`` with the paper's settings (the tests of its window); ``params`` override them."""
    return NUCSSelector(rate, **{**PAPER_SETTINGS, **params})


def band_data(band_end=0.7, width=0.1, n_per_class=200, n_classes=10, n_features=12, seed=0):
    """Samples whose score lies in ``[band_end - width, band_end)`` carry the label.

    Every class holds the scores ``(i + 1/2) / n_per_class`` in random order,
    so that the band is exactly the window of a tenth of each class (rate
    0.9) that ends at ``k = band_end``, class by class or over all classes
    at once. Every other sample's features are noise, unrelated to its
    class. The best window is ``band_end`` by construction: its classifier
    is right on the band (a tenth of the samples), the others at chance.
    """
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(n_classes), n_per_class)
    quantiles = (np.arange(n_per_class) + 0.5) / n_per_class
    scores = np.concatenate([rng.permutation(quantiles) for _ in range(n_classes)])
    features = rng.normal(size=(y.size, n_features))
    band = (scores >= band_end - width) & (scores < band_end)
    features[band, y[band]] += 4.0
    return features, y, scores
