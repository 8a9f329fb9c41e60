"""Exploration: which backbone's features tell photographed faces from art, held out by source.

python3 training/art/compare_backbones.py CACHE_DIR [model ...]
For each model's features (training/node/embed.mjs) and the hand-made cues, a logistic regression is
trained leave-one-source-out; prints the out-of-fold AUC and, at the threshold that keeps 97 % of the
training folds' photos, the share of art caught and of photos lost in the held-out sources."""
import json
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

cache = sys.argv[1]
meta = json.load(open(f"{cache}/faces.json"))
rows = []  # (crop index, y (1 = art), group, set)
for r in meta["records"]:
    if r["class"] not in ("art", "photo") or r["set"] == "dev":
        continue
    for f in r["faces"]:
        if f["crop"] >= 0:
            rows.append((f["crop"], 1 if r["class"] == "art" else 0, r["group"], f))
idx = np.array([r[0] for r in rows])
y = np.array([r[1] for r in rows])
groups = np.array([r[2] for r in rows])
print(f"{len(rows)} faces: {y.sum()} art, {(1 - y).sum()} photo, {len(set(groups))} sources")

CUES = ["tflat", "eyeStd", "meshScore", "detScore", "ddetail", "aniso"]


def features(name):
    if name == "cues":
        return np.array([[(r[3]["measures"].get("cues") or {}).get(c, 0) for c in CUES] for r in rows])
    dim = json.load(open(f"{cache}/emb-{name}.json"))["dim"]
    allf = np.fromfile(f"{cache}/emb-{name}.f32", dtype=np.float32).reshape(-1, dim)
    return allf[idx]


def loso(X, C=0.1):
    oof = np.zeros(len(y))
    thr_by_fold = {}
    for g in sorted(set(groups)):
        te = groups == g
        tr = ~te
        if len(set(y[tr])) < 2:
            continue
        m = make_pipeline(StandardScaler(), LogisticRegression(C=C, max_iter=2000, class_weight="balanced"))
        m.fit(X[tr], y[tr])
        p_tr = m.predict_proba(X[tr])[:, 1]
        # Threshold that keeps 97 % of the training photos as photos.
        thr_by_fold[g] = np.quantile(p_tr[y[tr] == 0], 0.97)
        oof[te] = m.predict_proba(X[te])[:, 1]
    caught = np.array([oof[i] > thr_by_fold[groups[i]] for i in range(len(y))])
    return roc_auc_score(y, oof), caught[y == 1].mean(), caught[y == 0].mean()


names = sys.argv[2:] or ["cues", "antispoof", "liveness", "mobileface", "emotion", "gear"]
for name in names:
    X = features(name)
    for C in (0.01, 0.1, 1.0):
        auc, art, photo = loso(X, C)
        print(f"{name:12s} C={C:<5} dim={X.shape[1]:4d} AUC {auc:.3f}  art caught {art:.3f}  photos lost {photo:.3f}")
