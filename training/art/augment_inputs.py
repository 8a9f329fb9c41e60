"""Writes augmented copies of the collected FaceMesh inputs (training/node/collect-faces.mjs), for
training/node/mesh-features.mjs to turn into pooled FaceMesh features.

python3 training/art/augment_inputs.py CACHE_DIR --copies K [--seed S]
Writes CACHE_DIR/aug-inputs.u8: for every face, the original then K-1 augmented copies."""
import argparse
import json

import numpy as np

from augment import augment

ap = argparse.ArgumentParser()
ap.add_argument("cache")
ap.add_argument("--copies", type=int, default=8)
ap.add_argument("--seed", type=int, default=0)
args = ap.parse_args()
meta = json.load(open(f"{args.cache}/faces.json"))
S = meta["meshInput"]
raw = np.fromfile(f"{args.cache}/mesh-inputs.u8", dtype=np.uint8).reshape(-1, S, S, 3)
rng = np.random.default_rng(args.seed)
with open(f"{args.cache}/aug-inputs.u8", "wb") as out:
    for img in raw:
        out.write(img.tobytes())
        for _ in range(args.copies - 1):
            out.write(augment(img, rng).tobytes())
json.dump({"copies": args.copies, "seed": args.seed, "faces": len(raw)}, open(f"{args.cache}/aug-inputs.json", "w"))
print(f"{len(raw)} faces x {args.copies} copies")
