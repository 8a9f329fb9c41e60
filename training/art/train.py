"""Trains the photo-vs-art model and measures it held out by source.

python3 training/art/train.py --caches DIR [DIR ...] (--cv OUT.json | --export MODELS_DIR)

Faces: every meshed face of the caches' pictures whose class is `photo` or `art` (AI-made photoreal
faces are left out of training: they are neither). Features, over the original and augmented copies of
each face (training/art/augment_inputs.py): FaceMesh's activations pooled to channel mean and standard
deviation at POOLS (training/node/mesh-features.mjs), and the same pooling of the face-look network
(LOOK: the MobileNetV3 trunk of a packaged object detector) on the face crop (training/node/embed.mjs);
a logistic regression on both.

--cv: grouped k-fold by source (a repository or package never trains and tests at once). For each
held-out fold, the model and its threshold are learnt from the other folds only: the threshold is the
score that keeps PHOTO_KEEP of the training folds' photos, measured on their own out-of-fold scores
(an inner grouped split), so it is not set on scores the model has already fitted. Writes each face's
held-out photo probability, rescaled so that 0.5 sits at its fold's threshold.
--export: the same, on every source; the threshold from all sources' out-of-fold scores; writes
MODELS_DIR/photo-art.json/.bin (TF.js graph continuing FaceMesh from SPLIT; the logit's FaceMesh part and
the bias) and MODELS_DIR/face-look.json/.bin (the trunk on the face crop; the logit's other part).
"""
import argparse
import json
import os
import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold

sys.path.insert(0, os.path.dirname(__file__))
from facemesh import P, facemesh_graph  # noqa: E402
from tfjs_graph import TfjsGraph, export_branch  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "../..")
CONFIG = json.load(open(os.path.join(os.path.dirname(__file__), "config.json")))
SPLIT = CONFIG["split"]
POOLS = CONFIG["pools"]
FEATURES = "feat-aug"
LOOK = CONFIG["look"]
# Share of photos the threshold keeps as photos in the training folds: the product's budget for real
# photos read as "not a photograph" is 3 %, and other rules (cover, blur) also take their share.
PHOTO_KEEP = 0.985
C = 0.03
FOLDS = 5


def load(caches):
    X, y, groups, keys = [], [], [], []
    for cache in caches:
        meta = json.load(open(f"{cache}/faces.json"))
        aug = json.load(open(f"{cache}/aug-inputs.json"))
        spec = json.load(open(f"{cache}/{FEATURES}.json"))
        assert spec["nodes"] == POOLS, f"{cache}: features pooled at {spec['nodes']}, want {POOLS}"
        F = np.fromfile(f"{cache}/{FEATURES}.f32", dtype=np.float32).reshape(aug["faces"], aug["copies"], -1)
        look = json.load(open(f"{cache}/{LOOK['features']}.json"))
        assert [n for n, _ in look["nodes"]] == LOOK["pools"], f"{cache}: look features at {look['nodes']}"
        L = np.fromfile(f"{cache}/{LOOK['features']}-aug_crops_u8.f32", dtype=np.float32)
        mesh_dim = F.shape[2]
        F = np.concatenate([F, L.reshape(aug["faces"], aug["copies"], -1)], axis=2)
        for r in meta["records"]:
            if r["class"] not in ("art", "photo"):
                continue
            for f in r["faces"]:
                if f["crop"] >= 0:
                    X.append(F[f["crop"]])
                    y.append(1 if r["class"] == "photo" else 0)
                    groups.append(r["group"])
                    keys.append(f"{cache}#{f['crop']}")
    return np.stack(X), np.array(y), np.array(groups), keys, mesh_dim


