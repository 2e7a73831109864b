"""sknucs: Non-Uniform Class-Wise Coreset Selection, scikit-learn style."""

__version__ = "0.1.0"
