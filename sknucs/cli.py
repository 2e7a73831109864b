"""The ``sknucs`` command: ``sknucs select`` and ``sknucs demo``.

``sknucs select --scores S --labels Y --rate 0.7 --out kept.npy`` keeps a
NUCS coreset of the samples described by the score and label files and
writes the kept row indices; ``sknucs demo`` runs the README's benchmark
(``python -m sknucs.benchmark --mode quick``); ``sknucs --version``
prints the installed version. Errors are one line on stderr and exit code
2, warnings one line each on stderr; Ctrl-C, at any point after Python's own
start-up (numpy and scikit-learn load inside the command), is one line and
exit code 130. Options are checked by the parser, in its terms.
"""

import argparse
import contextlib
import importlib.metadata
import importlib.util
import logging
import math
import os
import sys
import warnings
from pathlib import Path

__all__ = ["build_parser", "main"]

#: Exit code of usage and data errors.
EXIT_USAGE = 2
#: Exit code after Ctrl-C (128 + SIGINT).
EXIT_INTERRUPTED = 130
#: Exit code when the reader of stdout went away (``| head``), as a shell gives (128 + SIGPIPE).
EXIT_BROKEN_PIPE = 141


DESCRIPTION = "Coreset selection with NUCS (non-uniform class-wise coreset selection)."
EPILOG = """commands:
  sknucs select --scores S --labels Y --rate 0.7 --out kept.npy
      keep a NUCS coreset of the samples in the score and label files and
      write the kept row indices
  sknucs demo
      run the README's benchmark (python -m sknucs.benchmark --mode quick)

'sknucs COMMAND --help' describes a command's options. Errors are one line
on stderr with exit code 2; Ctrl-C exits with code 130."""


class CommandError(Exception):
    """A problem with the user's input, reported as one line and exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors are one line: ``prog: error: message``."""

    def error(self, message):
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _number(name, low, high=None, *, high_closed=True, low_closed=True):
    """An argparse type: a finite float in [low, high] (or with an open end), errors in CLI terms.

    Parameters
    ----------
    name : str
        What the number is, as the error message says it (``"the pruning rate"``).
    low, high : float
        Bounds; ``high=None`` means no upper bound.
    high_closed, low_closed : bool, default=True
        Whether ``high`` and ``low`` themselves are allowed.

    Returns
    -------
    parse : callable
        ``parse(text) -> float``, raising :class:`argparse.ArgumentTypeError`.
    """
    opening = "[" if low_closed else "("
    if high is None:
        allowed = f"a number {'>=' if low_closed else '>'} {low:g}"
    else:
        allowed = f"a number in {opening}{low:g}, {high:g}{']' if high_closed else ')'}"

    def parse(text):
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        above = high is not None and (value > high if high_closed else value >= high)
        below = value < low if low_closed else value <= low
        if not math.isfinite(value) or below or above:
            raise argparse.ArgumentTypeError(f"{name} must be {allowed}, got {text!r}")
        return value

    return parse


_rate = _number("the pruning rate (fraction of samples removed)", 0, 1, high_closed=False)
_min_share = _number("the floor (fraction of each class's proportional share)", 0, 1)
_winsorize = _number("the fraction clipped at each tail", 0, 0.5, high_closed=False)


def _integer(name, high=None, high_text=None):
    """An argparse type: an integer in [0, high) (no upper bound when ``high`` is None), errors in CLI terms.

    ``high_text`` is how the error message writes ``high`` (``"2**32"``); ``str(high)`` by default.
    """
    allowed = f"an integer in [0, {high_text or high})" if high is not None else "an integer >= 0"

    def parse(text):
        try:
            value = int(text)
        except ValueError:
            value = -1
        if value < 0 or (high is not None and value >= high):
            raise argparse.ArgumentTypeError(f"{name} must be {allowed}, got {text!r}")
        return value

    return parse


