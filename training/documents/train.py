"""Trains the document model (the small network of src/analysis/document-model.ts) on the face windows
that training/documents/extract.mjs wrote, validates it with cross-validation grouped by source, and
writes the shipped weights.

  /usr/bin/python3 training/documents/train.py EXTRACT [EXTRACT...] --out src/analysis/document-net.generated.json
      [--folds 6] [--epochs 14] [--report training/documents/cv-report.json] [--no-final]

EXTRACT is the prefix given to extract.mjs (EXTRACT.faces.json + EXTRACT.crops.i8). Labels per face:
a face is a document's portrait when its picture is labelled id-document and the face lies on the
portrait the label gives (made pictures: `portrait` box) or, for specimens without one, anywhere on it;
every other face (pictures that are not documents, people holding a card, face photos) is not.
Groups: the label's `group` (made pictures: style and face set; specimens: issuer), else its source
repository, so a held-out fold never shares a source with training."""

import argparse
import base64
import json
import os

import numpy as np
import torch
import torch.nn as nn

H, W, C = 70, 120, 4


# The dev set (../shared/testdata/faces) is the final report, never training data: neither its photos as
# negatives nor made cards carrying its faces as portraits (make.py groups end in '/faces').
DEV_SET = os.path.join('testdata', 'faces')


def from_dev_set(pic):
    return os.path.normpath(pic['dir']).endswith(DEV_SET) or (pic.get('group') or '').endswith('/faces')


def load(prefixes, skip_dirs):
    faces, keep, dropped = [], [], 0
    skip = {os.path.normpath(d) for d in skip_dirs}
    for prefix in prefixes:
        pics = json.load(open(prefix + '.faces.json'))
        raw = np.fromfile(prefix + '.crops.i8', dtype=np.int8).reshape(-1, H, W, C)
        k = 0
        for pic in pics:
            use = not from_dev_set(pic) and os.path.normpath(pic['dir']) not in skip
            for face in pic['faces']:
                if use:
                    faces.append((pic, face))
                    keep.append(raw[k])
                else:
                    dropped += 1
                k += 1
        assert k == len(raw), (prefix, k, len(raw))
    print(f'{dropped} faces left out (dev set, made cards with its faces, --skip-dir)')
    return faces, np.stack(keep)


def face_labels(faces):
    rows = {}
    for pic, _ in faces:
        key = (pic['dir'], pic['file'])
        if key not in rows and pic['dir'] not in rows:
            for row in json.load(open(os.path.join(pic['dir'], 'labels.json'))):
                rows[(pic['dir'], row['file'])] = row
            rows[pic['dir']] = True
    y, groups, kinds = [], [], []
    for pic, face in faces:
        row = rows.get((pic['dir'], pic['file']), {})
        positive = False
        if pic['label'] == 'id-document':
            p = row.get('portrait')
            x, yy, w, h = face['box']
            cx, cy = x + w / 2, yy + h / 2
            if isinstance(p, list):
                positive = p[0] - 0.1 * p[2] <= cx <= p[0] + 1.1 * p[2] and p[1] - 0.1 * p[3] <= cy <= p[1] + 1.1 * p[3]
            elif 'portrait' not in row:
                # A specimen (no portrait box): every face on it is on the document, ghost images too.
                positive = bool(row.get('has_portrait', True))
            # A made document without a portrait (a card's back): its faces are someone else's.
        y.append(1.0 if positive else 0.0)
        groups.append(pic.get('group') or 'unknown')
        kinds.append(pic.get('kind') or pic.get('label') or '')
    return np.array(y, np.float32), np.array(groups), np.array(kinds)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        ch = [C, 16, 24, 32, 32]
        layers = []
        for a, b in zip(ch, ch[1:]):
            layers += [nn.Conv2d(a, b, 3, stride=2, padding=1), nn.BatchNorm2d(b), nn.ReLU()]
        self.features = nn.Sequential(*layers)
        self.head = nn.Sequential(nn.Flatten(), nn.Dropout(0.3), nn.Linear(32 * 5 * 8, 24), nn.ReLU(), nn.Linear(24, 1))

    def forward(self, x):
        return self.head(self.features(x)).squeeze(1)


