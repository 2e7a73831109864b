"""The ``sknucs`` command: ``sknucs select`` and ``sknucs demo``.

``sknucs select --scores S --labels Y --rate 0.7 --out kept.npy`` keeps a
NUCS coreset of the samples described by the score and label files and
writes the kept row indices; ``sknucs demo`` runs the README's benchmark
(``python -m sknucs.benchmark --mode quick``). Errors are one line on
stderr and exit code 2.
"""

import argparse
import importlib.util
import sys

import numpy as np

from ._cli_io import check_output_path, read_array, write_indices
from ._selector import NUCSSelector

__all__ = ["build_parser", "main"]

#: Exit code of usage and data errors.
EXIT_USAGE = 2
#: Exit code after Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130


class CommandError(Exception):
    """A problem with the user's input, reported as one line and exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line: ``prog: error: message``."""

    def error(self, message):
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _rate(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"rate must be a number in [0, 1), got {text!r}") from None
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(
            f"rate is the fraction of samples removed and must be in [0, 1), got {text}"
        )
    return value


def _window(text):
    if text == "auto":
        return text
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"window must be 'auto' or a number in [0, 1], got {text!r}") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"window must be in [0, 1], got {text}")
    return value


def _non_negative(text):
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {text!r}") from None
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"expected a number >= 0, got {text}")
    return value


