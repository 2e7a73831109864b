"""Can the scores alone find the wrong labels? A check for the fit without features, deciding nothing.

Usage::

    python benchmarks/score_noise_signal.py [--cache benchmarks/cache]
        [--out docs/results/score_noise_signal.md] [--kinds report noise10 ...]

Fitted without features (``fit(scores, y)``, the card's first usage line)
the default has no noise filter, and on noisy data it is far behind (round
fourteen: 0 of 2 cells met on most noisy kinds at 70 and 90%, up to 10.6
points behind). The wrong labels are not hidden from the scores: a network
early in training has not fitted them yet, so their EL2N is near its top.
Learning-with-noise methods split the per-sample loss into two components
(a two-component Gaussian mixture on the loss, as DivideMix does) and call
the rows of the high-loss component noisy.

For each task of the report and of the kinds of ``new_kinds.py``, with
their cached scores (the mean over the score runs) and, for comparison, the
noise filter's probe on the cached features: the fraction of rows each
flags, the fraction really wrong, precision and recall. The mixture is
fitted on the whole pool's mean scores (one dimension), and a row is
flagged where the posterior of the component of higher mean is above 0.5.
Clean tasks show the false alarms that a rule built on it would have to
guard against; the high component's weight is what such a guard could
read. The last column is an oracle: each class's highest-scoring rows in
the fraction of the task's labels that are really wrong, flagged, and
their precision (equal to their recall): what the scores could give if
the noise rate were known.

Outcome (a lead, no round): the mixture is no filter. It flags 13 to 81%
of the rows on every task, clean ones included (40 to 60% on most), and
its high component's weight does not tell noisy tasks from clean ones
(0.16 to 0.60 clean, 0.24 to 0.81 noisy); its recall is high (93 to 100%
from scratch: the wrong labels are all in the upper part of the scores)
but its precision low. The scores do hold the signal: the oracle's
precision is 84 to 94% under symmetric noise from scratch and on the
frozen backbone (the probe's 57 to 96% on the same tasks), 78 and 89%
fine-tuned on Fashion-MNIST, 75 to 82% under pair flipping, but 53 to 60%
on the fine-tuned digits (the probe 87 to 98%), 33 to 35% for look-alike
labels, 50 to 68% for confusion noise and 54 to 74% on the long tails.
What a featureless filter lacks is an estimate of the noise rate from the
scores alone.
"""

import numpy as np
from sklearn.mixture import GaussianMixture

from sknucs._label_noise import probe_labels
from sknucs._labels import encode_labels
from sknucs.benchmark._runner import task_context
from sknucs.benchmark._store import ArrayCache

from _output import publish
from probe_recall import held_out_parts, parse_kind_args, tasks_and_wrong_labels


def mixture_flags(scores):
    """Rows of the high component of a two-component Gaussian mixture on ``scores``, and that component's weight."""
    values = np.asarray(scores, dtype=float).reshape(-1, 1)
    mixture = GaussianMixture(2, random_state=0).fit(values)
    high = int(np.argmax(mixture.means_.ravel()))
    return mixture.predict_proba(values)[:, high] > 0.5, float(mixture.weights_[high])


def top_of_each_class(scores, codes, fraction):
    """The rows among the highest ``fraction`` of scores inside each class."""
    flags = np.zeros(codes.size, dtype=bool)
    for label in np.unique(codes):
        rows = np.flatnonzero(codes == label)
        flags[rows[np.argsort(scores[rows], kind="stable")[::-1][:int(round(fraction * rows.size))]]] = True
    return flags


def recall_cells(flags, wrong):
    """Rows flagged, and precision and recall against ``wrong`` (blank on a clean task)."""
    if wrong is None:
        return f"{flags.mean():.1%} | | "
    precision = wrong[flags].mean() if flags.any() else 0.0
    return f"{flags.mean():.1%} | {precision:.1%} | {flags[wrong].mean():.1%}"


def task_lines(name, config, cache):
    """One table line per task of ``config``: the mixture's flags and the probe's, against the wrong labels."""
    arrays = ArrayCache(f"{cache}/arrays")
    lines = []
    for task, wrong in tasks_and_wrong_labels(config):
        context = task_context(task, config, arrays)
        classes, codes = encode_labels(task.y_pool)
        scores = np.asarray(context.scores, dtype=float)
        mean = scores.mean(axis=1) if scores.ndim == 2 else scores
        flags, weight = mixture_flags(mean)
        suspects = probe_labels(context.features, codes, classes.size).suspects
        truth = oracle = ""
        if wrong is not None:
            truth, oracle = f"{wrong.mean():.1%}", f"{wrong[top_of_each_class(mean, codes, wrong.mean())].mean():.1%}"
        lines.append(f"| {name} | {task.key} | {truth} | {recall_cells(flags, wrong)} | "
                     f"{recall_cells(suspects, wrong)} | {weight:.2f} | {oracle} |")
    return lines


def main():
    known = held_out_parts()
    args = parse_kind_args(__doc__, "docs/results/score_noise_signal.md", known)
    lines = ["# Can the scores alone find the wrong labels? (a check, no round)", "",
             "Made by `python benchmarks/score_noise_signal.py`. Mixture: a two-component Gaussian mixture on the "
             "pool's mean scores, the rows of its high component flagged. Probe: the noise filter's, on the "
             "features (what the default uses when it has them). Precision: flagged rows really wrong; recall: "
             "wrong labels flagged; blank on a clean task.", "",
             "| kind | task | labels really wrong | mixture: rows flagged | precision | recall "
             "| probe: rows flagged | precision | recall | mixture's high weight "
             "| oracle: each class's top at the true rate, precision |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name in args.kinds:
        lines += task_lines(name, known[name][1], args.cache)
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
