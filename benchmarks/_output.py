"""How the benchmark scripts build and publish a table: printed, and written to a file."""

import logging
from pathlib import Path

from sknucs.benchmark._report import summarize

LOGGER = logging.getLogger(__name__)


def publish(text, path=None):
    """Print ``text`` and write it to ``path`` (parent folders made), unless ``path`` is None."""
    print(text)
    if path is not None:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        LOGGER.info("written to %s", path)


def accuracy_table(rows, tasks, methods, rates):
    """Markdown lines: one per task and method, test accuracy mean ± std over seeds per rate."""
    stats = summarize(rows, "accuracy")
    lines = ["| task | method | " + " | ".join(f"{r:.0%}" for r in rates) + " |",
             "|---|---|" + "---|" * len(rates)]
    for dataset, track in tasks:
        for method in methods:
            cells = [stats.get((dataset, track, method, rate)) for rate in rates]
            lines.append(f"| {dataset} / {track} | {method} | "
                         + " | ".join(f"{m:.4f} ± {s:.4f}" for m, s, _ in cells) + " |")
    return lines
