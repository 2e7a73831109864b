"""The window endpoint k when no features choose it, and the cap on the endpoint the search may choose."""

FEATURELESS_FLOOR = 0.95
"""The lowest cut-off of :func:`featureless_window`: from 70% pruning on, each class's hardest 5% are left out."""


def default_window(rate):
    """Window endpoint ``k`` for ``window="auto"`` without features (the paper's window).

    :class:`~sknucs.NUCSSelector`'s default, coverage sampling, cuts at
    :func:`featureless_window` without features instead (round fourteen,
    docs/selector.md); this rule is the paper's contiguous window's, and
    coverage's with ``window_cap=None``.

    ``k = min(1, 1.25 - rate / 2)``: 1.0 at 30% and 50% pruning, 0.9 at 70%,
    0.8 at 90%. The higher the pruning rate, the further below each
    class's hardest samples the window ends.

    Parameters
    ----------
    rate : float
        Pruning rate alpha in [0, 1).

    Returns
    -------
    window : float
        Window endpoint in [0.75, 1].

    Notes
    -----
    The rule is read off the full benchmark (``docs/results/analysis.md``):
    averaged over its six Fashion-MNIST tasks (balanced and long-tailed,
    from scratch and fine-tuned in both directions) and three seeds, the
    validation score of the model trained on NUCS's window peaked at
    k = 1.0, 1.0 and 0.9 for pruning rates 30, 50 and 70%, and this line
    passes through them. At 90% it peaked at 0.7, 0.9 points above 0.8 on
    validation, while the test accuracy of the two was level (0.8252 and
    0.8247), so the line's 0.8 was kept. A single constant cannot serve: at
    90% pruning, k = 0.9 was 3.6 points worse than k = 0.8, and k = 1 about
    41 points worse. (The first full run, whose fine-tuning took 20 steps at
    90%, had peaked one step lower, 1.0/0.9/0.8/0.7.) With features, prefer
    the ridge search.

    Examples
    --------
    >>> from sknucs import default_window
    >>> [round(default_window(rate), 2) for rate in (0.3, 0.5, 0.7, 0.9)]
    [1.0, 1.0, 0.9, 0.8]
    """
    return min(1.0, 1.25 - rate / 2)


WINDOW_CAP_MARGIN = 0.15
"""How far above :func:`default_window` the ridge search could cut with ``window_cap="auto"`` from round
eight to round fifteen (:func:`default_window_cap`)."""


def default_window_cap(rate, margin=WINDOW_CAP_MARGIN):
    """The cap ``NUCSSelector(window_cap="auto")`` put on the ridge search's endpoint until round sixteen.

    ``min(1, default_window(rate) + 0.15)``: 1 up to 70% pruning, 0.95 at
    90% (docs/selector.md: round three capped at ``+ 0.1``, 0.9 at 90%;
    round eight raised it to ``+ 0.15``). Round sixteen lowered it to
    :func:`featureless_window` (0.95 at 70% too); the benchmark's variants
    of earlier rounds keep this one. Without features, the default's
    coverage sampling cut here in round thirteen; since round fourteen at
    :func:`featureless_window`.

    Parameters
    ----------
    rate : float
        Pruning rate alpha in [0, 1).
    margin : float, default=WINDOW_CAP_MARGIN
        How far above :func:`default_window` the cap lies (the benchmark's
        variants of earlier rounds pass theirs).

    Returns
    -------
    cap : float
    """
    return min(1.0, default_window(rate) + margin)


def featureless_window(rate):
    """The default cut-off of coverage sampling: fixed without features, the search's cap with them.

    ``min(1, max(0.95, default_window(rate) + 0.05))``: 1 up to 60%
    pruning, 0.95 from 70% on. :class:`~sknucs.NUCSSelector` cuts here
    when ``fit`` gets no features (round fourteen, docs/selector.md) and,
    with ``window_cap="auto"``, its ridge search chooses no endpoint above
    it when it gets them (round sixteen: until then
    :func:`default_window_cap`, 1 at 70%). Without
    features there is no noise filter and no search; coverage's equal-width
    strata give the sparse top of each class's scores, where wrong labels,
    images of no class and spoilt images sit, as many rows as the dense
    middle, and this cut leaves the hardest 5% of each class out at heavy
    pruning. Round thirteen cut at :func:`default_window_cap` (1 at 70%),
    round twelve at :func:`default_window` (0.9 at 70%, 0.8 at 90%). With
    features, the probe misses the wrong labels a scoring model has learnt
    (instance-dependent noise) and the search, which nearly always picks its
    top endpoint, kept the whole top at 70% until round sixteen.

    Parameters
    ----------
    rate : float
        Pruning rate alpha in [0, 1).

    Returns
    -------
    window : float
        In [0.95, 1].

    Examples
    --------
    >>> from sknucs._default_window import featureless_window
    >>> [featureless_window(rate) for rate in (0.5, 0.6, 0.7, 0.9)]
    [1.0, 1.0, 0.95, 0.95]
    """
    return min(1.0, max(FEATURELESS_FLOOR, round(default_window(rate) + 0.05, 12)))
