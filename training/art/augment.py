"""The variations a face picture goes through between a camera and a site: framing, exposure, colour,
blur, JPEG, noise. Training sees each face in several of them so it learns what survives posting."""
import cv2
import numpy as np


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