_seed = _integer("the seed", 2**32, "2**32")
"""An integer seed in [0, 2**32), as numpy's generators take."""
_easy_cut_ramp = _integer("the easy cut's ramp (class budget, in rows, from which the cut is whole)")


def _word_or_number(words, number, message):
    """An argparse type: one of ``words`` as given, else ``number(text)``, its error replaced by ``message``."""
    def parse(text):
        if text in words:
            return text
        try:
            return number(text)
        except argparse.ArgumentTypeError:
            raise argparse.ArgumentTypeError(f"{message}, got {text!r}") from None

    return parse


_exponent = _word_or_number(("auto",), _number("the softening exponent", 0),
                            "the softening exponent must be 'auto' or a number >= 0")
_window = _word_or_number(("auto",), _number("the window endpoint", 0, 1),
                          "the window endpoint must be 'auto' or a number in [0, 1]")
_noise_filter = _word_or_number(
    ("off",), _number("the noise filter's threshold (fraction of suspect labels)", 0, 1),
    "the noise filter's threshold must be 'off' or a number in [0, 1]")
_noise_cut = _word_or_number(
    ("auto",), _number("the noise cut (fraction of the estimated noise rate cut at the top)", 0, 1),
    "the noise cut must be 'auto' or a number in [0, 1]")
_easy_cut = _word_or_number(
    ("auto",), _number("the easy cut (fraction of each class's easiest rows left out)", 0, 1, high_closed=False),
    "the easy cut must be 'auto' or a number in [0, 1)")
_easy_cut_agreement = _word_or_number(
    ("off",), _number("the score runs' agreement the easy cut needs", -1, 1),
    "the score runs' agreement the easy cut needs must be 'off' or a number in [-1, 1]")
_window_cap = _word_or_number(
    ("auto", "off"), _number("the cap on the searched window endpoint", 0, 1, low_closed=False),
    "the cap on the searched window endpoint must be 'auto', 'off' or a number in [0, 1] above 0")


def _selector_defaults():
    """NUCSSelector's defaults of the options that ``--paper`` sets.

    scikit-learn is imported here, inside :func:`main`, not when the module
    loads: Ctrl-C during that second of start-up is then one line too.
    """
    from ._selector import PAPER_SETTINGS, NUCSSelector

    return {name: value for name, value in NUCSSelector().get_params().items() if name in PAPER_SETTINGS}


