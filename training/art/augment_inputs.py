"""Writes augmented copies of the collected model inputs (training/node/collect-faces.mjs): the FaceMesh
inputs, for training/node/mesh-features.mjs, and the face crops, for the face-look network's features
(training/node/embed.mjs centernet). Both are augmented the same way, independently.

python3 training/art/augment_inputs.py CACHE_DIR --copies K [--seed S]
Writes CACHE_DIR/aug-inputs.u8 and CACHE_DIR/aug-crops.u8: for every face, the original then K-1
augmented copies."""
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
rng = np.random.default_rng(args.seed)
for src, dst, side in (("mesh-inputs.u8", "aug-inputs.u8", meta["meshInput"]), ("crops.u8", "aug-crops.u8", meta["crop"])):
    raw = np.fromfile(f"{args.cache}/{src}", dtype=np.uint8).reshape(-1, side, side, 3)
    with open(f"{args.cache}/{dst}", "wb") as out:
        for img in raw:
            out.write(img.tobytes())
            for _ in range(args.copies - 1):
                out.write(augment(img, rng).tobytes())
json.dump({"copies": args.copies, "seed": args.seed, "faces": len(raw)}, open(f"{args.cache}/aug-inputs.json", "w"))
print(f"{len(raw)} faces x {args.copies} copies")
