"""Exploration: does the face's shape (its mesh aligned to the canonical face) tell caricatures and other
art from photographed faces, beside the photo model's frozen features, held out by source?

python3 training/art/compare_geometry.py CACHE_DIR [CACHE_DIR ...] [--dims 8 16 32]
Each face's 468 mesh points (the extension's FaceMesh fit, as collected) are aligned to MediaPipe's
canonical face by a similarity transform (rotation, scale, shift: pose and size gone); what is left, the
residual per point, is the face's shape. Features: the residual's first principal components (fitted
in the training folds only). Compared, with compare_heads.py's logistic read-out and train.py's
procedure (grouped 5-fold by source, the threshold from the training folds' own out-of-fold scores):
the frozen features alone, with the shape beside them, and the shape alone.

Measured 2026-12-07 (1,816 faces, 185 sources; AUC / art caught / photos lost): frozen features 0.965 /
0.648 / 0.004; with the shape's 16 components 0.964 / 0.626 / 0.005, with 32 0.964 / 0.625 / 0.006; the
shape alone 0.789 / 0.152 / 0.003 (16) and 0.794 / 0.112 / 0.004 (32). The shape tells art from photos
somewhat on its own, but nothing the features do not already say: FaceMesh fits every face, a
caricature's too, to a human shape. Not shipped."""
import argparse
import json
import os
import re
import sys

import numpy as np
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, os.path.dirname(__file__))
import train  # noqa: E402
from compare_heads import Standardised, held_out  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "../..")


def canonical():
    text = open(os.path.join(ROOT, "src/core/canonical-face.ts")).read()
    body = text[text.index("= [") + 3 : text.index("];")]
    pts = np.array([int(v) for v in re.findall(r"-?\d+", body)], dtype=np.float64).reshape(468, 3)
    pts[:, 1:] *= -1  # into the mesh's axes: y down, z away from the camera
    return pts - pts.mean(0)


def shape(mesh, ref):
    """Residual of the mesh after the similarity alignment to ref, in units of ref's size."""
    m = np.asarray(mesh, dtype=np.float64)
    m = m - m.mean(0)
    u, s, vt = np.linalg.svd(m.T @ ref)
    d = np.sign(np.linalg.det(u @ vt))
    r = u @ np.diag([1, 1, d]) @ vt
    scale = (s * [1, 1, d]).sum() / (m**2).sum()
    aligned = scale * m @ r
    return ((aligned - ref) / np.sqrt((ref**2).sum(1).mean())).ravel()


def load_shapes(caches, keys):
    ref = canonical()
    by_key = {}
    for cache in caches:
        for r in json.load(open(f"{cache}/faces.json"))["records"]:
            for f in r["faces"]:
                if f["crop"] >= 0 and f.get("mesh"):
                    by_key[f"{cache}#{f['crop']}"] = shape(f["mesh"], ref)
    return np.stack([by_key[k] for k in keys])


class WithShape:
    """compare_heads.Standardised on the frozen features with the shape's principal components appended
    to every copy (or on the components alone)."""

    def __init__(self, dims, frozen=True):
        self.dims, self.frozen = dims, frozen

    def features(self, data):
        z = np.repeat(self.pca.transform(data.shp)[:, None, :], data.feats.shape[1], axis=1)
        return np.concatenate([data.feats, z], axis=2) if self.frozen else z

    def fit(self, data, y):
        self.pca = PCA(self.dims, random_state=0).fit(data.shp)
        self.head = Standardised().fit(self.features(data), y)
        return self

    def logit(self, data):
        return self.head.logit(self.features(data))


class Pair:
    """(frozen features, shapes), indexable together."""

    def __init__(self, feats, shp):
        self.feats, self.shp = feats, shp

    def __getitem__(self, i):
        return Pair(self.feats[i], self.shp[i])

    def __len__(self):
        return len(self.feats)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("caches", nargs="+")
    ap.add_argument("--dims", nargs="+", type=int, default=[8, 16, 32])
    args = ap.parse_args()
    X, y, groups, keys, _ = train.load(args.caches)
    S = load_shapes(args.caches, keys)
    print(f"{len(y)} faces, {len(set(groups))} sources", file=sys.stderr)
    summary = train.report(held_out(Standardised, X, y, groups), y, groups)
    print("frozen features", json.dumps({k: v for k, v in summary.items() if k != "per_source"}), flush=True)
    for dims in args.dims:
        for frozen in (True, False):
            make = lambda d=dims, f=frozen: WithShape(d, f)  # noqa: E731
            summary = train.report(held_out(make, Pair(X, S), y, groups), y, groups)
            name = f"{'frozen + ' if frozen else ''}shape {dims}"
            print(name, json.dumps({k: v for k, v in summary.items() if k != "per_source"}), flush=True)


if __name__ == "__main__":
    main()