def to_tensor(crops):
    x = crops.astype(np.float32)
    x[..., 0] /= 32
    x[..., 1:3] /= 64
    return torch.from_numpy(x).permute(0, 3, 1, 2).contiguous()


def augment(x, gen):
    # Mirror: a portrait on the other side of the card is the same kind of document.
    flip = torch.rand(x.shape[0], generator=gen) < 0.5
    x = torch.where(flip[:, None, None, None], x.flip(3), x)
    # The detector's box varies a little in size and place around a face: zoom 0.85-1.15, shift up to a
    # tenth of a face unit, turn up to 3 degrees (the window is laid out in face units).
    n = x.shape[0]
    zoom = 1 + 0.3 * (torch.rand(n, generator=gen) - 0.5)
    turn = 0.1 * (torch.rand(n, generator=gen) - 0.5)
    shift = 0.04 * (torch.rand(n, 2, generator=gen) - 0.5)
    cos, sin = torch.cos(turn) * zoom, torch.sin(turn) * zoom
    theta = torch.stack([torch.stack([cos, -sin * H / W, shift[:, 0]], 1), torch.stack([sin * W / H, cos, shift[:, 1]], 1)], 1)
    grid = torch.nn.functional.affine_grid(theta, list(x.shape), align_corners=False)
    x = torch.nn.functional.grid_sample(x, grid, mode='bilinear', padding_mode='zeros', align_corners=False)
    # Luma contrast and offset jitter (inside the picture only), a little chroma jitter.
    inside = (x[:, 3:4] > 0.5).float()
    g = 1 + 0.2 * (torch.rand(x.shape[0], 1, 1, 1, generator=gen) - 0.5)
    o = 0.2 * (torch.rand(x.shape[0], 1, 1, 1, generator=gen) - 0.5)
    x = torch.cat([(x[:, :1] * g + o) * inside, x[:, 1:3] * (1 + 0.3 * (torch.rand(x.shape[0], 1, 1, 1, generator=gen) - 0.5)), inside], 1)
    return x


