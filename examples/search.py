"""Tune an RBF support-vector classifier for customer churn with an exhaustive grid search."""

from __future__ import annotations

import pandas as pd
from sklearn.decomposition import PCA
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GridSearchCV, cross_val_score, train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import SVC

FEATURES = ["tenure", "monthly_charges", "total_charges", "support_calls", "logins_last_30d"]

df = pd.read_csv("data/customers.csv", usecols=[*FEATURES, "churned"])
df = df.drop_duplicates()
X_train, X_test, y_train, y_test = train_test_split(
    df[FEATURES], df["churned"], test_size=0.25, stratify=df["churned"], random_state=0
)

baseline = HistGradientBoostingClassifier(max_iter=200, random_state=0)
print("baseline accuracy", cross_val_score(baseline, X_train, y_train, cv=5).mean())

pipe = Pipeline(
    [("scale", StandardScaler()), ("pca", PCA(n_components=4)), ("svc", SVC(kernel="rbf"))]
)
param_grid = {
    "pca__n_components": [2, 3, 4, 5],
    "svc__C": [0.1, 1, 10],
    "svc__gamma": ["scale", 0.001, 0.01, 0.1, 1.0],
}
search = GridSearchCV(pipe, param_grid, cv=5, n_jobs=-1)
search.fit(X_train, y_train)
print("best parameters", search.best_params_)
print("test accuracy", search.score(X_test, y_test))
