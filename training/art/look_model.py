"""The photo model's learnt part: the face-look trunk's last blocks fine-tuned, and one linear read-out.

The trunk (config.json `look`) runs once on every augmented face crop up to its `split` node; those
activations are cached (CACHE/act-look.f16). Training then learns the blocks after the split together
with a linear layer over the pooled features (channel mean and standard deviation) of those blocks and
the frozen features: FaceMesh's pools and the trunk's pools before the split, all standardised. The
result is still one linear function of the pooled features of two graphs, so it ships as train.py's two
TF.js graphs: the fine-tuned trunk's weights go into `face-look`.

How the settings in config.json (`look.finetune`) were chosen, 2026-12-06, on the 1,816 training faces in
train.py's grouped 5-fold split, art caught at the score that keeps 98.5 % of all held-out photos (one
threshold over the pooled out-of-fold scores, the same rule for each line), AUC beside it: the frozen
trunk with a logistic read-out 0.696 (0.958); tuning from expanded_conv_11, 8 epochs: 0.740 (0.949),
16 epochs 0.734 (0.958), learning rate 1e-4 0.715 (0.949), 1e-3 0.709 (0.933), three seeds averaged 0.750
(0.957); from expanded_conv_9, 16 epochs: seeds 0.751 and 0.688 (0.958, 0.959). Seeds move the figure by
a few points, more than the settings do; the split after block 11 trains fastest for the same gain.

The crop's width (LOOK_EYES in src/analysis/face-measures.ts) was chosen 2026-12-07 with the trunk frozen
(compare_crops.py: the same faces and folds, no augmented copies, FaceMesh's features beside the trunk's),
art caught at the pooled threshold keeping 98.5 % of photos, AUC beside it: 2 eye distances 0.677 (0.949),
2.5 0.664 (0.949), 3 0.722 (0.952), 3.5 0.688 (0.950), 4 (the crop before) 0.692 (0.948), 8 0.573
(0.915). A tighter crop shows the skin, eyes and mouth at more pixels; the wider context did not help.
Fine-tuned as above on 3-eye crops, `npm run cv` moved from the 4-eye crop's art caught 0.710 to 0.764
(photos lost 0.0145 to 0.0155, AUC 0.966 to 0.964) and the whole decision's art warned from 0.193 to 0.158,
but photos told "not a photograph" 0.029 to 0.031, over the budget; with train.py's PHOTO_KEEP then raised
to 0.99: art caught 0.720 at photos lost 0.0077, art warned 0.184, photos told "not a photograph" 0.024.
With photos2's labels audited (2026-12-07), PHOTO_KEEP 0.98: art caught 0.782 at photos lost 0.0145, art
warned 0.147, told "not a photograph" 0.029.
Also tried with the trunk frozen (a scratch run of compare_crops' method, 2026-12-07): the 3-eye crop's
features averaged with its mirror image, 0.710 art caught against 0.722; with a 6-eye crop's beside them
0.656; with the whole picture's (160 px) beside them 0.738, AUC 0.958 against 0.952: a point and a half for a
second trunk pass, over the analyzer's time budget, so not taken.
"""
import json
import os

import numpy as np
import torch
from torch import nn

import one_cycle
from tfjs_graph import TfjsGraph, pool

ROOT = os.path.join(os.path.dirname(__file__), "../..")
LOOK = json.load(open(os.path.join(os.path.dirname(__file__), "config.json")))["look"]
TUNE = LOOK["finetune"]
DATA = os.environ.get("FACEGUARD_DATA", os.path.join(ROOT, "../data"))
BATCH = 64


def look_graph():
    return TfjsGraph(os.path.join(DATA, LOOK["package"]), LOOK["model"])


def frozen_pools(graph):
    """The trunk's pools computed before the split (fixed features); the others are learnt."""
    before = graph._needed([TUNE["split"]], set())
    return [p for p in LOOK["pools"] if p in before]


def split_activations(cache, graph):
    """Every augmented crop's activation at the split, float16 [faces, copies, C, H, W]; computed once
    per crops file (recomputed when the crops or the split change)."""
    aug = json.load(open(f"{cache}/aug-inputs.json"))
    spec_path, data_path = f"{cache}/act-look.json", f"{cache}/act-look.f16"
    fresh = os.path.exists(spec_path) and os.path.getmtime(spec_path) > os.path.getmtime(f"{cache}/aug-inputs.json")
    spec = json.load(open(spec_path)) if fresh else None
    if spec and spec["split"] == TUNE["split"]:
        return np.fromfile(data_path, dtype=np.float16).reshape(aug["faces"], aug["copies"], *spec["shape"])
    size = LOOK["size"]
    crops = np.fromfile(f"{cache}/aug-crops.u8", dtype=np.uint8).reshape(-1, size, size, 3)
    check_trunk(cache, graph, crops[:4])
    out = []
    with torch.no_grad():
        for i in range(0, len(crops), BATCH):
            x = torch.from_numpy(crops[i : i + BATCH].astype(np.float32)).permute(0, 3, 1, 2)
            out.append(graph(x, [TUNE["split"]])[TUNE["split"]].numpy().astype(np.float16))
    act = np.concatenate(out)
    act.tofile(data_path)
    json.dump({"split": TUNE["split"], "shape": list(act.shape[1:])}, open(spec_path, "w"))
    return act.reshape(aug["faces"], aug["copies"], *act.shape[1:])