def build_parser():
    """The argument parser of the ``sknucs`` command.

    Returns
    -------
    parser : argparse.ArgumentParser
    """
    parser = _Parser(prog="sknucs", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    select = commands.add_parser(
        "select", help="select a coreset from score and label files",
        description="Keep a NUCS coreset and write the kept row indices. Inputs are "
        ".npy, .csv or .txt (one row per sample; a header line of names is skipped); "
        "the output format follows the extension of --out (.npy, .txt or .csv).",
    )
    select.add_argument("--scores", required=True, metavar="FILE",
                        help="difficulty scores, one row per sample; several columns "
                             "(runs, seeds) are averaged")
    select.add_argument("--labels", required=True, metavar="FILE",
                        help="class labels, one per sample (integers or text)")
    select.add_argument("--features", metavar="FILE",
                        help="learned features, one row per sample: with --window auto, "
                             "the window is chosen by a ridge classifier on them")
    select.add_argument("--rate", type=_rate, required=True,
                        help="pruning rate: fraction of samples removed, in [0, 1)")
    select.add_argument("--out", required=True, metavar="FILE",
                        help="where the kept indices go (.npy, .txt or .csv), written atomically")
    select.add_argument("--allocation", default="difficulty",
                        choices=("difficulty", "proportional", "agnostic"),
                        help="how the budget is split across classes (default: %(default)s)")
    select.add_argument("--window", type=_window, default="auto",
                        help="window endpoint k in [0, 1] (1 = hardest) or 'auto' "
                             "(default: %(default)s)")
    select.add_argument("--exponent", type=_non_negative, default=1.0,
                        help="softening exponent on class difficulty (default: %(default)s)")
    select.add_argument("--min-share", type=_non_negative, default=0.0,
                        help="floor on each class's budget as a fraction, in [0, 1], of its "
                             "proportional share (default: %(default)s, the paper)")
    select.add_argument("--sampling", choices=("window", "stratified", "coverage"), default="window",
                        help="how a class's budget is taken from its difficulty order "
                             "(default: %(default)s, the paper's contiguous band)")
    select.add_argument("--window-scale", choices=("class", "global"), default="class",
                        help="whether k is a quantile of each class's difficulty or of the "
                             "whole set's (default: %(default)s)")
    select.add_argument("--winsorize", type=_non_negative, default=0.05,
                        help="fraction clipped at each tail of a class's scores (default: %(default)s)")
    select.add_argument("--higher-is-easier", action="store_true",
                        help="scores where higher means easier (AUM, confidence)")
    select.add_argument("--negative-scores", choices=("raise", "rank"), default="raise",
                        help="with negative scores, fail or use percentile ranks (default: %(default)s)")
    select.add_argument("--seed", type=int, default=0,
                        help="seed of the tie-breaking permutation (default: %(default)s)")
    select.set_defaults(handler=run_select)

    demo = commands.add_parser(
        "demo", help="run the README's benchmark (needs the torch extra and Fashion-MNIST)",
        description="Run `python -m sknucs.benchmark --mode quick`; further arguments "
                    "(e.g. --out DIR, --device cuda) are passed on to it.",
    )
    demo.set_defaults(handler=run_demo)
    return parser


def _load_inputs(args):
    scores = read_array(args.scores, what="--scores")
    labels = read_array(args.labels, what="--labels", numeric=False)
    if labels.ndim != 1:
        raise CommandError(
            f"--labels {args.labels!r} must hold one label per sample (one column), "
            f"got shape {labels.shape}."
        )
    inputs = {"--scores": scores, "--labels": labels}
    if args.features is not None:
        inputs["--features"] = read_array(args.features, what="--features")
    for name in ("--scores", "--features"):
        values = inputs.get(name)
        if values is not None and not np.isfinite(values).all():
            rows = np.flatnonzero(~np.isfinite(values.reshape(values.shape[0], -1)).all(axis=1))
            raise CommandError(
                f"{name} has NaN or infinite values in {rows.size} row(s), first at "
                f"row(s) {rows[:5].tolist()} (0-based, header excluded)."
            )
    lengths = {name: values.shape[0] for name, values in inputs.items()}
    if len(set(lengths.values())) > 1:
        described = ", ".join(f"{name} has {n}" for name, n in lengths.items())
        raise CommandError(f"inputs must have one row per sample, but {described} rows.")
    return scores, labels, inputs.get("--features")


def _summary(selector):
    """Per-class table: samples, kept, kept %, class difficulty."""
    names = [str(c) for c in selector.classes_]
    width = max(len("class"), len("total"), *map(len, names))
    lines = [f"{'class':<{width}}  {'samples':>9}  {'kept':>9}  {'kept %':>7}  {'difficulty':>10}"]
    for name, count, kept, difficulty in zip(
        names, selector.class_counts_, selector.selected_per_class_, selector.class_difficulty_
    ):
        lines.append(f"{name:<{width}}  {count:>9}  {kept:>9}  {100 * kept / count:>7.1f}  "
                     f"{difficulty:>10.4g}")
    total = int(selector.class_counts_.sum())
    lines.append(f"{'total':<{width}}  {total:>9}  {selector.n_selected_:>9}  "
                 f"{100 * selector.n_selected_ / total:>7.1f}")
    lines.append(f"window k = {selector.window_:.3g}")
    return "\n".join(lines)


def run_select(args, extra):
    """``sknucs select``: fit a NUCS selector on files and write the kept indices."""
    if extra:
        raise CommandError(f"unrecognized arguments: {' '.join(extra)}")
    out = check_output_path(args.out)
    scores, labels, features = _load_inputs(args)
    selector = NUCSSelector(
        rate=args.rate, allocation=args.allocation, exponent=args.exponent,
        window=args.window, sampling=args.sampling, window_scale=args.window_scale,
        min_share=args.min_share, winsorize=args.winsorize,
        higher_is_harder=not args.higher_is_easier,
        negative_scores=args.negative_scores, random_state=args.seed,
    ).fit(scores, labels, features=features)
    write_indices(out, selector.sample_indices_)
    sys.stdout.write(_summary(selector) + "\n")
    sys.stdout.write(f"wrote {selector.n_selected_} of {labels.size} indices to {out}\n")
    return 0


def run_demo(args, extra):
    """``sknucs demo``: the README's benchmark, quick mode."""
    if importlib.util.find_spec("torch") is None:
        raise CommandError(
            "sknucs demo trains networks and needs PyTorch: pip install 'sknucs[torch]' "
            "(or run `make demo`, which installs everything)."
        )
    from .benchmark._cli import main as benchmark_main

    forwarded = extra if "--mode" in extra else ["--mode", "quick", *extra]
    return benchmark_main(forwarded)


def _one_line(exc):
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


def main(argv=None):
    """Entry point of the ``sknucs`` console script.

    Parameters
    ----------
    argv : list of str, default=None
        Arguments without the program name; None reads ``sys.argv``.

    Returns
    -------
    code : int
        0 on success, 2 on a usage or data error (one line on stderr), 130
        when interrupted.
    """
    try:
        args, extra = build_parser().parse_known_args(argv)
    except SystemExit as exc:  # --help, or a usage error already printed
        return exc.code
    try:
        return args.handler(args, extra)
    except (CommandError, ImportError, ValueError, TypeError, OSError) as exc:
        sys.stderr.write(f"sknucs {args.command}: error: {_one_line(exc)}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write(f"sknucs {args.command}: interrupted\n")
        return EXIT_INTERRUPTED
