"""Exploration: would a general image network read the document window better than the small one?

  /usr/bin/python3 training/documents/compare_trunk.py EXTRACT [EXTRACT...] --holdout issuer: \
      --holdout made:cn-template --holdout made:own [--per 16] [--cache FILE.npz]

Cuts each face's window (src/core/document-crop.ts's 12 x 7 face units, turned with the eye line; here with
OpenCV from the original picture, in colour, `--per` samples per unit: close to the extension's sampler,
not identical), runs the face-look trunk on it frozen (training/art: the packaged MobileNetV3 of
`mb3-centernet`, pooled at the same six depths) and fits a logistic read-out (standardised, C 0.05,
balanced classes). The small network of train.py is trained on the same folds beside it. Labels, groups,
the six grouped folds and the family hold-outs are train.py's. Prints recall and false share at 0.5 and
0.7 for the trunk, the small network and their mean, per split, then pooled out of fold.

Measured 2026-12-07 (the data rebuilt by training/documents/README.md's commands, make.py --count 1000:
3,497 faces, 737 portraits), recall / false at 0.5: every card of our own design held out (made:own),
trunk 0.522 / 0.013, small network 0.704 / 0.006, mean 0.653 / 0.006; the Chinese template held out
0.825 / 0.006, 0.953 / 0.006, 0.974 / 0.006; real specimens held out 0.933, 0.900, 1.000 (no other
faces); pooled out of fold 0.843 / 0.086 against 0.886 / 0.078. The general trunk does not carry to an
unseen card design better than the small network trained on the windows: not shipped (it would also cost
a second trunk pass per face)."""
import argparse
import importlib.util
import json
import os
import sys

import cv2
import numpy as np
import torch
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

HERE = os.path.dirname(os.path.abspath(__file__))


def _load(name, path):
    # training/art has a train.py of its own: this folder's is loaded by path.
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


docs = _load("document_train", os.path.join(HERE, "train.py"))
sys.path.insert(0, os.path.join(HERE, "../art"))
import look_model  # noqa: E402
import train as art  # noqa: E402
from tfjs_graph import pool  # noqa: E402

# src/core/document-crop.ts CROP_UNITS.
LEFT, RIGHT, UP, DOWN = 6, 6, 3, 4


def window(img, face, per):
    """The face's window in colour: per samples per face unit (the box width), turned with the eye line."""
    x, y, w, h = face["box"]
    (ax, ay), (bx, by) = sorted(face["eyes"])
    angle = np.arctan2(by - ay, bx - ax)
    cx, cy, step = x + w / 2, y + h / 2, w / per
    c, s = np.cos(angle) * step, np.sin(angle) * step
    x0, y0 = -LEFT * per + 0.5, -UP * per + 0.5
    to_src = np.array([[c, -s, cx + x0 * c - y0 * s - 0.5], [s, c, cy + x0 * s + y0 * c - 0.5]])
    if step > 2:
        # Shrunk first, so bilinear sampling does not alias a large picture.
        k = min(1, 1.5 / step)
        small = cv2.resize(img, None, fx=k, fy=k, interpolation=cv2.INTER_AREA)
        to_src = to_src * (small.shape[1] / img.shape[1])
        img = small
    size = ((LEFT + RIGHT) * per, (UP + DOWN) * per)
    return cv2.warpAffine(img, to_src, size, flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP)


def trunk_features(faces, per):
    graph = look_model.look_graph()
    pools = art.LOOK["pools"]
    out, batch, last, img = [], [], None, None

    def flush():
        with torch.no_grad():
            x = torch.from_numpy(np.stack(batch).astype(np.float32)).permute(0, 3, 1, 2)
            outs = graph(x, pools)
            out.append(torch.cat([pool(outs[p]) for p in pools], 1).numpy())
        batch.clear()

    for pic, face in faces:
        path = os.path.join(pic["dir"], pic["file"])
        if path != last:
            read = cv2.imread(path, cv2.IMREAD_COLOR)
            img = cv2.cvtColor(read, cv2.COLOR_BGR2RGB) if read is not None else np.zeros((8, 8, 3), np.uint8)
            last = path
        batch.append(window(img, face, per))
        if len(batch) == look_model.BATCH:
            flush()
    if batch:
        flush()
    return np.concatenate(out)


def rates(p, y):
    found = {t: round(float(((p >= t) & (y == 1)).sum() / max(1, (y == 1).sum())), 3) for t in (0.5, 0.7)}
    false = {t: round(float(((p >= t) & (y == 0)).sum() / max(1, (y == 0).sum())), 3) for t in (0.5, 0.7)}
    return {"recall": found, "false": false}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("extracts", nargs="+")
    ap.add_argument("--per", type=int, default=16)
    ap.add_argument("--holdout", action="append", default=[])
    ap.add_argument("--cache", default="", help="keep the trunk features here between runs")
    args = ap.parse_args()
    torch.set_num_threads(2)
    faces, crops = docs.load(args.extracts, [])
    y, groups, _ = docs.face_labels(faces)
    if args.cache and os.path.exists(args.cache):
        features = np.load(args.cache)["features"]
    else:
        features = trunk_features(faces, args.per)
        if args.cache:
            np.savez(args.cache, features=features)
    small_input = docs.to_tensor(crops)
    folds = docs.group_folds(groups, 6, 1)
    splits = [(f"fold{f}", folds == f) for f in range(6)]
    splits += [(f"without {p}", np.array([g.startswith(p) for g in groups])) for p in args.holdout]
    oof = {"trunk": np.full(len(y), np.nan), "small": np.full(len(y), np.nan)}
    for name, test in splits:
        scaler = StandardScaler().fit(features[~test])
        head = LogisticRegression(C=0.05, max_iter=3000, class_weight="balanced")
        head.fit(scaler.transform(features[~test]), y[~test])
        trunk = head.predict_proba(scaler.transform(features[test]))[:, 1]
        small = docs.predict(docs.train(small_input[~test], y[~test], 30, 1), small_input[test])
        if name.startswith("fold"):
            oof["trunk"][test], oof["small"][test] = trunk, small
        scores = {"trunk": trunk, "small": small, "mean": (trunk + small) / 2}
        print(name, json.dumps({k: rates(v, y[test]) for k, v in scores.items()}), flush=True)
    print("pooled out of fold", json.dumps({k: rates(v, y) for k, v in oof.items()}))


if __name__ == "__main__":
    main()
