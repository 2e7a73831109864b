"""Can the selector tell a head on a frozen backbone from a trained network? A check, no round.

Usage::

    python benchmarks/frozen_signal_check.py [--cache benchmarks/cache]
        [--out docs/results/frozen_signal_check.md]

The frozen backbone holds most of the README's misses, most of them
against BWS, and coverage on the whole training set's scale
(``window_scale="global"``) met more frozen cells than the default (the
guide's linear-probing row); on the development split, trained from
scratch and fine-tuned, that scale lost (round nineteen). A default could
take it where the features are the trained model's own input, if ``fit``
could see that from what it gets: the scores, the labels and the features.
This measures three things ``fit`` can compute, on every task of the
README's table (each task once, its scores and features read from the
benchmark's cache; a task not in the cache is computed, which trains):

- ``probe_rho``: how well the noise filter's cross-fitted ridge probe
  explains the scores, the Spearman correlation inside each class (mean
  over classes with more than ten rows) between the mean score and the
  probe's out-of-fold margin of the given label over the best other,
  negated. With a linear head on the features the scores are a linear
  model's own losses, so this should be higher than for a network that
  learnt its features.
- ``runs_agree``: the score runs' agreement on the order inside the
  classes (``score_agreement_``): a linear head's training is convex, so
  its runs should agree more.
- ``probe_accuracy``: the probe's out-of-fold accuracy on the given labels.

Reading (written after a first, exploratory pass over 50 of these tasks
had shown no separation, so this is a record, not a test of a prediction):
a statistic can carry a rule only if every frozen task lies on one side of a threshold and every other
task on the other. If none does, the selector cannot tell the frozen
backbone from the rest, and a head on frozen features stays the guide's
setting (``window_scale="global"``), not the default's.

Outcome: none does. On the 60 tasks, the 17 frozen ones had ``probe_rho``
0.61 to 0.96, ``runs_agree`` 0.64 to 0.92 and ``probe_accuracy`` 0.51 to
0.91, all inside the ranges of the 25 tasks trained from scratch (0.62 to
0.96, 0.45 to 0.94, 0.34 to 0.97): the features of a network trained on the
pool explain its scores as well as frozen features explain a linear head's.
"""

import logging

import numpy as np
from scipy.stats import spearmanr

from sknucs._label_noise import out_of_fold_decisions
from sknucs._score_agreement import within_class_agreement

from _ablation import parse_args
from _output import publish
from _readme_tasks import readme_tasks

LOGGER = logging.getLogger("frozen_signal_check")
STATISTICS = ("probe_rho", "runs_agree", "probe_accuracy")
"""The three statistics of a task, in the page's column order."""
FROZEN = "backbone_frozen"
"""The track of a linear head on frozen backbone features."""


def statistics(scores, codes, n_classes, features):
    """``probe_rho``, ``runs_agree`` and ``probe_accuracy`` of one task (see the module's docstring).

    Parameters
    ----------
    scores : ndarray of shape (n_samples,) or (n_samples, n_runs)
    codes : ndarray of shape (n_samples,), dtype int
    n_classes : int
    features : ndarray of shape (n_samples, n_features)

    Returns
    -------
    dict of str -> float
        ``runs_agree`` is NaN with a single score run.
    """
    runs = np.asarray(scores, dtype=float).reshape(codes.size, -1)
    decisions = out_of_fold_decisions(features, codes, n_classes)
    accuracy = float(np.mean(decisions.argmax(axis=1) == codes))
    own = decisions[np.arange(codes.size), codes]
    best_other = np.where(np.arange(n_classes) == codes[:, None], -np.inf, decisions).max(axis=1)
    hardness = best_other - own
    mean = runs.mean(axis=1)
    rhos = [spearmanr(mean[codes == j], hardness[codes == j])[0]
            for j in range(n_classes) if np.count_nonzero(codes == j) > 10]
    agree = within_class_agreement(runs, codes, n_classes) if runs.shape[1] > 1 else np.nan
    return {"probe_rho": float(np.nanmean(rhos)), "runs_agree": float(agree), "probe_accuracy": accuracy}


