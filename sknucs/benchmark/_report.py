"""Benchmark outputs: CSV of every cell, markdown tables, accuracy plot."""

import csv
import json
import logging
import zlib
from pathlib import Path

import numpy as np

logger = logging.getLogger(__name__)

FULL_DATA = "full"
"""Method name of the full-data reference row (rate 0)."""

METRICS = {
    "accuracy": "Test accuracy",
    "worst_class_accuracy": "Worst-class test accuracy",
    "balanced_accuracy": "Balanced test accuracy",
}
CSV_COLUMNS = (
    "dataset", "track", "method", "rate", "seed", "accuracy", "balanced_accuracy",
    "worst_class_accuracy", "val_accuracy", "n_selected", "n_pool", "window",
    "oracle_values", "oracle_test_values", "select_seconds", "seconds", "fingerprint", "scores_digest",
)
SIGNIFICANT_DIGITS = 6
"""Floats in results.csv are rounded to this many significant digits (no float noise)."""

METHOD_COLOURS = {
    "random": "#1f77b4", "balanced_random": "#d95f02", "el2n_hardest": "#8c564b",
    "ccs": "#2ca02c", "moderate": "#e7298a", "bws": "#9467bd",
    "nucs_proportional": "#0e7c86", "nucs": "#d62728", "nucs_paper": "#000000",
    "nucs_o": "#393b79", "nucs_sqrt": "#637939", "nucs_strat": "#8c6d31",
    "nucs_sqrt_strat": "#843c39", "nucs_coverage": "#7b4173", "nucs_sqrt_coverage": "#5254a3",
    "nucs_global": "#b8860b", "nucs_floor": "#ad494a", "nucs_perclass": "#6b6ecf",
    "nucs_gcov09": "#1b7837", "nucs_gcov": "#4d6b00", "nucs_cov_floor": "#a0522d",
    "nucs_coverage_rule": "#6a3d9a", "nucs_o_default": "#00688b",
    "nucs_unfiltered": "#a63603", "nucs_paper_filter": "#08519c", "nucs_capped": "#c51b7d",
    "nucs_whole_budgets": "#e6550d", "nucs_whole_capped": "#756bb1",
    "nucs_filter_v1": "#3182bd", "nucs_global_scale": "#7f2704", "nucs_auto_scale": "#54278f",
    "nucs_noise_cap": "#005a32", "nucs_auto_noise_cap": "#525252",
    "nucs_residual_cap": "#8e0152", "nucs_residual_cap4": "#276419", "nucs_round3": "#b35806",
    "nucs_share_floor": "#01665e", "nucs_uncapped": "#993404", "nucs_cap95": "#4a1486",
    "nucs_round6": "#7a0177", "nucs_round8": "#49006a", "nucs_no_noise_cut": "#225ea8",
    "nucs_round9": "#8c2d04", "nucs_cut_limit": "#3f007d",
    "nucs_exp50": "#006d2c", "nucs_exp75": "#67000d", "nucs_exp0": "#08306b", "nucs_round11": "#4b0082",
    "nucs_nofeat": "#8c510a", "nucs_nofeat_cap": "#00441b", "nucs_nofeat_m05": "#3690c0",
    "nucs_nofeat_95": "#762a83", "nucs_nofeat_95_50": "#7f3b08", "nucs_round15": "#00429d",
    "nucs_window": "#7d2e00", "nucs_coverage_global": "#2b5c8a", "nucs_window_global": "#8b2252",
    "nucs_easy30": "#0b6e4f", "nucs_round16": "#5e3c99", "nucs_round17": "#b8441c", "nucs_round20": "#2f6f9f",
    "nucs_round21": "#7b3294", "nucs_fallback_cut": "#1b9e77", "nucs_fallback_ranks": "#7570b3",
    "nucs_nofeat_round23": "#a6761d", "nucs_round23": "#800026", "nucs_rank_difficulty": "#99000d",
    "nucs_skip_dups": "#5b1a5e", "nucs_round24": "#1a4d5e", "nucs_linear_probe": "#5e3c1a",
}
"""Plot colour of each method, fixed by name so that a method keeps its colour in every plot.
All have a contrast of at least 3:1 against white (WCAG's level for graphics); grey is left
to the full-data line. A name not listed gets one of these colours by a hash of the name."""
MARKERS = "os^vD<>ph*"