def build_parser():
    """The argument parser of the ``sknucs`` command.

    Returns
    -------
    parser : argparse.ArgumentParser
    """
    defaults = _selector_defaults()
    parser = _Parser(
        prog="sknucs", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {package_version()}")
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
                             "the window is chosen by a ridge classifier on them, and the noise "
                             "filter leaves out the rows whose label they contradict")
    select.add_argument("--rate", type=_rate, required=True, metavar="RATE",
                        help="pruning rate: fraction of samples removed, in [0, 1)")
    select.add_argument("--out", required=True, metavar="FILE",
                        help="where the kept indices go (.npy, .txt or .csv), written atomically")
    select.add_argument("--paper", action="store_true",
                        help="the paper's method: contiguous class-wise window, k by the ridge search "
                             "over the whole grid, every row (--sampling window --window-scale class "
                             "--window auto --noise-filter off --window-cap off --noise-cut 0 --easy-cut 0 "
                             "--exponent 1); the options below override it")
    select.add_argument("--allocation", choices=("difficulty", "proportional", "agnostic"),
                        help="how the budget is split across classes (default: %s)" % defaults["allocation"])
    select.add_argument("--window", type=_window, metavar="K",
                        help="window endpoint (cut-off for coverage sampling) k in [0, 1] (1 = hardest) "
                             "or 'auto' (default: %s)" % defaults["window"])
    select.add_argument("--exponent", type=_exponent, metavar="G",
                        help="softening exponent on class difficulty, >= 0, or 'auto' (0.75 when the "
                             "largest class has at most twice the rows of the smallest, else 1) "
                             "(default: %s; --paper: 1)" % defaults["exponent"])
    select.add_argument("--min-share", type=_min_share, metavar="F",
                        help="floor on each class's budget as a fraction, in [0, 1], of its "
                             "proportional share (default: %s)" % defaults["min_share"])
    select.add_argument("--sampling", choices=("window", "stratified", "coverage"),
                        help="how a class's budget is taken from its difficulty order "
                             "(default: %s)" % defaults["sampling"])
    select.add_argument("--window-scale", choices=("class", "global", "auto"),
                        help="whether k is a quantile of each class's difficulty or of the "
                             "whole set's; auto: the whole set's when the largest class has at most "
                             "twice the rows of the smallest (default: %s)" % defaults["window_scale"])
    select.add_argument("--noise-filter", type=_noise_filter, metavar="T",
                        help="with --features: leave out the rows whose label the features contradict "
                             "when they are at least this fraction of the rows (and the features agree with "
                             "the labels more than chance), "
                             "in [0, 1], or 'off' (default: %s; --paper: off)"
                             % ("off" if defaults["noise_filter"] is None else f"{defaults['noise_filter']:g}"))
    select.add_argument("--window-cap", type=_window_cap, metavar="K",
                        help="the largest endpoint the ridge search may choose, in (0, 1], 'auto' "
                             "(1 up to 60%% pruning, 0.95 from 70%% on) or 'off' "
                             f"(default: {'off' if defaults['window_cap'] is None else defaults['window_cap']}; "
                             "--paper: off); without --features, the cut-off of coverage sampling ('auto': 1 "
                             "up to 60%% pruning, 0.95 from 70%%)")
    select.add_argument("--noise-cut", type=_noise_cut, metavar="F",
                        help="when the noise filter left rows out, the searched endpoint is at most "
                             "1 - F x their fraction, F in [0, 1], or 'auto' (1 - min(their fraction / 4, "
                             "0.05)); 0 turns it off (default: %s; --paper: 0)" % defaults["noise_cut"])
    select.add_argument("--easy-cut", type=_easy_cut, metavar="F",
                        help="coverage sampling leaves each class's easiest fraction F, in [0, 1), out of its "
                             "draw, or 'auto' (0.3 when the noise filter ran on --features it believes, else 0) "
                             "(default: %s; --paper: 0)" % defaults["easy_cut"])
    select.add_argument("--easy-cut-ramp", type=_easy_cut_ramp, metavar="B",
                        help="a class that keeps fewer than B rows leaves out only its share b/B of the easy "
                             "cut's rows; 0 cuts them whole at every budget (default: %s; --paper: 0)"
                        % defaults["easy_cut_ramp"])
    select.add_argument("--easy-cut-agreement", type=_easy_cut_agreement, metavar="T",
                        help="with --easy-cut auto, the cut applies only where the score runs (columns of "
                             "--scores) agree at least T on the order inside each class (within-class Spearman "
                             "correlation), T in [-1, 1], or 'off': no condition (default: %s; --paper: off)"
                        % ("off" if defaults["easy_cut_agreement"] is None else defaults["easy_cut_agreement"]))
    select.add_argument("--runs-disagree", choices=("keep", "uniform", "uniform_cut", "uniform_ranks"),
                        metavar="{keep,uniform,uniform_cut,uniform_ranks}",
                        help="where the score runs agree less than --easy-cut-agreement: "
                             "'uniform' also draws each class's budget, proportional to its size, over its whole "
                             "range; 'uniform_cut' the same up to the search's cap (--window-cap, the noise cut); "
                             "'uniform_ranks' spreads it evenly over the class's ranks; without --features each "
                             "below the featureless cut-off (--window-cap); "
                             "'keep' gives up the easy cut alone (default: %s; --paper: keep)"
                        % defaults["runs_disagree"])
    select.add_argument("--winsorize", type=_winsorize, default=0.05, metavar="F",
                        help="fraction clipped at each tail of a class's scores, in [0, 0.5) "
                             "(default: %(default)s)")
    select.add_argument("--higher-is-easier", action="store_true",
                        help="scores where higher means easier (AUM, confidence)")
    select.add_argument("--negative-scores", choices=("auto", "raise", "rank"), default="auto",
                        help="with negative scores, fail or use percentile ranks; auto: ranks with "
                             "--higher-is-easier, fail otherwise (default: %(default)s)")
    select.add_argument("--difficulty-on", choices=("auto", "scores", "ranks"),
                        help="what the class difficulty averages: the scores, their percentile ranks, or auto: "
                             "ranks where half of some class's rows share the lowest score (counts such as "
                             "forgetting events), the scores otherwise (default: auto; --paper: scores)")
    select.add_argument("--duplicates", choices=("keep", "skip"),
                        help="with --features: 'skip' leaves every copy of an image but the first (rows whose "
                             "features repeat an earlier row of their class) out of the draw, 'keep' keeps "
                             "them as rows (default: skip; --paper: keep)")
    select.add_argument("--seed", type=_seed, default=0, metavar="N",
                        help="seed of the tie-breaking permutation (default: %(default)s)")
    select.add_argument("--verbose", action="store_true",
                        help="report on stderr each stage of the fit with features (the noise filter's probe, "
                             "the window search) and its time, as it ends: on large data they take minutes")
    select.set_defaults(handler=run_select)

    demo = commands.add_parser(  # its options, --help included, are the benchmark's
        "demo", help="run the README's benchmark (needs the torch extra and Fashion-MNIST)",
        description="Run python -m sknucs.benchmark --mode quick; further arguments "
                    "(e.g. --out DIR, --device cuda) are passed on to it.", add_help=False,
    )
    demo.set_defaults(handler=run_demo)
    return parser


