"""
A coreset inside a pipeline
===========================

In an imbalanced-learn pipeline, :class:`~sknucs.NUCSSelector` is a step that
drops rows while the pipeline is fitted: the next step trains on the coreset,
and prediction runs on every sample. Given no scores, the selector scores
the samples itself, out of fold, with
:func:`~sknucs.default_score_estimator`. The pruning rate is then a
hyperparameter like any other, and cross-validation shows what it costs.
"""

# %%
# The pipeline
# ------------
import matplotlib.pyplot as plt
from imblearn.pipeline import make_pipeline
from sklearn.datasets import load_digits
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score
from sklearn.preprocessing import StandardScaler

from sknucs import NUCSSelector

X, y = load_digits(return_X_y=True)
pipeline = make_pipeline(StandardScaler(), NUCSSelector(rate=0.7, random_state=0),
                         LogisticRegression(max_iter=1000))
print(pipeline)

# %%
# Cross-validated accuracy against the pruning rate
# -------------------------------------------------
# Each fold scores and selects on its own training part only, so no test
# sample influences which rows are kept.
rates = [0.0, 0.5, 0.7, 0.9]
means, stds = [], []
for rate in rates:
    pipeline.set_params(nucsselector__rate=rate)
    accuracy = cross_val_score(pipeline, X, y, cv=3)
    means.append(accuracy.mean())
    stds.append(accuracy.std())
    print(f"rate {rate:.1f}: accuracy {accuracy.mean():.3f} ± {accuracy.std():.3f}")

fig, ax = plt.subplots(figsize=(6, 4))
ax.errorbar(rates, means, yerr=stds, marker="o", capsize=3)
ax.set_xlabel("pruning rate (fraction of each training fold removed)")
ax.set_ylabel("cross-validated accuracy")
ax.set_xticks(rates)
fig.tight_layout()
plt.show()
