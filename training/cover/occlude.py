"""Faces with parts covered on purpose, for learning whether the eyes, nose and mouth are visible.

python3 training/cover/occlude.py CACHE_DIR [--copies K] [--seed S]

Real covered faces are few (masks, a few sunglasses, hardly any hands or hair), so every face whose
parts are all visible also gets K-1 copies with an occluder drawn over some of them: a face mask, dark
glasses, a hand, strands of hair, a bar or block, or a patch of another picture. Each copy records which
parts it covers, from the share of each part's area under the occluder. A real face takes its labels
from the face the set boxed there (labelledFaces): uncovered in a clear-frontal picture, all parts
visible; masked or in sunglasses, what that cover implies (mask: nose and mouth; sunglasses: both eyes);
otherwise, or when the set boxed no face there, unlabelled. A clear-frontal label speaks for one face,
not for every face in a group: a group photo's sunglasses taught the model that covered eyes were in
view (2026-12-07).

Writes CACHE_DIR/occ-inputs.u8 (192 x 192 x 3 per copy) and occ-meta.json: per copy the face's crop
index, its part centres in the input and the parts' states (1 visible, 0 covered, -1 not known)."""
import argparse
import json
import os

import cv2
import numpy as np

# FaceMesh points whose mean is each part's centre (shared with train.py and the exported model).
PARTS = json.load(open(os.path.join(os.path.dirname(__file__), "config.json")))["parts"]
NAMES = list(PARTS)
# Covers implied by the labels of real photos (training/data/*/labels.json faces[].cover).
REAL_COVERS = {"mask": {"nose": 0, "mouth": 0, "eye_l": 1, "eye_r": 1}, "sunglasses": {"eye_l": 0, "eye_r": 0}}
# A part counts as covered above this share of its disc hidden, as visible under the lower one.
COVERED, VISIBLE = 0.6, 0.15


def centres(points):
    return {k: points[idx].mean(0) for k, idx in PARTS.items()}


def disc(shape, centre, radius):
    m = np.zeros(shape[:2], np.uint8)
    cv2.circle(m, tuple(int(round(v)) for v in centre), max(1, int(round(radius))), 1, -1)
    return m


