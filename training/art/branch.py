"""The photo-vs-art branch: a fine-tuned copy of FaceMesh's later blocks on the frozen activations of its
earlier ones, channel mean/std pooling, a linear layer. Trained on activations computed once by
training/node/mesh-activations.mjs (the frozen part never changes)."""
import json
import numpy as np
import torch
from torch import nn

import one_cycle
from facemesh import P, facemesh_graph
from tfjs_graph import pool


class Branch(nn.Module):
    def __init__(self, split, top, channels=128, dropout=0.3):
        super().__init__()
        self.graph = facemesh_graph()
        self.split, self.top = P + split, P + top
        need = self.graph._needed([self.top], {self.split})
        # Only the copied blocks learn; everything else of the graph stays as it is (and is not exported).
        used = {i.split(":")[0] for n in need for i in self.graph.nodes[n].get("input", [])}
        for name, k in self.graph.names.items():
            self.graph.params[k].requires_grad_(name in used)
        self.drop = nn.Dropout(dropout)
        self.head = nn.Linear(2 * channels, 1)

    def pooled(self, act):
        return pool(self.graph(None, [self.top], inputs={self.split: act})[self.top])

    def forward(self, act):
        return self.head(self.drop(self.pooled(act))).squeeze(1)


def load_cache(cache, node):
    meta = json.load(open(f"{cache}/faces.json"))
    aug = json.load(open(f"{cache}/aug-inputs.json"))
    act = np.fromfile(f"{cache}/act-{node.replace('/', '_')}.f16", dtype=np.float16)
    n, k = aug["faces"], aug["copies"]
    act = act.reshape(n, k, -1)
    return meta, act


def faces_of(meta, keep):
    """(crop index, record, face) for every meshed face of the records `keep` accepts."""
    out = []
    for r in meta["records"]:
        if not keep(r):
            continue
        for f in r["faces"]:
            if f["crop"] >= 0:
                out.append((f["crop"], r, f))
    return out


def to_nchw(a, shape):
    """float16 NHWC rows -> float32 NCHW tensor."""
    t = torch.from_numpy(a.astype(np.float32)).reshape(-1, *shape)
    return t.permute(0, 3, 1, 2).contiguous()


def train(act, y, shape, split, top, epochs=12, batch=64, lr=3e-3, seed=0, wd=1e-3):
    """act: [n, copies, features] float16; trains on every copy, returns the model in eval mode."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = Branch(split, top)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=wd)

    def forward(idx, pick):
        return model(to_nchw(act[idx, pick], shape))

    return one_cycle.train(model, opt, y, act.shape[1], epochs, batch, rng, forward)


def predict(model, act, shape):
    """Logits on the unaugmented copy (copy 0), as the extension sees the picture."""
    out = []
    with torch.no_grad():
        for i in range(0, len(act), 128):
            out.append(model(to_nchw(act[i : i + 128, 0], shape)).numpy())
    return np.concatenate(out)