def package_version():
    """The installed distribution's version, else the imported package's.

    Returns
    -------
    version : str
    """
    try:
        return importlib.metadata.version("sknucs")
    except importlib.metadata.PackageNotFoundError:
        from . import __version__

        return __version__


def _check_inputs_survive(out, args):
    """Refuse an ``--out`` that is one of the input files: it would be overwritten."""
    if not out.exists():
        return
    for name in ("--scores", "--labels", "--features"):
        path = getattr(args, name[2:])
        if path is not None and Path(path).exists() and os.path.samefile(out, path):
            raise CommandError(
                f"--out {str(out)!r} is the {name} file; writing the indices there would destroy "
                f"that input. Choose another --out."
            )


def _default_headers(paths):
    """Each input's first line where it is pandas' header of unnamed columns (``0,1,...``), else None."""
    from ._cli_io import first_row, is_default_header

    rows = {name: first_row(path) for name, path in paths.items()}
    return {name: row if row is not None and is_default_header(row) else None for name, row in rows.items()}


def _read_as_data(values, row):
    """Whether ``row``, a file's first line, is the first row of ``values`` read from it: kept, not dropped."""
    import numpy as np

    return [str(value) for value in np.atleast_1d(values[0])] == row


def _header_hint(inputs, paths):
    """A hint when one input has exactly one row more or fewer than the others: a header read as data, or not?"""
    rows = _default_headers(paths)
    pandas_header = {name: row is not None for name, row in rows.items()}

    def others(name):
        return {values.shape[0] for key, values in inputs.items() if key != name}

    for name, values in inputs.items():  # one row more: a header kept as data
        if others(name) != {values.shape[0] - 1}:
            continue
        if pandas_header[name]:
            return (f" Is the first line of {name}, {','.join(rows[name])!r}, the header pandas writes above "
                    f"unnamed columns (to_csv without header=False)? Above integers it cannot be told "
                    f"from data: remove that line.")
        if name == "--labels" and values.dtype.kind == "U":
            return (f" Is the first line of --labels, {str(values[0])!r}, a header? A header above "
                    f"word labels cannot be told from a label: remove that line.")
    for name, values in inputs.items():  # one row fewer: a first value skipped as pandas' header
        if others(name) == {values.shape[0] + 1} and pandas_header[name] and not _read_as_data(values, rows[name]):
            return (f" The first line of {name}, {','.join(rows[name])!r}, was skipped as the header pandas "
                    f"writes above unnamed columns of decimals; if it is a value, write it as one (0.0).")
    return ""


