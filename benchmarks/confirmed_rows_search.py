"""Does the ridge search choose another cut-off when scored on the rows the probe confirms?

Usage::

    python benchmarks/confirmed_rows_search.py [--cache benchmarks/cache]
        [--out docs/results/confirmed_rows_search.md] [--kinds pair30 noise40 noise30]

The fifteenth session's lead for the pair-flipping miss (``pair30`` at 90%,
1.60 points behind BWS): the default's ridge search scores each window on
every row the noise filter trusts, about 11% of which still carry a wrong
label there; scored on the rows whose probe's likeliest class, out of fold,
is their label (the confirmed rows) it might stop below its cap, as BWS's
window does (k = 0.5). This diagnostic fits the default with features on
each kind's cached scores and features, seeds 0-2, once as it is and once
with the search's evaluation rows narrowed to the confirmed ones (its proxy
swapped for the fit), and gives the cut-off ``k`` each chose. No model is
trained: where the cut-offs agree, the coresets are the same.
"""

import contextlib

import numpy as np

from sknucs import NUCSSelector
from sknucs import _ridge_window
from sknucs._label_noise import out_of_fold_decisions
from sknucs._proxies import RidgeProxy
from sknucs.benchmark._runner import task_context
from sknucs.benchmark._store import ArrayCache
from sknucs.benchmark._tasks import build_tasks

from _ablation import parse_args
from _output import publish
from new_kinds import kinds

KINDS = ("pair30", "noise40", "noise30")
"""The kinds whose misses (90% and 70-90%) the lead was about, and a kind of the same noise that the default meets."""
SEEDS = (0, 1, 2)


class ConfirmedRowsProxy(RidgeProxy):
    """The search's ridge proxy, scored on the rows whose probe's likeliest class (out of fold) is their label."""

    def prepare(self, features, codes, random_state):
        super().prepare(features, codes, random_state)
        confirmed = out_of_fold_decisions(features, codes, self.n_classes).argmax(axis=1) == codes
        self.eval_rows = self.eval_rows[confirmed[self.eval_rows]]
        self.eval_codes = codes[self.eval_rows]
        self.eval_features = self.features[self.eval_rows]
        return self


@contextlib.contextmanager
def confirmed_rows_search():
    """Within the block, the default's window search builds :class:`ConfirmedRowsProxy`."""
    original = _ridge_window.RidgeProxy
    _ridge_window.RidgeProxy = ConfirmedRowsProxy
    try:
        yield
    finally:
        _ridge_window.RidgeProxy = original


def cut_offs(context, y, rate):
    """The cut-off ``k`` of the default per seed: scored on the trusted rows, then on the confirmed ones."""
    def fit(seed):
        return NUCSSelector(rate, random_state=seed).fit(context.scores, y, features=context.features).window_

    trusted = [fit(seed) for seed in SEEDS]
    with confirmed_rows_search():
        confirmed = [fit(seed) for seed in SEEDS]
    return trusted, confirmed


def main():
    known = kinds()
    args = parse_args(__doc__, "docs/results/confirmed_rows_search.md", lambda parser: parser.add_argument(
        "--kinds", nargs="+", choices=sorted(known), default=list(KINDS)))
    lines = ["# The ridge search scored on the rows the probe confirms", "",
             "Made by `python benchmarks/confirmed_rows_search.py`: the default's cut-off `k` with features, "
             "seeds " + ", ".join(map(str, SEEDS)) + ", its search scored on every row the noise filter trusts "
             "(as it is) and on the rows whose probe's likeliest class, out of fold, is their label.", "",
             "| kind | task | rate | k, trusted rows | k, confirmed rows |", "|---|---|---|---|---|"]
    same = total = 0
    for name in args.kinds:
        config = known[name][1]
        for dataset, track in config.tasks:
            for task in build_tasks(dataset, track, config):
                context = task_context(task, config, ArrayCache(f"{args.cache}/arrays"))
                for rate in config.rates:
                    trusted, confirmed = cut_offs(context, task.y_pool, rate)
                    same += int(np.sum(np.isclose(trusted, confirmed)))
                    total += len(SEEDS)
                    lines.append(f"| {name} | {task.key} | {rate:.0%} | " + ", ".join(f"{k:g}" for k in trusted)
                                 + " | " + ", ".join(f"{k:g}" for k in confirmed) + " |")
    lines += ["", f"The same cut-off in {same} of {total} fits."]
    publish("\n".join(lines) + "\n", args.out)


if __name__ == "__main__":
    main()
