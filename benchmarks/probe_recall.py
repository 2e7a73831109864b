"""How many of the wrong labels the noise filter's probe finds, on the noisy held-out kinds.

Usage::

    python benchmarks/probe_recall.py [--cache benchmarks/cache] [--out docs/results/probe_recall.md]
        [--kinds noise10 noise40 ...]

For each noisy kind of ``new_kinds.py`` the task is built twice, with and
without its label noise (the benchmark knows the true labels), and the
probe of ``NUCSSelector``'s noise filter (:func:`sknucs._label_noise.suspect_labels`)
runs on the task's cached features, as the default's ``fit`` runs it. The
table gives the fraction of rows it suspects, the fraction really wrong,
its precision (suspects really wrong) and its recall (wrong labels
suspected). The features come from the cache that ``new_kinds.py`` fills
(computed here when missing).
"""

from sknucs._label_noise import suspect_labels
from sknucs._labels import encode_labels
from sknucs.benchmark._context import TaskContext
from sknucs.benchmark._runner import task_fingerprint
from sknucs.benchmark._store import ArrayCache
from sknucs.benchmark._tasks import build_tasks

from _ablation import parse_args
from _output import publish
from new_kinds import kinds

CLEAN = {"fmnist_noisy": "fmnist", "fmnist_asym": "fmnist", "fmnist_lt_noisy": "fmnist_lt", "digits_noisy": "digits"}
"""Each noisy data set's clean twin: the same rows with their true labels."""


def probe_rows(config, cache):
    """(task key, suspected, wrong, precision, recall) per task of ``config``, fractions in [0, 1]."""
    arrays = ArrayCache(f"{cache}/arrays")
    out = []
    for dataset, track in config.tasks:
        clean = build_tasks(CLEAN[dataset], track, config)
        for task, twin in zip(build_tasks(dataset, track, config), clean):
            context = TaskContext(task, config, arrays, "cpu", task_fingerprint(task, config))
            classes, codes = encode_labels(task.y_pool)
            suspects = suspect_labels(context.features, codes, classes.size)
            wrong = task.y_pool != twin.y_pool
            out.append((task.key, suspects.mean(), wrong.mean(), wrong[suspects].mean(), suspects[wrong].mean()))
    return out


def main():
    known = {name: kind for name, kind in kinds().items() if kind[1].tasks[0][0] in CLEAN}
    args = parse_args(__doc__, "docs/results/probe_recall.md", lambda parser: parser.add_argument(
        "--kinds", nargs="+", choices=sorted(known), default=list(known)))
    lines = ["# The noise filter's probe on the noisy held-out kinds", "",
             "Made by `python benchmarks/probe_recall.py`: seed-independent (the probe and the features of a "
             "task do not depend on the selection seed).", "",
             "| kind | task | rows suspected | labels really wrong | suspects really wrong | wrong labels suspected |",
             "|---|---|---|---|---|---|"]
    for name in args.kinds:
        for key, suspected, wrong, precision, recall in probe_rows(known[name][1], args.cache):
            lines.append(f"| {name} | {key} | {suspected:.1%} | {wrong:.1%} | {precision:.1%} | {recall:.1%} |")
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
