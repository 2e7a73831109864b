"""
Select a coreset and look at it
===============================

Score every sample of the digits data by how hard a cross-validated logistic
regression finds it, keep 30% of the samples with
:class:`~sknucs.NUCSSelector`, and draw what it did: how many samples each
class keeps, and where in each class's difficulty order they sit.
"""

# %%
# Difficulty scores
# -----------------
# :func:`~sknucs.scores.cross_val_scores` scores each sample out of fold: the
# EL2N score of the model that did not see it in training (higher = harder).
import matplotlib.pyplot as plt
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from sknucs import NUCSSelector
from sknucs.plotting import plot_budgets, plot_windows
from sknucs.scores import cross_val_scores

X, y = load_digits(return_X_y=True)
classifier = make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000))
scores = cross_val_scores(classifier, X, y, random_state=0)

# %%
# Remove 70% of the samples
# -------------------------
# ``rate`` is the fraction removed. NUCS splits the budget across classes by
# each class's difficulty (the digits' classes are balanced, so the default
# softens the paper's proportion to ``S_j^0.75 N_j``, ``exponent_``) and,
# by default, draws each class's share across its difficulty range below a
# cut-off (the paper keeps one window of difficulty ranks).
selector = NUCSSelector(rate=0.7, random_state=0).fit(scores, y)
print(f"kept {selector.n_selected_} of {y.size} samples; window k = {selector.window_:.2f}")
print("kept per class:", selector.budgets_, "exponent:", selector.exponent_)

# %%
# Budgets and windows
# -------------------
# Left: each class's budget beside a split proportional to class size (what
# class-balanced random sampling keeps). Right: the samples each class keeps,
# on its own easy-to-hard axis.
fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
plot_budgets(selector, ax=left)
plot_windows(selector, scores, y, ax=right)
fig.tight_layout()
plt.show()