def task_rows(cache):
    """One row per distinct task of the README's parts: part, task, track, rows, and its statistics."""
    rows = []
    for part, task, context in readme_tasks(cache):
        classes, codes = np.unique(np.asarray(task.y_pool), return_inverse=True)
        row = {"part": part, "task": task.key, "track": task.track, "n": codes.size,
               **statistics(context.scores, codes, classes.size, context.features)}
        LOGGER.info("%s %s: %s", part, task.key, ", ".join(f"{s} {row[s]:.3f}" for s in STATISTICS))
        rows.append(row)
    return rows


def separation(rows, statistic):
    """Whether a threshold on ``statistic`` puts every frozen task on one side and every other on the other."""
    frozen = [r[statistic] for r in rows if r["track"] == FROZEN]
    other = [r[statistic] for r in rows if r["track"] != FROZEN]
    return min(frozen) > max(other) or max(frozen) < min(other)


def track_lines(rows):
    """Markdown: per track, the range and median of each statistic, and whether it separates the frozen track."""
    lines = ["| track | tasks | " + " | ".join(f"{s}: min / median / max" for s in STATISTICS) + " |",
             "|---|---|" + "---|" * len(STATISTICS)]
    for track in sorted({r["track"] for r in rows}):
        values = [[r[s] for r in rows if r["track"] == track] for s in STATISTICS]
        cells = [f"{np.nanmin(v):.3f} / {np.nanmedian(v):.3f} / {np.nanmax(v):.3f}" for v in values]
        lines.append(f"| {track} | {len(values[0])} | " + " | ".join(cells) + " |")
    lines.append("| separates the frozen track | | "
                 + " | ".join("yes" if separation(rows, s) else "no" for s in STATISTICS) + " |")
    return lines


def draw(rows, path):
    """One strip per statistic: each task a dot, by track."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    tracks = sorted({r["track"] for r in rows})
    fig, axes = plt.subplots(1, len(STATISTICS), figsize=(4 * len(STATISTICS), 3.2), sharey=True)
    jitter = np.random.RandomState(0)
    for ax, statistic in zip(axes, STATISTICS):
        for i, track in enumerate(tracks):
            values = [r[statistic] for r in rows if r["track"] == track]
            ax.scatter(values, i + jitter.uniform(-0.15, 0.15, len(values)), s=14,
                       color="tab:red" if track == FROZEN else "tab:blue")
        ax.set_xlabel(statistic)
        ax.grid(alpha=0.3)
    axes[0].set_yticks(range(len(tracks)), tracks)
    fig.suptitle("What fit can compute, by track: the frozen backbone (red) among the rest")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main():
    args = parse_args(__doc__, "docs/results/frozen_signal_check.md")
    rows = task_rows(args.cache)
    lines = ["# Can the selector tell a head on a frozen backbone?", "",
             "Made by `python benchmarks/frozen_signal_check.py`: three statistics `NUCSSelector.fit` could "
             "compute from the scores, labels and features, on every task of the README's table (each task once). "
             "`probe_rho`: Spearman's correlation inside the classes between the mean score and the noise "
             "filter's cross-fitted ridge probe's margin against the given label; `runs_agree`: the score runs' "
             "agreement inside the classes (`score_agreement_`); `probe_accuracy`: the probe's out-of-fold "
             "accuracy on the given labels. A statistic could carry a rule only if a threshold separated the "
             "frozen track from every other.", "", *track_lines(rows), ""]
    if args.out is not None:
        figure = args.out.with_suffix(".png")
        draw(rows, figure)
        lines += [f"![the statistics by track]({figure.name})", ""]
    lines += ["## Every task", "", "| part | task | track | rows | " + " | ".join(STATISTICS) + " |",
              "|---|---|---|---|" + "---|" * len(STATISTICS)]
    lines += [f"| {r['part']} | {r['task']} | {r['track']} | {r['n']} | "
              + " | ".join(f"{r[s]:.3f}" for s in STATISTICS) + " |" for r in rows]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
