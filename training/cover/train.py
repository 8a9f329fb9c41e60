"""Trains the part-visibility read-out (eyes, nose, mouth) and measures it held out by source.

python3 training/cover/train.py --caches DIR [DIR ...] (--cv OUT.json | --export MODELS_DIR)

Rows: each part of each face of training/cover/occlude.py's inputs (real faces, and real visible faces
with a drawn occluder) whose state is known, described by FaceMesh's features at the part
(training/node/part-features.mjs). One logistic regression per kind of part (both eyes share one, read
at each eye), trained on every copy of the training folds' faces.

--cv: grouped k-fold by source. Each fold's read-outs and thresholds come from the other folds only; the
threshold keeps VISIBLE_KEEP of the training folds' visible parts of real faces as visible, measured on
their own out-of-fold scores (an inner grouped split). Writes, for each real face, the held-out
visibility of each part, rescaled so that 0.5 sits at its fold's threshold.
--export: the same on every source; writes MODELS_DIR/face-parts.json.
"""
import argparse
import json
import os
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold

CONFIG = json.load(open(os.path.join(os.path.dirname(__file__), "config.json")))
KINDS = {"eye": ["eye_l", "eye_r"], "nose": ["nose"], "mouth": ["mouth"]}
POINTS = CONFIG["parts"]
# Share of real visible parts the thresholds keep visible: a clear face has four parts, and a face with
# any part read as covered is not high risk, so each part's share is well above the face's.
VISIBLE_KEEP = 0.995
C = 0.01
FOLDS = 5


def load(caches):
    """Arrays over (input, part): features, state, group, is-real, face key, part name."""
    X, state, group, real, key, part = [], [], [], [], [], []
    for cache in caches:
        meta = json.load(open(f"{cache}/occ-meta.json"))
        spec = json.load(open(f"{cache}/occ-feat.json"))
        assert spec["layers"] == CONFIG["layers"], f"{cache}: features of {spec['layers']}"
        F = np.fromfile(f"{cache}/occ-feat.f32", dtype=np.float32).reshape(len(meta["copies"]), len(meta["parts"]), spec["dim"])
        for i, copy in enumerate(meta["copies"]):
            for j, name in enumerate(meta["parts"]):
                X.append(F[i, j])
                state.append(copy["parts"][j])
                group.append(copy["group"])
                real.append(copy["occluder"] is None)
                key.append(f"{cache}#{copy['crop']}")
                part.append(name)
    return np.array(X), np.array(state), np.array(group), np.array(real), np.array(key), np.array(part)


class Readout:
    def fit(self, X, y):
        self.mean = X.mean(0)
        self.std = X.std(0) + 1e-6
        self.lr = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit((X - self.mean) / self.std, y)
        return self

    def logit(self, X):
        return self.lr.decision_function((X - self.mean) / self.std)

    def linear(self):
        w = self.lr.coef_[0] / self.std
        return w, self.lr.intercept_[0] - float(w @ self.mean)


def rows_of(kind, part, state):
    return np.isin(part, KINDS[kind]) & (state >= 0)


def fit_kind(kind, X, state, group, real, part):
    """Read-out and threshold logit for one kind of part, the threshold from an inner grouped split."""
    m = rows_of(kind, part, state)
    model = Readout().fit(X[m], state[m])
    oof = np.full(len(state), np.nan)
    idx = np.where(m)[0]
    for tr, te in GroupKFold(min(FOLDS, len(set(group[idx])))).split(idx, state[idx], group[idx]):
        oof[idx[te]] = Readout().fit(X[idx[tr]], state[idx[tr]]).logit(X[idx[te]])
    vis = m & real & (state == 1)
    return model, float(np.quantile(oof[vis], 1 - VISIBLE_KEEP))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--caches", nargs="+", required=True)
    ap.add_argument("--cv")
    ap.add_argument("--export")
    args = ap.parse_args()
    X, state, group, real, key, part = load(args.caches)
    print(f"{len(set(key))} faces, {real.sum()} real part rows, {(~real).sum()} drawn, {len(set(group))} sources", file=sys.stderr)
    if args.cv:
        prob = np.full(len(state), np.nan)
        faces = np.unique(group)
        for k, (tr_g, te_g) in enumerate(GroupKFold(FOLDS).split(faces, groups=faces)):
            tr = np.isin(group, faces[tr_g])
            te = np.isin(group, faces[te_g]) & real
            for kind in KINDS:
                model, t = fit_kind(kind, X[tr], state[tr], group[tr], real[tr], part[tr])
                m = te & np.isin(part, KINDS[kind])
                prob[m] = 1 / (1 + np.exp(-(model.logit(X[m]) - t)))
            print(f"fold {k} done", file=sys.stderr)
        out = {}
        for i in np.where(real & ~np.isnan(prob))[0]:
            out.setdefault(key[i], {})[part[i]] = round(float(prob[i]), 5)
        summary = {}
        for kind in KINDS:
            m = real & np.isin(part, KINDS[kind]) & (state >= 0)
            y = state[m]
            summary[kind] = {
                "parts": int(m.sum()),
                "covered": int((y == 0).sum()),
                "auc": round(float(roc_auc_score(y, prob[m])), 4) if len(set(y)) > 1 else None,
                "covered_caught": round(float((prob[m][y == 0] < 0.5).mean()), 4) if (y == 0).any() else None,
                "visible_lost": round(float((prob[m][y == 1] < 0.5).mean()), 4),
            }
        json.dump({"summary": summary, "parts": out}, open(args.cv, "w"))
        print(json.dumps(summary))
    if args.export:
        parts = {}
        for kind, names in KINDS.items():
            model, t = fit_kind(kind, X, state, group, real, part)
            w, b = model.linear()
            for name in names:
                parts[name] = {"points": POINTS[name], "weight": [round(float(v), 6) for v in w], "bias": round(b - t, 6)}
        os.makedirs(args.export, exist_ok=True)
        json.dump({"layers": CONFIG["layers"], "parts": parts}, open(os.path.join(args.export, "face-parts.json"), "w"), separators=(",", ":"))
        print(f"exported {args.export}/face-parts.json", file=sys.stderr)


if __name__ == "__main__":
    main()