def _default_header_note(inputs, paths):
    """A note when every input is a text file whose first line, pandas' header of unnamed columns, was kept as data."""
    rows = _default_headers(paths)
    if any(row is None or not _read_as_data(inputs[name], row) for name, row in rows.items()):
        return None
    lines = " and ".join(f"{name} is {','.join(row)!r}" for name, row in rows.items())
    return (f"the first line of {lines}, what pandas' to_csv writes as the header of unnamed columns; "
            f"it was read as data. If these files were written that way, every row is shifted by "
            f"one: write them with header=False, or remove that line")


_CLI_TERMS = {"set negative_scores='rank'": "pass --negative-scores rank",
              "allocation='proportional'": "--allocation proportional",
              "higher_is_harder=False": "--higher-is-easier", "min_share": "--min-share"}
"""The selector's parameters, as its errors name them, and the options of ``sknucs select`` that set them."""


def _in_cli_terms(message):
    """A selector's error message with its parameters named as ``sknucs select``'s options."""
    for python, option in _CLI_TERMS.items():
        message = message.replace(python, option)
    return message


def _load_inputs(args):
    import numpy as np

    from ._cli_io import joined_number_labels, missing_labels, read_array, same_number_labels

    scores = read_array(args.scores, what="--scores")
    labels = read_array(args.labels, what="--labels", numeric=False)
    if labels.ndim == 2 and labels.shape[1] == 1:  # a column vector (y.reshape(-1, 1)), as a one-column text file
        labels = labels[:, 0]
    if labels.ndim != 1:
        raise CommandError(
            f"--labels {args.labels!r} must hold one label per sample (one column), "
            f"got shape {labels.shape}."
        )
    separator = joined_number_labels(labels)
    if separator is not None:
        raise CommandError(
            f"--labels {args.labels!r} holds {str(labels[0])!r} in its first row: numbers joined by "
            f"{separator!r}, not one label per row. A .csv file is split at commas, a .txt file at spaces or "
            f"tabs: write one label per line."
        )
    missing = missing_labels(labels)
    if missing.size:
        raise CommandError(
            f"--labels has a missing label ({str(labels[missing[0]])}) at row {missing[0]} (0-based, header "
            f"excluded; {missing.size} in all): every sample needs a class. Fill it in, or remove that sample "
            f"from every input."
        )
    from ._validation import MAX_SCORE_RUNS

    if scores.ndim == 2 and scores.shape[1] > MAX_SCORE_RUNS:
        raise CommandError(
            f"--scores has {scores.shape[1]} columns, more than the {MAX_SCORE_RUNS} runs that are averaged: "
            f"this looks like features. Give one score column per run as --scores, and features as "
            f"--features (or average the runs first)."
        )
    inputs = {"--scores": scores, "--labels": labels}
    paths = {"--scores": args.scores, "--labels": args.labels}
    if args.features is not None:
        features = read_array(args.features, what="--features")
        inputs["--features"] = features[:, None] if features.ndim == 1 else features  # one column: one feature
        paths["--features"] = args.features
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
        raise CommandError(
            f"inputs must have one row per sample, but {described} rows.{_header_hint(inputs, paths)}"
        )
    note = _default_header_note(inputs, paths)
    if note is not None:
        sys.stderr.write(f"sknucs select: warning: {note}\n")
    twins = same_number_labels(labels)
    if twins is not None:
        sys.stderr.write(f"sknucs select: warning: --labels {twins[0]!r} and {twins[1]!r} are two classes, though "
                         "they read as one number: labels are compared as written; write each class one way\n")
    return scores, labels, inputs.get("--features")