TRACK_SETTINGS = {
    "scratch": ("scratch", "pool_size"),
    "finetune": ("pretrain", "finetune", "source_size", "finetune_pool_size"),
    "transfer": ("transfer", "weights", "image_size", "mean", "std", "pool_size"),
    "backbone_frozen": ("backbone", "pool_size"),
    "backbone_finetune": ("backbone",),
}
"""Configuration fields that only the tasks of a track read."""
DATASET_SETTINGS = {
    "fmnist_lt": ("imbalance_ratio",),
    "fmnist_lt_noisy": ("imbalance_ratio", "noise_rate"),
    "fmnist_step": ("step_ratio",),
    "fmnist_noisy": ("noise_rate",),
    "fmnist_asym": ("noise_rate",),
    "fmnist_pair": ("noise_rate",),
    "fmnist_confusion": ("noise_rate",),
    "fmnist_openset": ("noise_rate",),
    "fmnist_occluded": ("noise_rate",),
    "fmnist_dup": ("noise_rate",),
    "fmnist_neardup": ("noise_rate",),
    "fmnist_rot_lt": ("imbalance_ratio",),
    "fmnist_rot_noisy": ("noise_rate",),
    "digits_noisy": ("noise_rate",),
    "cifar10": ("data_root",),
    "cifar100": ("data_root",),
    "imagefolder": ("data_root", "image_size"),
}
"""Configuration fields that only the tasks of a data set read."""
ORACLE_SETTINGS = ("oracle_grid", "oracle_metric")
"""Configuration fields that only methods that train on each candidate (NUCS-O) read."""


def summarize(rows, metric):
    """Mean, std (ddof=0) and count of ``metric`` over seeds.

    Returns
    -------
    summary : dict
        ``(dataset, track, method, rate) -> (mean, std, n_seeds)``.
    """
    groups = {}
    for row in rows:
        groups.setdefault((row["dataset"], row["track"], row["method"], row["rate"]), []).append(row[metric])
    return {key: (float(np.mean(v)), float(np.std(v)), len(v)) for key, v in groups.items()}


def _task_keys(rows):
    return list(dict.fromkeys((row["dataset"], row["track"]) for row in rows))


def _methods(rows):
    return list(dict.fromkeys(row["method"] for row in rows if row["rate"] > 0))


def _rates(rows):
    return sorted({row["rate"] for row in rows if row["rate"] > 0})


def _rounded(value):
    """``value`` with its floats (also inside lists) to :data:`SIGNIFICANT_DIGITS` digits."""
    if isinstance(value, float):
        return float(f"{value:.{SIGNIFICANT_DIGITS}g}")
    if isinstance(value, (list, tuple)):
        return [_rounded(v) for v in value]
    return value


def write_csv(rows, path):
    """One line per cell; ``oracle_values`` and ``oracle_test_values`` as JSON lists.

    Floats are rounded to :data:`SIGNIFICANT_DIGITS` significant digits, so
    that a mean of 0.8493 is written as such and not as 0.8492999999999998.
    """
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            row = {key: _rounded(value) for key, value in row.items()}
            writer.writerow({**row, "oracle_values": json.dumps(row.get("oracle_values")),
                             "oracle_test_values": json.dumps(row.get("oracle_test_values"))})


INT_COLUMNS = ("seed", "n_selected", "n_pool")
JSON_COLUMNS = ("oracle_values", "oracle_test_values")
TEXT_COLUMNS = ("dataset", "track", "method", "fingerprint", "scores_digest")
OPTIONAL_COLUMNS = {"scores_digest"}
"""Columns that results.csv files written before they existed lack."""


