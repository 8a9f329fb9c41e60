"""Photo-vs-art branch on FaceMesh: frozen trunk (shared with the mesh pass at run time), a fine-tuned
copy of the later blocks, channel mean/std pooling and a linear head; grouped k-fold by source.

python3 training/art/finetune_cv.py CACHE_DIR [--split NODE] [--folds 5] [--epochs 25]"""
import argparse
import json
import os
import sys
import time

import cv2
import numpy as np
import torch
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold
from torch import nn

sys.path.insert(0, os.path.dirname(__file__))
from tfjs_graph import TfjsGraph  # noqa: E402

P = "StatefulPartitionedCall/model_1/"
MODELS = os.path.join(os.path.dirname(__file__), "../../node_modules/@vladmandic/human/models")


def load(cache, sets_excluded=("dev",)):
    meta = json.load(open(f"{cache}/faces.json"))
    S = meta["meshInput"]
    raw = np.fromfile(f"{cache}/mesh-inputs.u8", dtype=np.uint8).reshape(-1, S, S, 3)
    X, y, g, info = [], [], [], []
    for r in meta["records"]:
        if r["set"] in sets_excluded or r["class"] not in ("art", "photo"):
            continue
        for f in r["faces"]:
            if f["crop"] >= 0:
                X.append(raw[f["crop"]])
                y.append(1 if r["class"] == "art" else 0)
                g.append(r["group"])
                info.append((r["set"], r["file"], r.get("kind")))
    return np.stack(X), np.array(y), np.array(g), info


def augment(img, rng):
    """One random photo-posting variation of a 192 px mesh input (uint8 HWC)."""
    h, w = img.shape[:2]
    # Small shift/scale/rotation: the mesh framing varies a little from face to face.
    s = rng.uniform(0.92, 1.08)
    a = rng.uniform(-6, 6)
    M = cv2.getRotationMatrix2D((w / 2 + rng.uniform(-6, 6), h / 2 + rng.uniform(-6, 6)), a, s)
    out = cv2.warpAffine(img, M, (w, h), borderMode=cv2.BORDER_REFLECT)
    if rng.random() < 0.5:
        out = out[:, ::-1]
    out = out.astype(np.float32)
    if rng.random() < 0.8:  # exposure, contrast, saturation
        out = out * rng.uniform(0.75, 1.25) + rng.uniform(-20, 20)
        mean = out.mean()
        out = (out - mean) * rng.uniform(0.75, 1.3) + mean
        grey = out.mean(axis=2, keepdims=True)
        out = grey + (out - grey) * rng.uniform(0.6, 1.4)
    if rng.random() < 0.1:
        out = np.repeat(out.mean(axis=2, keepdims=True), 3, axis=2)
    out = np.clip(out, 0, 255).astype(np.uint8)
    if rng.random() < 0.25:
        k = rng.choice([3, 5])
        out = cv2.GaussianBlur(out, (k, k), 0)
    if rng.random() < 0.4:
        q = int(rng.uniform(30, 90))
        out = cv2.imdecode(cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, q])[1], cv2.IMREAD_UNCHANGED)
    if rng.random() < 0.2:
        out = np.clip(out + rng.normal(0, rng.uniform(2, 6), out.shape), 0, 255).astype(np.uint8)
    return np.ascontiguousarray(out)


class ArtBranch(nn.Module):
    def __init__(self, split, top):
        super().__init__()
        self.trunk = TfjsGraph(MODELS, "facemesh.json")
        for p in self.trunk.parameters():
            p.requires_grad_(False)
        self.branch = TfjsGraph(MODELS, "facemesh.json")
        self.split, self.top = P + split, P + top
        ch = 128
        self.drop = nn.Dropout(0.3)
        self.head = nn.Linear(2 * ch, 1)

    def features(self, x):
        with torch.no_grad():
            a = self.trunk(x, [self.split])[self.split]
        f = self.branch(None, [self.top], inputs={self.split: a})[self.top]
        return torch.cat([f.mean((2, 3)), f.std((2, 3))], 1)

    def forward(self, x):
        return self.head(self.drop(self.features(x))).squeeze(1)


def to_tensor(batch):
    return torch.from_numpy(np.stack(batch)).permute(0, 3, 1, 2).float() / 255.0


def train(X, y, args, seed):
    rng = np.random.default_rng(seed)
    torch.manual_seed(seed)
    model = ArtBranch(args.split, args.top)
    params = [p for n, p in model.named_parameters() if not n.startswith("trunk")]
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=1e-3)
    pos_w = torch.tensor((y == 0).sum() / max(1, (y == 1).sum()))
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=pos_w)
    n = len(y)
    steps = args.epochs * ((n + args.batch - 1) // args.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=steps)
    model.train()
    for _ in range(args.epochs):
        order = rng.permutation(n)
        for i in range(0, n, args.batch):
            idx = order[i : i + args.batch]
            xb = to_tensor([augment(X[j], rng) for j in idx])
            loss = loss_fn(model(xb), torch.from_numpy(y[idx]).float())
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    model.eval()
    return model


def predict(model, X):
    out = []
    with torch.no_grad():
        for i in range(0, len(X), 64):
            out.append(model(to_tensor(list(X[i : i + 64]))).numpy())
    return np.concatenate(out)


def tpr_at(scores, y, fpr):
    t = np.quantile(scores[y == 0], 1 - fpr)
    return (scores[y == 1] > t).mean()


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("cache")
    ap.add_argument("--split", default="p_re_lu_9/Relu")
    ap.add_argument("--top", default="p_re_lu_15/Relu")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-3)
    args = ap.parse_args()
    torch.set_num_threads(2)
    X, y, g, info = load(args.cache)
    print(f"{len(y)} faces ({y.sum()} art) from {len(set(g))} sources", flush=True)
    oof = np.zeros(len(y))
    t0 = time.time()
    for k, (tr, te) in enumerate(GroupKFold(args.folds).split(X, y, g)):
        model = train(X[tr], y[tr], args, seed=k)
        oof[te] = predict(model, X[te])
        print(f"fold {k}: AUC {roc_auc_score(y[te], oof[te]) if len(set(y[te])) > 1 else float('nan'):.3f} ({time.time() - t0:.0f} s)", flush=True)
    print(f"out-of-fold AUC {roc_auc_score(y, oof):.3f}  art caught at 3% photos lost {tpr_at(oof, y, .03):.3f}, at 5% {tpr_at(oof, y, .05):.3f}, at 10% {tpr_at(oof, y, .10):.3f}")