def _summary(selector, with_features):
    """Per-class table: samples, kept, kept %, class difficulty; then how k, the budgets and the draw came about.

    ``with_features``: whether ``--features`` were given (what the summary says features would add).
    """
    from ._selector import agrees_by_chance, format_agreement

    names = [c.decode(errors="replace") if isinstance(c, bytes) else str(c) for c in selector.classes_]
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
    search = selector.window_search_
    disagree = (f"the score runs disagree, agreement {selector.score_agreement_:.2f} < "
                f"{selector.easy_cut_agreement:g}") if selector.uniform_fallback_ else ""
    featureless = selector.window == "auto" and not with_features
    if search is not None:
        clauses = [f"ridge search over k <= {search.grid_.max():.3g}"]
    elif selector.uniform_fallback_ and selector.window == "auto":
        ranks = selector.sampling_ != selector.sampling
        clauses = [f"{disagree}: not searched" + ("; drawn evenly over each class's ranks" if ranks else "")]
        if featureless:  # since round twenty-three the fallback acts without features, below their cut-off
            clauses.append("no --features: no label checked, pass them")
    elif featureless:
        clauses = ["no --features: not searched, and no label checked; pass them for both"]
    else:
        clauses = []
    searched = f" ({'; '.join(clauses)})" if clauses else ""
    lines.append(f"window k = {selector.window_:.3g}{searched}")
    if selector.allocation == "difficulty":
        if selector.exponent != "auto":
            balance = ""
        elif selector.uniform_fallback_:
            balance = f" ({disagree}: sizes alone)"
        else:
            balance = " (balanced classes)" if selector.exponent_ < 1 else " (imbalanced classes)"
        on_ranks = "; S_j on percentile ranks" if selector.difficulty_on_ == "ranks" else ""
        lines.append(f"budgets ~ S_j^{selector.exponent_:g} N_j{balance}{on_ranks}")
    if selector.sampling_ == "coverage" and selector.easy_cut_ > 0:
        blind = (selector.easy_cut == "auto" and selector.easy_cut_agreement is not None
                 and math.isnan(selector.score_agreement_))  # one column: the condition could not be read
        lines.append(f"easy cut: each class's easiest {selector.easy_cut_:.0%} left out of the draw" + (
            " (one score column: whether scoring runs agree could not be checked)" if blind else ""))
    if selector.noise_rate_ is not None:
        if selector.suspects_excluded_:
            verdict = ", left out"
        elif agrees_by_chance(selector.label_agreement_):
            verdict = (f", kept; the features are not used (they agree with the labels "
                       f"{format_agreement(selector.label_agreement_)} beyond chance)")
        elif selector.noise_rate_ < selector.noise_filter:
            verdict = f", kept (below {selector.noise_filter:g})"
        else:
            verdict = ""
        lines.append(f"labels the features contradict: {selector.noise_rate_:.1%} of the rows{verdict}")
    if selector.repeated_rows_ is not None and selector.repeated_rows_.any():
        lines.append(f"copies: {int(selector.repeated_rows_.sum())} rows repeat an earlier row of their class, "
                     "left out of the draw")
    return "\n".join(lines)


_FEATURE_OPTIONS = ("--noise-filter", "--window-cap", "--noise-cut", "--duplicates")
"""Options of ``sknucs select`` that act on ``--features``; without them ``--window-cap`` is still the cut-off
of coverage sampling with ``--window auto`` (its ``auto``: :func:`sknucs._default_window.featureless_window`),
the others do nothing."""


