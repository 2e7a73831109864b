"""Sphinx configuration: Markdown pages (MyST), API from numpydoc docstrings.

Built with warnings as errors by ``make docs`` (and so by ``.ci/run``).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sknucs  # noqa: E402

project = "sknucs"
author = "sknucs developers"
copyright = "2025, sknucs developers"
release = sknucs.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "numpydoc",
]

source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
# docs/results/ holds benchmark output (tables, plots) that pages include or
# link; its Markdown files are not pages of their own.
exclude_patterns = ["_build", "results", "Thumbs.db", ".DS_Store"]

# No network at build time: no intersphinx, nothing fetched.
myst_enable_extensions = ["dollarmath", "colon_fence"]
myst_heading_anchors = 3

autodoc_typehints = "none"
autodoc_member_order = "bysource"
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
numpydoc_xref_param_type = False

html_theme = "alabaster"
html_title = f"sknucs {release}"

# Figures of docs/plotting.md are drawn from their code at build time.
extensions.append("matplotlib.sphinxext.plot_directive")
plot_include_source = True
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 100)]