def smooth_noise(shape, rng, scale):
    n = rng.normal(0, 1, (shape[0] // scale + 2, shape[1] // scale + 2)).astype(np.float32)
    return cv2.resize(n, (shape[1], shape[0]), interpolation=cv2.INTER_CUBIC)


def paint(img, mask, colour, rng, texture=8.0, shade=0.25):
    """Blends `colour` with soft edges, shading and texture into img where mask is set."""
    h, w = mask.shape
    alpha = cv2.GaussianBlur(mask.astype(np.float32), (0, 0), rng.uniform(0.6, 1.8))[..., None]
    grad = np.linspace(1 - shade, 1 + shade, w, dtype=np.float32)[None, :, None]
    if rng.random() < 0.5:
        grad = np.linspace(1 - shade, 1 + shade, h, dtype=np.float32)[:, None, None]
    layer = np.asarray(colour, np.float32)[None, None, :] * grad
    layer = layer + smooth_noise((h, w), rng, rng.choice([2, 4, 8]))[..., None] * texture
    out = img.astype(np.float32) * (1 - alpha) + layer * alpha
    return np.clip(out, 0, 255).astype(np.uint8)


def face_mask(img, pts, c, rng):
    """A surgical, cloth or FFP mask: from the nose bridge to under the chin, cheek to cheek."""
    eye_dist = np.linalg.norm(c["eye_r"] - c["eye_l"])
    top = pts[[6, 197, 195]].mean(0) if rng.random() < 0.7 else pts[[5, 4]].mean(0)
    outline = pts[[234, 93, 132, 58, 172, 136, 150, 149, 176, 148, 152, 377, 400, 378, 379, 365, 397, 288, 361, 323, 454]]
    low = outline[outline[:, 1] > top[1]]
    poly = np.vstack([low, top + [-0.9 * eye_dist, 0.1 * eye_dist], top, top + [0.9 * eye_dist, 0.1 * eye_dist]])
    hull = cv2.convexHull(poly.astype(np.float32)).astype(np.int32)
    m = np.zeros(img.shape[:2], np.uint8)
    cv2.fillPoly(m, [hull], 1)
    colours = [(235, 238, 240), (160, 200, 230), (40, 40, 45), (120, 130, 140), (200, 170, 170), rng.integers(0, 255, 3)]
    out = paint(img, m, colours[rng.integers(len(colours))], rng, texture=rng.uniform(2, 10))
    if rng.random() < 0.6:  # pleats
        for k in range(3):
            y = int(top[1] + (k + 1) * 0.35 * eye_dist)
            cv2.line(out, (0, y), (img.shape[1], y + int(rng.uniform(-4, 4))), (0, 0, 0), 1)
            out = np.where(m[..., None] > 0, out, img)
    return out, m


def sunglasses(img, pts, c, rng):
    eye_dist = np.linalg.norm(c["eye_r"] - c["eye_l"])
    m = np.zeros(img.shape[:2], np.uint8)
    ax = (int(eye_dist * rng.uniform(0.38, 0.5)), int(eye_dist * rng.uniform(0.25, 0.38)))
    for k in ("eye_l", "eye_r"):
        cv2.ellipse(m, tuple(int(v) for v in c[k]), ax, 0, 0, 360, 1, -1)
    cv2.line(m, tuple(int(v) for v in c["eye_l"]), tuple(int(v) for v in c["eye_r"]), 1, max(1, int(eye_dist * 0.06)))
    tint = rng.integers(5, 60, 3)
    return paint(img, m, tint, rng, texture=3, shade=0.4), m


def skin_colour(img, pts, rng):
    cheeks = np.concatenate([img[int(p[1]) - 2 : int(p[1]) + 3, int(p[0]) - 2 : int(p[0]) + 3].reshape(-1, 3) for p in pts[[50, 280]] if 3 <= p[0] < img.shape[1] - 3 and 3 <= p[1] < img.shape[0] - 3] or [np.array([[200, 160, 140]])])
    return np.clip(cheeks.mean(0) * rng.uniform(0.8, 1.15) + rng.normal(0, 8, 3), 0, 255)


def hand(img, pts, c, rng):
    """A palm and fingers over the mouth and nose, or over one eye."""
    eye_dist = np.linalg.norm(c["eye_r"] - c["eye_l"])
    target = c["mouth"] if rng.random() < 0.6 else c[rng.choice(["eye_l", "eye_r"])]
    if rng.random() < 0.3:
        target = (c["mouth"] + c["nose"]) / 2
    m = np.zeros(img.shape[:2], np.uint8)
    centre = target + rng.normal(0, 0.12 * eye_dist, 2)
    ang = rng.uniform(-60, 60)
    cv2.ellipse(m, tuple(int(v) for v in centre), (int(eye_dist * rng.uniform(0.55, 0.8)), int(eye_dist * rng.uniform(0.4, 0.6))), ang, 0, 360, 1, -1)
    base = np.radians(ang + rng.choice([0, 180]))
    for k in range(4):
        a = base + np.radians(-30 + k * 20 + rng.uniform(-5, 5))
        start = centre + eye_dist * 0.4 * np.array([np.cos(a), np.sin(a)])
        end = start + eye_dist * rng.uniform(0.6, 1.0) * np.array([np.cos(a), np.sin(a)])
        cv2.line(m, tuple(int(v) for v in start), tuple(int(v) for v in end), 1, max(2, int(eye_dist * 0.22)))
    out = paint(img, m, skin_colour(img, pts, rng), rng, texture=5, shade=0.2)
    # Knuckle and finger gaps: the darker lines a real hand shows.
    edges = cv2.morphologyEx(m, cv2.MORPH_GRADIENT, np.ones((3, 3), np.uint8))
    out[edges > 0] = (out[edges > 0] * 0.75).astype(np.uint8)
    return out, m


def hair(img, pts, c, rng):
    """Strands of hair falling over one eye."""
    eye_dist = np.linalg.norm(c["eye_r"] - c["eye_l"])
    eye = c[rng.choice(["eye_l", "eye_r"])]
    colour = np.array([[20, 15, 10], [60, 40, 25], [110, 80, 50], [180, 150, 100], [30, 30, 30]][rng.integers(5)], np.float32)
    m = np.zeros(img.shape[:2], np.uint8)
    out = img.copy()
    for _ in range(rng.integers(6, 14)):
        x0 = eye[0] + rng.normal(0, 0.35 * eye_dist)
        p = np.array([[x0 + rng.normal(0, 0.2 * eye_dist), eye[1] - eye_dist * 1.2], [x0 + rng.normal(0, 0.3 * eye_dist), eye[1]], [x0 + rng.normal(0, 0.4 * eye_dist), eye[1] + eye_dist * rng.uniform(0.5, 1.2)]])
        t = np.linspace(0, 1, 30)[:, None]
        curve = ((1 - t) ** 2) * p[0] + 2 * (1 - t) * t * p[1] + (t**2) * p[2]
        width = max(1, int(eye_dist * rng.uniform(0.05, 0.15)))
        cv2.polylines(m, [curve.astype(np.int32)], False, 1, width)
        shade = colour * rng.uniform(0.7, 1.3)
        cv2.polylines(out, [curve.astype(np.int32)], False, tuple(float(v) for v in np.clip(shade, 0, 255)), width)
    return cv2.GaussianBlur(out, (3, 3), 0) * m[..., None] + img * (1 - m[..., None]), m


def block(img, pts, c, rng):
    """A bar over the eyes or a block over the lower face, flat, noisy or pixelated."""
    eye_dist = np.linalg.norm(c["eye_r"] - c["eye_l"])
    m = np.zeros(img.shape[:2], np.uint8)
    if rng.random() < 0.5:
        a, b = c["eye_l"] - [0.5 * eye_dist, 0.3 * eye_dist], c["eye_r"] + [0.5 * eye_dist, 0.3 * eye_dist]
    else:
        a, b = c["nose"] - [0.9 * eye_dist, 0.15 * eye_dist], c["mouth"] + [0.9 * eye_dist, 0.6 * eye_dist]
    cv2.rectangle(m, tuple(int(v) for v in a), tuple(int(v) for v in b), 1, -1)
    kind = rng.integers(3)
    if kind == 0:
        fill = np.full_like(img, rng.integers(0, 255, 3))
    elif kind == 1:
        fill = rng.integers(0, 255, img.shape).astype(np.uint8)
    else:
        s = max(2, int(eye_dist * 0.3))
        small = cv2.resize(img, (img.shape[1] // s, img.shape[0] // s), interpolation=cv2.INTER_AREA)
        fill = cv2.resize(small, (img.shape[1], img.shape[0]), interpolation=cv2.INTER_NEAREST)
    return np.where(m[..., None] > 0, fill, img), m


def patch(img, pts, c, rng, other):
    """An ellipse of another picture over one part (a cup, a phone, a microphone: anything)."""
    eye_dist = np.linalg.norm(c["eye_r"] - c["eye_l"])
    target = c[NAMES[rng.integers(4)]]
    m = np.zeros(img.shape[:2], np.uint8)
    cv2.ellipse(m, tuple(int(v) for v in target + rng.normal(0, 0.1 * eye_dist, 2)), (int(eye_dist * rng.uniform(0.35, 0.7)), int(eye_dist * rng.uniform(0.3, 0.6))), rng.uniform(0, 180), 0, 360, 1, -1)
    shifted = np.roll(other, (rng.integers(-60, 60), rng.integers(-60, 60)), (0, 1))
    return np.where(m[..., None] > 0, shifted, img), m


OCCLUDERS = [face_mask, sunglasses, hand, hair, block, patch]


def labelled_face(box, labelled):
    """The face the set boxed where the check found `box` (each box's centre inside the other; the
    most overlapping one), or None: a face the set did not box, or a false detection."""
    x, y, w, h = box["x"], box["y"], box["width"], box["height"]

    def centre_in(a, b):
        return b[0] <= a[0] + a[2] / 2 <= b[0] + b[2] and b[1] <= a[1] + a[3] / 2 <= b[1] + b[3]

    best, best_iou = None, 0.0
    for lf in labelled:
        lx, ly, lw, lh = lf["box"]
        mutual = centre_in((x, y, w, h), lf["box"]) and centre_in(lf["box"], (x, y, w, h))
        inter = max(0, min(x + w, lx + lw) - max(x, lx)) * max(0, min(y + h, ly + lh) - max(y, ly))
        iou = inter / (w * h + lw * lh - inter)
        if mutual and iou > best_iou:
            best, best_iou = lf, iou
    return best


def real_states(r, face):
    """The parts' states (1 visible, 0 covered) of a real face as its labels say, or None when unknown."""
    labelled = r.get("labelledFaces") or []
    if len(labelled) == 1 and len(r["faces"]) == 1:
        # One face boxed, one found: the same face (boxes drawn by eye can sit off the face).
        cover = labelled[0]["cover"]
    elif labelled:
        match = labelled_face(face["measures"]["box"], labelled)
        if match is None:
            return None
        cover = match["cover"]
    elif len(r["faces"]) == 1:
        cover = None  # no box given: the picture's label is its only face's
    else:
        return None
    if cover is None:
        return [1, 1, 1, 1] if r["label"] == "clear-frontal" else None
    return [REAL_COVERS[cover].get(k, -1) for k in NAMES] if cover in REAL_COVERS else None


def states(mask, c, eye_dist):
    out = []
    for k in NAMES:
        d = disc(mask.shape, c[k], 0.22 * eye_dist)
        share = (mask * d).sum() / max(1, d.sum())
        out.append(0 if share >= COVERED else 1 if share <= VISIBLE else -1)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cache")
    ap.add_argument("--copies", type=int, default=6)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rng = np.random.default_rng(args.seed)
    meta = json.load(open(f"{args.cache}/faces.json"))
    S = meta["meshInput"]
    raw = np.fromfile(f"{args.cache}/mesh-inputs.u8", dtype=np.uint8).reshape(-1, S, S, 3)
    records = []
    with open(f"{args.cache}/occ-inputs.u8", "wb") as out:
        for r in meta["records"]:
            if r.get("class") != "photo":
                continue
            for f in r["faces"]:
                if f["crop"] < 0 or not f.get("meshInInput"):
                    continue
                pts = np.array(f["meshInInput"], np.float32)
                c = centres(pts)
                eye_dist = float(np.linalg.norm(c["eye_r"] - c["eye_l"]))
                img = raw[f["crop"]]
                centre_list = {k: [round(float(v), 1) for v in c[k]] for k in NAMES}
                real = real_states(r, f) or [-1, -1, -1, -1]
                visible = real == [1, 1, 1, 1]
                out.write(img.tobytes())
                records.append({"crop": f["crop"], "group": r["group"], "centres": centre_list, "parts": real, "occluder": None})
                if not visible:
                    continue
                for _ in range(args.copies - 1):
                    occ = OCCLUDERS[rng.integers(len(OCCLUDERS))]
                    other = raw[rng.integers(len(raw))]
                    made, m = occ(img, pts, c, rng, other) if occ is patch else occ(img, pts, c, rng)
                    out.write(np.ascontiguousarray(made.astype(np.uint8)).tobytes())
                    records.append({"crop": f["crop"], "group": r["group"], "centres": centre_list, "parts": states(m, c, eye_dist), "occluder": occ.__name__})
    json.dump({"parts": NAMES, "copies": records}, open(f"{args.cache}/occ-meta.json", "w"))
    print(f"{len(records)} inputs, {sum(1 for x in records if x['occluder'])} with a drawn occluder")


if __name__ == "__main__":
    main()
