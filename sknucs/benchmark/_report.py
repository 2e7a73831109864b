"""Benchmark outputs: CSV of every cell, markdown tables, accuracy plot."""

import csv
import json
import logging
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
    "oracle_values", "oracle_test_values", "select_seconds", "seconds", "fingerprint",
)


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


def write_csv(rows, path):
    """One line per cell; ``oracle_values`` and ``oracle_test_values`` as JSON lists."""
    with open(path, "w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "oracle_values": json.dumps(row.get("oracle_values")),
                             "oracle_test_values": json.dumps(row.get("oracle_test_values"))})


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
        lines.append("| method | " + " | ".join(f"{r:.0%}" for r in rates) + " |")
        lines.append("|---|" + "---|" * len(rates))
        for method in _methods(rows):
            values = [summary.get((dataset, track, method, r)) for r in rates]
            lines.append(f"| {method} | " + " | ".join(_cell(*v[:2]) if v else "" for v in values) + " |")
        lines.append("")
    return "\n".join(lines)


def plot_results(rows, path):
    """Test and worst-class accuracy vs pruning rate: a column per task, a line per method.

    Error bars are the std over seeds; the dashed line is the full-data mean.
    Drawn with matplotlib's Agg canvas (no display, global backend untouched).
    """
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    tasks = _task_keys(rows)
    metrics = ("accuracy", "worst_class_accuracy")
    figure = Figure(figsize=(4.5 * len(tasks), 3.6 * len(metrics)), constrained_layout=True)
    FigureCanvasAgg(figure)
    axes = figure.subplots(len(metrics), len(tasks), squeeze=False)
    # NUCS methods solid, baselines dashed; one colour each from a 20-colour map.
    colours = matplotlib.colormaps["tab20"]
    for row_axes, metric in zip(axes, metrics):
        summary = summarize(rows, metric)
        for ax, (dataset, track) in zip(row_axes, tasks):
            for i, method in enumerate(_methods(rows)):
                points = sorted((k[3], v) for k, v in summary.items() if k[:3] == (dataset, track, method))
                if points:
                    x = [p[0] for p in points]
                    ax.errorbar(x, [p[1][0] for p in points], yerr=[p[1][1] for p in points],
                                marker="os^vD<>"[i % 7], markersize=4, capsize=2,
                                color=colours(i % 20),
                                linestyle="-" if method.startswith("nucs") else "--",
                                label=method)
            full = summary.get((dataset, track, FULL_DATA, 0.0))
            if full is not None:
                ax.axhline(full[0], color="gray", linestyle="--", label="full data")
            ax.set_xticks(_rates(rows))
            ax.set_title(f"{dataset} / {track}")
            ax.set_xlabel("pruning rate")
            ax.set_ylabel(METRICS[metric].lower())
            ax.grid(alpha=0.3)
    axes[0, -1].legend(fontsize="small", loc="best")
    figure.savefig(path, dpi=110)


def _recipe_text(config):
    return json.dumps(config.to_dict(), indent=2)


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
    sections += ["## Recipe", "", "```json", _recipe_text(config), "```", ""]
    paths["markdown"].write_text("\n".join(sections))
    plot_results(rows, paths["plot"])
    logger.info("Wrote %s", ", ".join(str(p) for p in paths.values()))
    return paths
