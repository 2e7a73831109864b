"""Sphinx configuration: Markdown pages (MyST), API from numpydoc docstrings,
an example gallery (sphinx-gallery), pydata-sphinx-theme.

Built with warnings as errors by ``make docs`` (and so by ``.ci/run``).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from threadpoolctl import threadpool_limits  # noqa: E402

import sknucs  # noqa: E402

# The gallery's and plots' models are small: BLAS threads only compete with each
# other (on a shared 2-core machine an example took ten times longer with them).
threadpool_limits(limits=1)

project = "sknucs"
author = "sknucs developers"
copyright = "2025, sknucs developers"
release = sknucs.__version__
version = release

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
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

html_theme = "pydata_sphinx_theme"
html_title = f"sknucs {release}"
html_theme_options = {
    "navigation_with_keys": False,
    "header_links_before_dropdown": 5,
    "show_toc_level": 2,
}
html_sidebars = {"index": []}

# The gallery: examples/plot_*.py run at build time on the digits data (seconds
# each); their pages, figures and notebooks go to docs/auto_examples (git-ignored).
sphinx_gallery_conf = {
    "examples_dirs": "../examples",
    "gallery_dirs": "auto_examples",
    "filename_pattern": "/plot_",
    "within_subsection_order": "NumberOfCodeLinesSortKey",
    "download_all_examples": False,
    "write_computation_times": False,
    "remove_config_comments": True,
    "matplotlib_animations": False,
    "abort_on_example_error": True,
    "reset_modules": ("matplotlib",),
}

# Figures of docs/plotting.md are drawn from their code at build time.
extensions.append("matplotlib.sphinxext.plot_directive")
plot_include_source = True
plot_html_show_source_link = False
plot_html_show_formats = False
plot_formats = [("png", 100)]