def read_csv(path):
    """The rows of a ``results.csv`` as :func:`write_csv` got them (the inverse, up to its rounding).

    Numbers are parsed (``seed``, ``n_selected`` and ``n_pool`` as int), the
    oracle columns from JSON, and empty fields are None; the rows can seed a
    cache (``cells.jsonl``) so that a rerun computes only what is missing.
    """
    with open(path, newline="") as handle:
        rows = list(csv.DictReader(handle))
    missing = set(CSV_COLUMNS) - set(rows[0] if rows else CSV_COLUMNS) - OPTIONAL_COLUMNS
    if missing:
        raise ValueError(f"{path} is not a benchmark results.csv: no column {sorted(missing)}.")
    parsed = []
    for row in rows:
        out = {}
        for key, text in row.items():
            if key in TEXT_COLUMNS:
                out[key] = text
            elif key in JSON_COLUMNS:
                out[key] = json.loads(text) if text else None
            elif text == "":
                out[key] = None
            else:
                out[key] = int(text) if key in INT_COLUMNS else float(text)
        parsed.append(out)
    return parsed


def _cell(mean, std):
    return f"{mean:.4f} ± {std:.4f}"


def markdown_tables(rows, metric):
    """One markdown section per task: method x pruning rate, mean ± std over seeds."""
    summary = summarize(rows, metric)
    rates = _rates(rows)
    lines = []
    for dataset, track in _task_keys(rows):
        full = summary.get((dataset, track, FULL_DATA, 0.0))
        n_seeds = max((v[2] for k, v in summary.items() if k[:2] == (dataset, track)), default=0)
        lines += [f"#### {dataset} / {track}: {METRICS[metric].lower()} (mean ± std over {n_seeds} seeds)", ""]
        if full is not None:
            lines += [f"Full data (rate 0): {_cell(*full[:2])}", ""]
        lines.append("| method | " + " | ".join(f"{100 * r:.4g}%" for r in rates) + " |")  # 50%, 50.1%
        lines.append("|---|" + "---|" * len(rates))
        for method in _methods(rows):
            values = [summary.get((dataset, track, method, r)) for r in rates]
            lines.append(f"| {method} | " + " | ".join(_cell(*v[:2]) if v else "" for v in values) + " |")
        lines.append("")
    return "\n".join(lines)


def method_style(method):
    """Colour and marker of ``method`` in every plot, fixed by its name.

    Returns
    -------
    colour : str
    marker : str
    """
    names = list(METHOD_COLOURS)
    index = names.index(method) if method in names else zlib.crc32(method.encode()) % len(names)
    return METHOD_COLOURS[names[index]], MARKERS[index % len(MARKERS)]