def check_trunk(cache, graph, crops):
    """The trunk as run here must give the features TF.js gave (training/node/embed.mjs) on the same crops."""
    dim = json.load(open(f"{cache}/{LOOK['features']}.json"))["dim"]
    ref = np.fromfile(f"{cache}/{LOOK['features']}-aug_crops_u8.f32", dtype=np.float32, count=len(crops) * dim)
    ref = ref.reshape(len(crops), dim)
    with torch.no_grad():
        outs = graph(torch.from_numpy(crops.astype(np.float32)).permute(0, 3, 1, 2), LOOK["pools"])
        mine = torch.cat([pool(outs[p]) for p in LOOK["pools"]], 1).numpy()
    err = float(np.abs(mine - ref).max() / np.abs(ref).max())
    if err > 1e-3:
        raise RuntimeError(f"{cache}: the trunk here differs from TF.js's features by {err:.4f} (relative)")


class Look(nn.Module):
    def __init__(self, graph, frozen_mean, frozen_std, act_shape):
        super().__init__()
        self.graph = graph
        self.pools = [p for p in LOOK["pools"] if p not in frozen_pools(graph)]
        need = set()
        for p in self.pools:
            need |= graph._needed([p], {TUNE["split"]})
        used = {i.split(":")[0] for n in need for i in graph.nodes[n].get("input", [])}
        # The later blocks' convolutions learn; hard-swish and squeeze-excite constants (scalars) stay.
        for name, k in graph.names.items():
            graph.params[k].requires_grad_(name in used and graph.params[k].dim() > 0)
        self.register_buffer("frozen_mean", torch.from_numpy(frozen_mean))
        self.register_buffer("frozen_std", torch.from_numpy(frozen_std))
        width = self.pooled(torch.zeros(1, *act_shape)).shape[1]
        self.register_buffer("pooled_mean", torch.zeros(width))
        self.register_buffer("pooled_std", torch.ones(width))
        self.drop = nn.Dropout(TUNE["dropout"])
        self.head = nn.Linear(len(frozen_mean) + width, 1)

    def pooled(self, act):
        outs = self.graph(None, self.pools, inputs={TUNE["split"]: act})
        return torch.cat([pool(outs[p]) for p in self.pools], 1)

    def forward(self, act, frozen):
        learnt = (self.pooled(act) - self.pooled_mean) / self.pooled_std
        fixed = (frozen - self.frozen_mean) / self.frozen_std
        return self.head(self.drop(torch.cat([fixed, learnt], 1))).squeeze(1)

    def linear(self):
        """The read-out on unstandardised features, in the exported order (frozen, then learnt): (w, b)."""
        w = self.head.weight.detach().numpy()[0].astype(np.float64)
        mean = torch.cat([self.frozen_mean, self.pooled_mean]).numpy().astype(np.float64)
        std = torch.cat([self.frozen_std, self.pooled_std]).numpy().astype(np.float64)
        w = w / std
        return w, float(self.head.bias.detach().numpy()[0]) - float(w @ mean)


def fit(act, frozen, y, seed=0):
    """act: float16 [n, copies, C, H, W] at the split; frozen: float32 [n, copies, D]; y: 1 = photo.
    Trained as one_cycle.train does."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    flat = frozen.reshape(-1, frozen.shape[-1])
    model = Look(look_graph(), flat.mean(0).astype(np.float32), (flat.std(0) + 1e-6).astype(np.float32), act.shape[2:])
    with torch.no_grad():
        sample = rng.choice(len(y), min(len(y), 512), replace=False)
        p = model.pooled(torch.from_numpy(act[sample, 0].astype(np.float32)))
        model.pooled_mean.copy_(p.mean(0))
        model.pooled_std.copy_(p.std(0) + 1e-6)
    trunk = [p for p in model.graph.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(
        [
            {"params": trunk, "lr": TUNE["lr_trunk"], "weight_decay": 0.0},
            {"params": model.head.parameters(), "lr": TUNE["lr_head"], "weight_decay": TUNE["weight_decay"]},
        ]
    )

    def forward(idx, pick):
        return model(torch.from_numpy(act[idx, pick].astype(np.float32)), torch.from_numpy(frozen[idx, pick]))

    return one_cycle.train(model, opt, y, act.shape[1], TUNE["epochs"], BATCH, rng, forward)


def logits(model, act, frozen):
    """Logits on the unaugmented copy (copy 0) of each face, as the extension sees it."""
    out = []
    with torch.no_grad():
        for i in range(0, len(act), 256):
            a = torch.from_numpy(act[i : i + 256, 0].astype(np.float32))
            out.append(model(a, torch.from_numpy(frozen[i : i + 256, 0])).numpy())
    return np.concatenate(out)


def frozen_width(graph):
    """How many pooled features the frozen trunk pools give (mean and std per channel)."""
    with torch.no_grad():
        outs = graph(torch.zeros(1, 3, LOOK["size"], LOOK["size"]), frozen_pools(graph))
    return sum(2 * t.shape[1] for t in outs.values())
