"""Trains the photo-vs-art model and measures it held out by source.

python3 training/art/train.py --caches DIR [DIR ...] (--cv OUT.json | --export MODELS_DIR)

Faces: every meshed face of the caches' pictures whose class is `photo` or `art` (AI-made photoreal
faces are left out of training: they are neither). Features, over the original and augmented copies of
each face (training/art/augment_inputs.py): FaceMesh's activations pooled to channel mean and standard
deviation at POOLS (training/node/mesh-features.mjs), and the same pooling of the face-look network
(LOOK: the MobileNetV3 trunk of a packaged object detector) on the face crop (training/node/embed.mjs),
whose last blocks are fine-tuned with a linear read-out of both (look_model.py).

--cv: grouped k-fold by source (a repository or package never trains and tests at once). For each
held-out fold, the model and its threshold are learnt from the other folds only: the threshold is the
score that keeps PHOTO_KEEP of the training folds' photos, measured on their own out-of-fold scores
(an inner grouped split), so it is not set on scores the model has already fitted. Writes each face's
held-out photo probability, rescaled so that 0.5 sits at its fold's threshold.
Each model is trained on every copy of its faces (one random copy per epoch, look_model.fit).
--export: the same, on every source; the threshold from all sources' out-of-fold scores; writes
MODELS_DIR/photo-art.json/.bin (TF.js graph continuing FaceMesh from SPLIT; the logit's FaceMesh part and
the bias) and MODELS_DIR/face-look.json/.bin (the trunk on the face crop; the logit's other part).
"""
import argparse
import json
import os
import sys

import numpy as np
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold

sys.path.insert(0, os.path.dirname(__file__))
import look_model  # noqa: E402
from facemesh import P, facemesh_graph  # noqa: E402
from tfjs_graph import export_branch  # noqa: E402

CONFIG = json.load(open(os.path.join(os.path.dirname(__file__), "config.json")))
SPLIT = CONFIG["split"]
POOLS = CONFIG["pools"]
FEATURES = "feat-aug"
LOOK = CONFIG["look"]
# Share of photos the threshold keeps as photos in the training folds: the product's budget for real
# photos read as "not a photograph" is 3 %, and other rules (cover, blur) also take their share. With the
# 3-eye face crop, `npm run cv` gave 0.031 of photos told "not a photograph" at 0.985 (over the budget;
# art warned 0.158) and 0.024 at 0.99 (art warned 0.184): 0.99, the budget first. After photos2's labels were
# audited (2026-12-07): 0.029 told "not a photograph" and art warned 0.147 at 0.98, against 0.026 and 0.172 at
# 0.99 (the same part-visibility scores, recall 0.978 both): 0.98, both within target, the photo one narrowly.
PHOTO_KEEP = 0.98
FOLDS = 5
# The threshold's inner split: fewer folds than the outer one, since every fold trains the trunk's tail.
INNER_FOLDS = 3


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


class Faces:
    """What the model reads for a set of faces: the frozen features (FaceMesh's pools and the trunk's
    pools before its split) and the trunk's activations at the split, every copy."""

    def __init__(self, frozen, act):
        self.frozen, self.act = frozen, act

    def __getitem__(self, i):
        return Faces(self.frozen[i], self.act[i])

    def __len__(self):
        return len(self.frozen)


def faces(caches, X, keys, mesh_dim):
    graph = look_model.look_graph()
    acts = {c: look_model.split_activations(c, graph) for c in caches}
    act = np.stack([acts[k.split("#")[0]][int(k.split("#")[1])] for k in keys])
    return Faces(X[:, :, : mesh_dim + look_model.frozen_width(graph)].astype(np.float32), act)


class Photo:
    def fit(self, data, y):
        self.model = look_model.fit(data.act, data.frozen, y)
        return self

    def logit(self, data):
        return look_model.logits(self.model, data.act, data.frozen)


def out_of_fold(data, y, groups, folds=INNER_FOLDS):
    oof = np.zeros(len(y))
    for tr, te in GroupKFold(min(folds, len(set(groups)))).split(np.zeros(len(y)), y, groups):
        oof[te] = Photo().fit(data[tr], y[tr]).logit(data[te])
    return oof


def threshold(oof, y):
    """The logit that keeps PHOTO_KEEP of the photos above it."""
    return float(np.quantile(oof[y == 1], 1 - PHOTO_KEEP))


def fit_with_threshold(data, y, groups):
    """(model, threshold logit): the threshold from an inner grouped split of the same data."""
    return Photo().fit(data, y), threshold(out_of_fold(data, y, groups), y)


def sigmoid(z):
    return 0.5 * (1 + np.tanh(z / 2))  # no overflow on the fine-tuned model's large logits


def report(logit, y, groups):
    """Held-out figures from each face's logit of 'photographed', 0 at its fold's threshold."""
    caught = logit < 0
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
        "auc": round(float(roc_auc_score(1 - y, -logit)), 4),
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
    data = faces(args.caches, X, keys, mesh_dim)
    print(f"{len(y)} faces ({(y == 0).sum()} art, {(y == 1).sum()} photo) from {len(set(groups))} sources", file=sys.stderr)
    if args.cv:
        logit = np.zeros(len(y))
        folds = GroupKFold(FOLDS).split(X, y, groups)
        for k, (tr, te) in enumerate(folds):
            model, t = fit_with_threshold(data[tr], y[tr], groups[tr])
            logit[te] = model.logit(data[te]) - t
            print(f"fold {k}: {len(set(groups[te]))} sources held out", file=sys.stderr)
        summary = report(logit, y, groups)
        prob = sigmoid(logit)
        json.dump({"summary": summary, "photo": dict(zip(keys, prob.round(5).tolist()))}, open(args.cv, "w"))
        print(json.dumps({k: v for k, v in summary.items() if k != "per_source"}))
    if args.export:
        model, t = fit_with_threshold(data, y, groups)
        w, b = model.model.linear()
        export_branch(facemesh_graph(), P + SPLIT, [P + p for p in POOLS], w[:mesh_dim], b - t, args.export, "photo-art",
                      [-1, 24, 24, 64], note="linear read-out of FaceMesh layers and the fine-tuned face-look trunk: FaceMesh part")
        export_branch(model.model.graph, LOOK["input"], LOOK["pools"], w[mesh_dim:], 0.0, args.export, "face-look",
                      [-1, LOOK["size"], LOOK["size"], 3], note="the same read-out: face-look part, its last blocks fine-tuned")
        print(f"exported to {args.export} (threshold logit {t:.3f})", file=sys.stderr)


if __name__ == "__main__":
    main()