class Standardised:
    """Logistic regression on standardised features, trained on every copy of each face."""

    def fit(self, X, y):
        flat = X.reshape(-1, X.shape[-1])
        self.mean = flat.mean(0)
        self.std = flat.std(0) + 1e-6
        self.lr = LogisticRegression(C=C, max_iter=5000, class_weight="balanced")
        self.lr.fit((flat - self.mean) / self.std, np.repeat(y, X.shape[1]))
        return self

    def logit(self, X):
        """Logit of 'photographed' for the original copy of each face (what the extension sees)."""
        return self.lr.decision_function((X[:, 0] - self.mean) / self.std)

    def linear(self):
        """The same logit as one linear layer on unstandardised features: (w, b)."""
        w = self.lr.coef_[0] / self.std
        return w, self.lr.intercept_[0] - float(w @ self.mean)


def out_of_fold(X, y, groups, folds=FOLDS):
    oof = np.zeros(len(y))
    for tr, te in GroupKFold(min(folds, len(set(groups)))).split(X, y, groups):
        oof[te] = Standardised().fit(X[tr], y[tr]).logit(X[te])
    return oof


def threshold(oof, y):
    """The logit that keeps PHOTO_KEEP of the photos above it."""
    return float(np.quantile(oof[y == 1], 1 - PHOTO_KEEP))


def fit_with_threshold(X, y, groups):
    """(model, threshold logit): the threshold from an inner grouped split of the same data."""
    return Standardised().fit(X, y), threshold(out_of_fold(X, y, groups), y)


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def report(prob, y, groups):
    caught = prob < 0.5
    per_source = {}
    for g in sorted(set(groups)):
        m = groups == g
        per_source[g] = {
            "photos": int((y[m] == 1).sum()),
            "photos_lost": int((caught[m] & (y[m] == 1)).sum()),
            "art": int((y[m] == 0).sum()),
            "art_caught": int((caught[m] & (y[m] == 0)).sum()),
        }
    return {
        "faces": int(len(y)),
        "sources": int(len(set(groups))),
        "auc": round(float(roc_auc_score(1 - y, -np.log(prob / (1 - prob)))), 4),
        "art_caught": round(float(caught[y == 0].mean()), 4),
        "photos_lost": round(float(caught[y == 1].mean()), 4),
        "per_source": per_source,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--caches", nargs="+", required=True)
    ap.add_argument("--cv")
    ap.add_argument("--export")
    args = ap.parse_args()
    X, y, groups, keys, mesh_dim = load(args.caches)
    print(f"{len(y)} faces ({(y == 0).sum()} art, {(y == 1).sum()} photo) from {len(set(groups))} sources", file=sys.stderr)
    if args.cv:
        prob = np.zeros(len(y))
        folds = GroupKFold(FOLDS).split(X, y, groups)
        for k, (tr, te) in enumerate(folds):
            model, t = fit_with_threshold(X[tr], y[tr], groups[tr])
            prob[te] = sigmoid(model.logit(X[te]) - t)
            print(f"fold {k}: {len(set(groups[te]))} sources held out", file=sys.stderr)
        summary = report(prob, y, groups)
        json.dump({"summary": summary, "photo": dict(zip(keys, prob.round(5).tolist()))}, open(args.cv, "w"))
        print(json.dumps({k: v for k, v in summary.items() if k != "per_source"}))
    if args.export:
        model, t = fit_with_threshold(X, y, groups)
        w, b = model.linear()
        export_branch(facemesh_graph(), P + SPLIT, [P + p for p in POOLS], w[:mesh_dim], b - t, args.export, "photo-art",
                      [-1, 24, 24, 64], note="logistic regression on FaceMesh layers and the face-look trunk: FaceMesh part")
        trunk = TfjsGraph(os.path.join(os.environ.get("FACEGUARD_DATA", os.path.join(ROOT, "../data")), LOOK["package"]), LOOK["model"])
        export_branch(trunk, LOOK["input"], LOOK["pools"], w[mesh_dim:], 0.0, args.export, "face-look",
                      [-1, LOOK["size"], LOOK["size"], 3], note="the same regression: face-look part")
        print(f"exported to {args.export} (threshold logit {t:.3f})", file=sys.stderr)


if __name__ == "__main__":
    main()
