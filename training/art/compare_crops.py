"""Exploration: how wide should the face-look crop be? Held out by source, with the trunk frozen.

python3 training/art/compare_crops.py CACHE_DIR [CACHE_DIR ...] [--widths 2 3 4 8] [--size 160]
For each width (in eye distances, centred between the eyes and the mouth, turned with the eye line, as
lookCrop in src/analysis/face-measures.ts), cuts the crop from the original picture with OpenCV (not the
extension's sampler: close, not identical), runs the packaged trunk on it and reads FaceMesh's pooled
features (copy 0, unaugmented) beside it with train.py's grouped 5-fold and compare_heads.py's logistic
read-out. Prints the held-out AUC and the art caught at the score that keeps 98.5 % of all held-out
photos (one threshold over the pooled out-of-fold scores), for the trunk alone and with FaceMesh.

Measured 2026-12-07 (1,816 faces, 185 sources; the figures, and the width chosen from them, are in
look_model.py's docstring); the trunk alone: 2 eye distances 0.695, 2.5 0.670, 3 0.719, 3.5 0.646,
4 0.584, 8 0.427 art caught; FaceMesh alone 0.538."""
import argparse
import json
import os
import subprocess
import sys

import cv2
import numpy as np
import torch
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold

sys.path.insert(0, os.path.dirname(__file__))
import look_model  # noqa: E402
import train  # noqa: E402
from compare_heads import Standardised  # noqa: E402
from tfjs_graph import pool  # noqa: E402

# The comparison's operating point: look_model.py's settings grid used the same.
KEEP = 0.985
# FaceMesh indices (src/core/pose.ts MESH): eye corners and mouth corners.
EYE_L, EYE_R, MOUTH = (33, 133), (362, 263), (61, 291)


def picture_dirs():
    """Each training set's picture folder, as training/sets.mjs names it."""
    sets = os.path.join(os.path.dirname(os.path.abspath(__file__)), "../sets.mjs")
    script = f"import {{ TRAINING_SETS }} from {json.dumps(sets)}; console.log(JSON.stringify(TRAINING_SETS));"
    out = subprocess.run(["node", "--input-type=module", "-e", script], capture_output=True, text=True, check=True)
    return {s["name"]: s["dir"] for s in json.loads(out.stdout)}


def crop(img, mesh, width, size):
    m = np.asarray(mesh)[:, :2]
    le, re = m[list(EYE_L)].mean(0), m[list(EYE_R)].mean(0)
    centre = ((le + re) / 2 + m[list(MOUTH)].mean(0)) / 2
    roll = np.arctan2(re[1] - le[1], re[0] - le[0])
    side = np.hypot(*(re - le)) * width
    # Sample at up to 4x the output, then area-average down: the extension's sampler also averages taps.
    inter = int(np.clip(side, size, size * 4))
    k = side / inter
    cos, sin = np.cos(roll) * k, np.sin(roll) * k
    h = inter / 2
    to_src = np.array([[cos, -sin, centre[0] - h * cos + h * sin], [sin, cos, centre[1] - h * sin - h * cos]])
    big = cv2.warpAffine(img, to_src, (inter, inter), flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP)
    return cv2.resize(big, (size, size), interpolation=cv2.INTER_AREA)


def trunk_features(graph, crops):
    out = []
    with torch.no_grad():
        for i in range(0, len(crops), look_model.BATCH):
            x = torch.from_numpy(crops[i : i + look_model.BATCH].astype(np.float32)).permute(0, 3, 1, 2)
            outs = graph(x, train.LOOK["pools"])
            out.append(torch.cat([pool(outs[p]) for p in train.LOOK["pools"]], 1).numpy())
    return np.concatenate(out)


def held_out(F, y, groups):
    """(AUC, art caught at the pooled threshold keeping KEEP of photos), grouped 5-fold."""
    F = F[:, None, :]
    oof = np.zeros(len(y))
    for tr, te in GroupKFold(train.FOLDS).split(F, y, groups):
        oof[te] = Standardised().fit(F[tr], y[tr]).logit(F[te])
    cut = np.quantile(oof[y == 1], 1 - KEEP)
    return round(float(roc_auc_score(1 - y, -oof)), 3), round(float((oof[y == 0] < cut).mean()), 3)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("caches", nargs="+")
    ap.add_argument("--widths", type=float, nargs="+", default=[2, 2.5, 3, 3.5, 4, 8])
    ap.add_argument("--size", type=int, default=train.LOOK["size"])
    args = ap.parse_args()
    X, y, groups, keys, mesh_dim = train.load(args.caches)
    dirs = picture_dirs()
    where = {}
    for cache in args.caches:
        name = os.path.basename(os.path.normpath(cache))
        for r in json.load(open(f"{cache}/faces.json"))["records"]:
            for f in r["faces"]:
                if f["crop"] >= 0:
                    where[f"{cache}#{f['crop']}"] = (os.path.join(dirs[name], r["file"]), f["mesh"])
    pictures = {}
    for path, _ in where.values():
        if path not in pictures:
            pictures[path] = cv2.cvtColor(cv2.imread(path, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    graph = look_model.look_graph()
    mesh = X[:, 0, :mesh_dim]
    print(f"FaceMesh alone: AUC, art caught {held_out(mesh, y, groups)}", flush=True)
    for w in args.widths:
        crops = np.stack([crop(pictures[where[k][0]], where[k][1], w, args.size) for k in keys])
        look = trunk_features(graph, crops)
        both = held_out(np.concatenate([mesh, look], 1), y, groups)
        print(f"width {w} at {args.size} px: trunk alone {held_out(look, y, groups)}, with FaceMesh {both}", flush=True)


if __name__ == "__main__":
    main()