def run_select(args, extra):
    """``sknucs select``: fit a NUCS selector on files and write the kept indices."""
    from ._cli_io import check_output_path, write_indices  # numpy loads here, inside main's Ctrl-C handler

    if extra:
        raise CommandError(f"unrecognized arguments: {' '.join(extra)}")
    out = check_output_path(args.out)
    _check_inputs_survive(out, args)
    scores, labels, features = _load_inputs(args)
    from ._selector import PAPER_SETTINGS, NUCSSelector

    settings = PAPER_SETTINGS if args.paper else _selector_defaults()
    settings = {**settings, **{name: getattr(args, name) for name in PAPER_SETTINGS
                               if getattr(args, name) is not None}}
    for name in ("noise_filter", "window_cap", "easy_cut_agreement"):
        if settings[name] == "off":
            settings[name] = None
    selector = NUCSSelector(
        rate=args.rate, **settings, winsorize=args.winsorize,
        higher_is_harder=not args.higher_is_easier,
        negative_scores=args.negative_scores, random_state=args.seed,
    )
    if features is None:
        cut_off_by_cap = settings["sampling"] == "coverage" and settings["window"] == "auto"
        unused = [option for option in _FEATURE_OPTIONS if getattr(args, option[2:].replace("-", "_")) is not None
                  and not (option == "--window-cap" and cut_off_by_cap)]
        if unused:
            sys.stderr.write(f"sknucs select: note: {', '.join(unused)} act on --features, which were not "
                             "given: without them no label is suspected, no copy found and no window searched\n")
    with warnings.catch_warnings(record=True) as caught, _stages_on_stderr(args.verbose):
        try:  # the active warning filters still apply
            selector.fit(scores, labels, features=features)
        except ValueError as exc:
            raise CommandError(_in_cli_terms(str(exc))) from exc
    for warning in caught:
        sys.stderr.write(f"sknucs select: warning: {_one_line(warning.message)}\n")
    write_indices(out, selector.sample_indices_)
    sys.stdout.write(_summary(selector, features is not None) + "\n")
    if scores.ndim == 2 and scores.shape[1] > 1:
        sys.stdout.write(f"scores: the mean of {scores.shape[1]} columns (runs) of --scores\n")
    sys.stdout.write(f"wrote {selector.n_selected_} of {labels.size} indices to {out}\n")
    return 0


def run_demo(args, extra):
    """``sknucs demo``: the README's benchmark, quick mode (``--help``: the benchmark's options)."""
    from .benchmark._cli import build_parser as benchmark_parser

    if {"-h", "--help"} & set(extra):  # needs no torch
        benchmark_parser(prog=f"sknucs {args.command}", parser_class=_Parser).parse_args(["--help"])
    if importlib.util.find_spec("torch") is None:
        raise CommandError(
            "sknucs demo trains networks and needs PyTorch: pip install 'sknucs[torch]' "
            "(or run `make demo`, which installs everything)."
        )
    from .benchmark._cli import main as benchmark_main

    forwarded = extra if "--mode" in extra else ["--mode", "quick", *extra]
    return benchmark_main(forwarded, prog=f"sknucs {args.command}", parser_class=_Parser)


def _one_line(exc):
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


@contextlib.contextmanager
def _stages_on_stderr(verbose):
    """While the fit runs, write the library's INFO records on stderr when ``verbose`` (one line each)."""
    if not verbose:
        yield
        return
    library = logging.getLogger("sknucs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("sknucs select: %(message)s"))
    level = library.level
    library.addHandler(handler)
    library.setLevel(logging.INFO)
    try:
        yield
    finally:
        library.removeHandler(handler)
        library.setLevel(level)


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
        when interrupted (Ctrl-C), at any point after Python's own start-up,
        with one line on stderr.
    """
    prog = "sknucs"
    try:
        args, extra = build_parser().parse_known_args(argv)
        prog = f"sknucs {args.command}"
        return args.handler(args, extra)
    except SystemExit as exc:  # --help, --version, or a usage error already printed
        return exc.code
    except BrokenPipeError:  # stdout's reader left (`| head`): no usage or data error; --out is already written
        try:  # nor a second error when Python flushes stdout at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return EXIT_BROKEN_PIPE
    except (CommandError, ImportError, ValueError, TypeError, OSError) as exc:
        sys.stderr.write(f"{prog}: error: {_one_line(exc)}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write(f"{prog}: interrupted\n")
        return EXIT_INTERRUPTED