def train(x, y, epochs, seed):
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    net = Net()
    opt = torch.optim.AdamW(net.parameters(), lr=2e-3, weight_decay=1e-3)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=epochs * ((len(x) + 127) // 128))
    pos = float(y.sum())
    weight = torch.tensor((len(y) - pos) / max(pos, 1))
    loss_fn = nn.BCEWithLogitsLoss(pos_weight=weight)
    yt = torch.from_numpy(y)
    for _ in range(epochs):
        net.train()
        perm = torch.randperm(len(x), generator=gen)
        for i in range(0, len(x), 128):
            idx = perm[i:i + 128]
            loss = loss_fn(net(augment(x[idx], gen)), yt[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
    return net


def predict(net, x):
    net.eval()
    with torch.no_grad():
        return torch.cat([torch.sigmoid(net(x[i:i + 512])) for i in range(0, len(x), 512)]).numpy()


def group_folds(groups, k, seed):
    """Groups dealt to k folds, largest first, each to the fold with fewest faces so far."""
    uniq, counts = np.unique(groups, return_counts=True)
    order = np.argsort(-counts)
    rng = np.random.default_rng(seed)
    sizes = np.zeros(k)
    fold_of = {}
    for i in order:
        f = int(np.argmin(sizes + rng.random(k) * 1e-3))
        fold_of[uniq[i]] = f
        sizes[f] += counts[i]
    return np.array([fold_of[g] for g in groups])


def export(net, path, meta):
    """Batch norm folded into the convolutions; weights as float16, HWIO / [in, out] as tfjs expects."""
    net.eval()
    blob, layers = [], []
    mods = list(net.features)
    for i in range(0, len(mods), 3):
        conv, bn = mods[i], mods[i + 1]
        scale = (bn.weight / torch.sqrt(bn.running_var + bn.eps)).detach()
        w = (conv.weight.detach() * scale[:, None, None, None]).permute(2, 3, 1, 0).numpy()
        b = ((conv.bias.detach() - bn.running_mean) * scale + bn.bias.detach()).numpy()
        layers.append({'type': 'conv', 'shape': list(w.shape), 'stride': 2, 'act': 'relu', 'w': 0, 'b': 0})
        blob.append((w, b))
    lin1, lin2 = net.head[2], net.head[4]
    # Flatten order: torch is (C, H, W), tfjs NHWC flattens (H, W, C): permute the first dense layer's rows.
    w1 = lin1.weight.detach().numpy().reshape(24, 32, 5, 8).transpose(2, 3, 1, 0).reshape(-1, 24)
    layers.append({'type': 'dense', 'shape': [w1.shape[0], 24], 'act': 'relu', 'w': 0, 'b': 0})
    blob.append((w1, lin1.bias.detach().numpy()))
    layers.append({'type': 'dense', 'shape': [24, 1], 'act': 'sigmoid', 'w': 0, 'b': 0})
    blob.append((lin2.weight.detach().numpy().T, lin2.bias.detach().numpy()))
    values, off = [], 0
    for layer, (w, b) in zip(layers, blob):
        layer['w'] = off
        off += w.size
        layer['b'] = off
        off += b.size
        values += [w.astype(np.float32).ravel(), b.astype(np.float32).ravel()]
    half = np.concatenate(values).astype('<f2')
    out = {'input': [H, W, C], 'layers': layers, 'weights': base64.b64encode(half.tobytes()).decode(), **meta}
    with open(path, 'w') as f:
        json.dump(out, f, separators=(',', ':'))
    return half.size


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('extracts', nargs='+')
    ap.add_argument('--out', default='src/analysis/document-net.generated.json')
    ap.add_argument('--folds', type=int, default=6)
    ap.add_argument('--epochs', type=int, default=30)
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--report', default='')
    ap.add_argument('--no-final', action='store_true')
    ap.add_argument('--only', default='', help='comma-separated split names to run (to share a long run between processes)')
    ap.add_argument('--holdout', action='append', default=[], help='group prefix held out as one extra fold (repeatable)')
    ap.add_argument('--skip-dir', action='append', default=[], help='picture folder in an extract to leave out (kept for evaluation)')
    args = ap.parse_args()
    torch.set_num_threads(2)
    faces, crops = load(args.extracts, args.skip_dir)
    y, groups, kinds = face_labels(faces)
    x = to_tensor(crops)
    print(f'{len(y)} faces, {int(y.sum())} portraits, {len(np.unique(groups))} groups')
    folds = group_folds(groups, max(1, args.folds), args.seed)
    # Extra folds: whole families held out (e.g. every specimen, every card made on the Chinese template).
    splits = [(f'fold{f}', folds == f) for f in range(args.folds)] if args.folds > 1 else []
    for prefix in args.holdout:
        splits.append((f'without {prefix}', np.array([g.startswith(prefix) for g in groups])))
    if args.only:
        splits = [(n, t) for n, t in splits if n in args.only.split(',')]
    oof = np.full(len(y), np.nan)
    report = {'faces': len(y), 'portraits': int(y.sum()), 'splits': {}}
    for name, test in splits:
        net = train(x[~test], y[~test], args.epochs, args.seed)
        p = predict(net, x[test])
        if name.startswith('fold'):
            oof[test] = p
        res = {'n': int(test.sum()), 'portraits': int(y[test].sum())}
        for t in (0.3, 0.5, 0.7):
            res[f'recall@{t}'] = float(((p >= t) & (y[test] == 1)).sum() / max(1, y[test].sum()))
            res[f'false@{t}'] = float(((p >= t) & (y[test] == 0)).sum() / max(1, (y[test] == 0).sum()))
        report['splits'][name] = res
        print(name, json.dumps(res), flush=True)
    per_group = {}
    for g in np.unique(groups):
        m = groups == g
        per_group[g] = {
            'n': int(m.sum()), 'portraits': int(y[m].sum()),
            'flagged@0.5': int((oof[m] >= 0.5).sum()),
        }
    report['per_group_out_of_fold'] = per_group
    report['out_of_fold'] = {f'{pic["dir"]}/{pic["file"]}#{i}': float(p) for i, ((pic, _), p) in enumerate(zip(faces, oof)) if not np.isnan(p)}
    if args.report:
        json.dump(report, open(args.report, 'w'), indent=1)
    if not args.no_final:
        net = train(x, y, args.epochs, args.seed)
        n = export(net, args.out, {'trainedOn': sorted({os.path.relpath(p['dir']) for p, _ in faces})})
        print(f'wrote {args.out}: {n} weights')


if __name__ == '__main__':
    main()