def accuracy_figure(rows):
    """Test and worst-class accuracy vs pruning rate: a column per task, a line per method.

    Error bars are the std over seeds; the dashed grey line is the full-data
    mean. NUCS methods are drawn solid, baselines dashed, each in its own
    colour (:func:`method_style`). Drawn on matplotlib's Agg canvas (no
    display, global backend untouched).

    Parameters
    ----------
    rows : list of dict
        Cells as :func:`run_benchmark` returns them.

    Returns
    -------
    figure : matplotlib.figure.Figure
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    tasks = _task_keys(rows)
    metrics = ("accuracy", "worst_class_accuracy")
    figure = Figure(figsize=(4.5 * len(tasks), 3.6 * len(metrics)), constrained_layout=True)
    FigureCanvasAgg(figure)
    axes = figure.subplots(len(metrics), len(tasks), squeeze=False)
    for row_axes, metric in zip(axes, metrics):
        summary = summarize(rows, metric)
        for ax, (dataset, track) in zip(row_axes, tasks):
            for method in _methods(rows):
                points = sorted((k[3], v) for k, v in summary.items() if k[:3] == (dataset, track, method))
                if points:
                    colour, marker = method_style(method)
                    ax.errorbar([p[0] for p in points], [p[1][0] for p in points],
                                yerr=[p[1][1] for p in points], marker=marker, markersize=4,
                                capsize=2, color=colour,
                                linestyle="-" if method.startswith("nucs") else "--", label=method)
            full = summary.get((dataset, track, FULL_DATA, 0.0))
            if full is not None:
                ax.axhline(full[0], color="gray", linestyle="--", label="full data")
            ax.set_xticks(_rates(rows))
            ax.set_title(f"{dataset} / {track}: {METRICS[metric].lower()}")
            ax.set_xlabel("pruning rate")
            ax.set_ylabel(METRICS[metric].lower())
            ax.grid(alpha=0.3)
    axes[0, -1].legend(fontsize="small", loc="best")
    return figure


def plot_results(rows, path):
    """Save :func:`accuracy_figure` of ``rows`` to ``path``."""
    accuracy_figure(rows).savefig(path, dpi=110)


def used_settings(config):
    """The configuration as plain JSON, without the settings no task of it reads.

    Fields that only one track or data set reads (:data:`TRACK_SETTINGS`,
    :data:`DATASET_SETTINGS`: the transfer model, its image size and
    normalisation, the pretraining recipe, the backbone, the noise rate,
    ...) are kept only when a task of ``config`` has that track or data
    set; NUCS-O's grid and metric (:data:`ORACLE_SETTINGS`) only when a
    method of it trains on each candidate.

    Parameters
    ----------
    config : BenchmarkConfig

    Returns
    -------
    settings : dict
    """
    from ._methods import METHODS

    used, conditional = set(), set(ORACLE_SETTINGS)
    if any(METHODS[m].oracle for m in config.methods if m in METHODS):
        used.update(ORACLE_SETTINGS)
    for table, present in ((TRACK_SETTINGS, {t for _, t in config.tasks}),
                           (DATASET_SETTINGS, {d for d, _ in config.tasks})):
        for key, names in table.items():
            conditional.update(names)
            if key in present:
                used.update(names)
    return {key: value for key, value in config.to_dict().items()
            if key in used or key not in conditional}


def write_report(rows, config, out_dir, notes):
    """Write ``results.csv``, ``results.md`` and ``accuracy.png`` into ``out_dir``.

    Parameters
    ----------
    rows : list of dict
        Cells as :func:`run_benchmark` returns them.
    config : BenchmarkConfig
        Written into the markdown (the exact recipe).
    out_dir : str or path-like
        Created if absent.
    notes : dict of str -> str
        Per task, how its pool was built (subsampling), written to the markdown.

    Returns
    -------
    paths : dict
        ``"csv"``, ``"markdown"``, ``"plot"`` -> written paths.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {"csv": out_dir / "results.csv", "markdown": out_dir / "results.md", "plot": out_dir / "accuracy.png"}
    write_csv(rows, paths["csv"])
    sections = [
        f"# sknucs benchmark, mode `{config.mode}`", "",
        "Pruning rate = fraction of the training pool removed. Every method is trained with the same "
        "recipe; scores and features are shared. Std is over seeds (ddof=0).", "",
        "## Data", "",
        *[f"- {key}: {text}" for key, text in notes.items()], "",
        "## Results", "",
        markdown_tables(rows, "accuracy"),
        markdown_tables(rows, "worst_class_accuracy"),
    ]
    long_tailed = [r for r in rows if "_lt" in r["dataset"]]
    if long_tailed:
        sections.append(markdown_tables(long_tailed, "balanced_accuracy"))
    sections += ["## Recipe", "", "The settings this run's tasks read:", "",
                 "```json", json.dumps(used_settings(config), indent=2), "```", ""]
    paths["markdown"].write_text("\n".join(sections))
    plot_results(rows, paths["plot"])
    logger.info("Wrote %s", ", ".join(str(p) for p in paths.values()))
    return paths
