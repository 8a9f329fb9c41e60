"""Photographing a card in software: scanned, on a table, in a hand, small in a larger picture, shown on
a phone screen, held up in front of a person; then light, glare, blur, noise and JPEG. Geometry (card
corners, portrait box, identifying lines) is carried through every step."""

import io
import math
import random

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter

PHONE_SIZES = [(1080, 1440), (1440, 1080), (3000, 4000), (4000, 3000), (1200, 1600), (900, 1200), (1280, 960), (720, 1280)]


def texture(w, h, r):
    """A procedural table top: wood grain, fabric noise or a plain painted surface (drawn at a quarter
    of the size and enlarged: it is a background)."""
    full = (w, h)
    w, h = max(8, w // 4), max(8, h // 4)
    kind = r.choice(['wood', 'noise', 'plain', 'stone'])
    base = np.array([r.randint(60, 230), r.randint(50, 210), r.randint(40, 200)], np.float32)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    if kind == 'wood':
        f = r.uniform(0.04, 0.16)
        g = np.sin((yy + 30 * np.sin(xx * 0.004 + r.random() * 6)) * f) * 0.5 + 0.5
        arr = base[None, None, :] * (0.75 + 0.25 * g[..., None])
    elif kind == 'stone':
        n = cv2.resize(np.random.default_rng(r.randint(0, 1 << 30)).random((h // 16 + 2, w // 16 + 2)).astype(np.float32), (w, h), interpolation=cv2.INTER_CUBIC)
        arr = base[None, None, :] * (0.7 + 0.3 * n[..., None])
    else:
        arr = np.broadcast_to(base, (h, w, 3)).copy()
    noise = np.random.default_rng(r.randint(0, 1 << 30)).normal(0, r.uniform(2, 10) if kind != 'plain' else 2, (h, w, 1))
    arr = arr + noise
    light = 0.8 + 0.35 * (1 - ((xx / w - r.random()) ** 2 + (yy / h - r.random()) ** 2))
    return cv2.resize(np.clip(arr * light[..., None], 0, 255).astype(np.uint8), full, interpolation=cv2.INTER_LINEAR)


_bg_cache = {}


def background(w, h, r, pool):
    if pool and r.random() < 0.55:
        path = r.choice(pool)
        if path not in _bg_cache:  # decoded once, at most 2000 px long
            img = Image.open(path).convert('RGB')
            img.thumbnail((2000, 2000))
            _bg_cache[path] = img
        img = _bg_cache[path]
        s = max(w / img.width, h / img.height) * r.uniform(1.0, 1.6)
        img = img.resize((max(w, int(img.width * s)), max(h, int(img.height * s))), Image.BILINEAR)
        x, y = r.randint(0, img.width - w), r.randint(0, img.height - h)
        return np.array(img.crop((x, y, x + w, y + h)))
    return texture(w, h, r)


def transform_box(H, box):
    x, y, w, h = box
    pts = np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float32)[None]
    q = cv2.perspectiveTransform(pts, H)[0]
    return [float(q[:, 0].min()), float(q[:, 1].min()), float(q[:, 0].max() - q[:, 0].min()), float(q[:, 1].max() - q[:, 1].min())]


def paste_card(canvas, card, mask, H):
    """Warps the card (and its alpha mask) by homography H onto canvas (numpy RGB) in place."""
    h, w = canvas.shape[:2]
    warped = cv2.warpPerspective(np.array(card), H, (w, h), flags=cv2.INTER_AREA if np.linalg.det(H[:2, :2]) < 1 else cv2.INTER_LINEAR)
    m = np.array(mask if mask is not None else Image.new('L', card.size, 255), np.float32) / 255
    wm = cv2.warpPerspective(m, H, (w, h), flags=cv2.INTER_LINEAR)
    ys, xs = np.nonzero(wm > 0)
    if len(ys):
        y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
        a = wm[y0:y1, x0:x1, None]
        canvas[y0:y1, x0:x1] = (canvas[y0:y1, x0:x1] * (1 - a) + warped[y0:y1, x0:x1] * a).astype(np.uint8)
    return wm


def card_homography(card_size, centre, width, angle, jitter, r):
    cw, ch = card_size
    s = width / cw
    c, sn = math.cos(angle), math.sin(angle)
    dst = []
    for x, y in [(0, 0), (cw, 0), (cw, ch), (0, ch)]:
        u, v = (x - cw / 2) * s, (y - ch / 2) * s
        dst.append([centre[0] + u * c - v * sn + r.uniform(-jitter, jitter) * width, centre[1] + u * sn + v * c + r.uniform(-jitter, jitter) * width])
    src = np.array([[0, 0], [cw, 0], [cw, ch], [0, ch]], np.float32)
    return cv2.getPerspectiveTransform(src, np.array(dst, np.float32)), dst


def drop_shadow(canvas, wm, r):
    k = max(3, int(min(canvas.shape[:2]) * 0.01)) | 1
    dx, dy = r.randint(2, k * 2), r.randint(2, k * 2)
    sh = np.roll(np.roll(wm, dy, 0), dx, 1)
    sh = cv2.GaussianBlur(sh, (k * 4 + 1, k * 4 + 1), 0) * r.uniform(0.25, 0.5)
    sh = sh * (1 - wm)
    canvas[:] = (canvas * (1 - sh[..., None])).astype(np.uint8)


def thumb(canvas, corners, r):
    """A skin-coloured thumb over one edge of the card: the card is held in a hand."""
    h, w = canvas.shape[:2]
    a, b = r.sample(range(4), 1)[0], None
    b = (a + 1) % 4
    t = r.uniform(0.2, 0.8)
    px = corners[a][0] * (1 - t) + corners[b][0] * t
    py = corners[a][1] * (1 - t) + corners[b][1] * t
    size = math.dist(corners[0], corners[1]) * r.uniform(0.12, 0.2)
    skin = np.array([r.randint(170, 235), r.randint(120, 185), r.randint(95, 160)], np.float32)
    layer = Image.new('L', (w, h), 0)
    d = ImageDraw.Draw(layer)
    mx, my = np.mean([c[0] for c in corners]), np.mean([c[1] for c in corners])
    ang = math.atan2(py - my, px - mx)  # outward, away from the card's middle
    cx, cy = px + math.cos(ang) * size * 0.3, py + math.sin(ang) * size * 0.3
    d.ellipse([cx - size * 0.55, cy - size * 0.75, cx + size * 0.55, cy + size * 0.75], fill=255)
    d.ellipse([cx + math.cos(ang) * size - size * 0.7, cy + math.sin(ang) * size - size * 0.8, cx + math.cos(ang) * size + size * 0.7, cy + math.sin(ang) * size + size * 0.8], fill=255)
    m = np.array(layer.filter(ImageFilter.GaussianBlur(2)), np.float32)[..., None] / 255
    ys, xs = np.nonzero(m[..., 0] > 0.01)
    if len(ys) == 0:
        return
    y0, y1, x0, x1 = ys.min(), ys.max() + 1, xs.min(), xs.max() + 1
    mm = m[y0:y1, x0:x1]
    shade = 0.85 + 0.15 * np.random.default_rng(r.randint(0, 1 << 30)).random((y1 - y0, x1 - x0, 1))
    canvas[y0:y1, x0:x1] = (canvas[y0:y1, x0:x1] * (1 - mm) + skin * shade * mm).astype(np.uint8)


def glare(canvas, corners, r):
    h, w = canvas.shape[:2]
    cx = np.mean([c[0] for c in corners]) + r.uniform(-0.3, 0.3) * math.dist(corners[0], corners[1])
    cy = np.mean([c[1] for c in corners]) + r.uniform(-0.3, 0.3) * math.dist(corners[1], corners[2])
    rad = math.dist(corners[0], corners[1]) * r.uniform(0.1, 0.35)
    x0, x1 = int(max(0, cx - 4 * rad)), int(min(w, cx + 4 * rad))
    y0, y1 = int(max(0, cy - 4 * rad)), int(min(h, cy + 4 * rad))
    if x1 <= x0 or y1 <= y0:
        return
    yy, xx = np.mgrid[y0:y1, x0:x1].astype(np.float32)
    g = np.exp(-((xx - cx) ** 2 + ((yy - cy) * r.uniform(0.5, 2)) ** 2) / (2 * rad * rad)) * r.uniform(0.4, 0.95)
    part = canvas[y0:y1, x0:x1].astype(np.float32)
    canvas[y0:y1, x0:x1] = np.clip(part + (255 - part) * g[..., None], 0, 255).astype(np.uint8)


def phone_screen(img, r):
    """The picture shown in a phone app's viewer or chat, captured as a screenshot."""
    W, H = r.choice([(1080, 2340), (1170, 2532), (720, 1560)])
    dark = r.random() < 0.5
    screen = Image.new('RGB', (W, H), (0, 0, 0) if dark else (245, 245, 245))
    d = ImageDraw.Draw(screen)
    d.rectangle([0, 0, W, int(H * 0.045)], fill=(0, 0, 0) if dark else (250, 250, 250))
    d.rectangle([0, int(H * 0.045), W, int(H * 0.09)], fill=(30, 30, 30) if dark else (237, 237, 237))
    s = W * r.uniform(0.75, 1.0) / img.width
    pic = img.resize((int(img.width * s), int(img.height * s)), Image.BILINEAR)
    x, y = (W - pic.width) // 2, int(H * r.uniform(0.15, 0.35))
    screen.paste(pic, (x, y))
    return screen, s, (x, y)


def limit_sizes(max_side):
    """Draws pictures no larger than max_side (training sets: the check analyses ~1.2 MP anyway)."""
    global PHONE_SIZES, SCAN_MAX
    k = lambda w, h: min(1.0, max_side / max(w, h))
    PHONE_SIZES = [(int(w * k(w, h)), int(h * k(w, h))) for w, h in PHONE_SIZES]
    SCAN_MAX = min(SCAN_MAX, max_side)


SCAN_MAX = 1800


def photograph(card, mask, meta, r, bg_pool, held_pool, mode=None):
    """Returns (PIL RGB picture, labels geometry, description of the operations)."""
    mode = mode or r.choices(['scan', 'table', 'hand', 'small', 'screenshot', 'held'], [22, 30, 12, 14, 10, 12])[0]
    ops = [mode]
    cw, ch = card.size
    if mode == 'scan':
        margin = r.uniform(0.0, 0.08)
        out_w = r.randint(420, SCAN_MAX)
        W = out_w
        s = W / (cw * (1 + 2 * margin))
        H = int((ch * (1 + 2 * margin)) * s)
        canvas = np.full((H, W, 3), r.choice([255, 248, 235, 200]), np.uint8)
        Hm, corners = card_homography((cw, ch), (W / 2, H / 2), cw * s, math.radians(r.uniform(-3, 3)), 0.0, r)
        paste_card(canvas, card, mask, Hm)
    elif mode in ('table', 'hand', 'small'):
        W, H = r.choice(PHONE_SIZES)
        canvas = background(W, H, r, bg_pool)
        frac = r.uniform(0.4, 0.85) if mode != 'small' else r.uniform(0.1, 0.25)
        width = min(W, H) * frac if r.random() < 0.7 else W * frac
        angle = math.radians(r.uniform(-25, 25) if r.random() < 0.85 else r.choice([90, -90, 180]) + r.uniform(-10, 10))
        if abs(angle) > math.radians(45):
            ops.append('rotated')
        centre = (r.uniform(0.3, 0.7) * W, r.uniform(0.3, 0.7) * H)
        Hm, corners = card_homography((cw, ch), centre, width, angle, r.uniform(0.0, 0.12), r)
        wm = paste_card(canvas, card, mask, Hm)
        if r.random() < 0.7:
            drop_shadow(canvas, wm, r)
        if mode == 'hand':
            thumb(canvas, corners, r)
    elif mode == 'held':
        img, box = r.choice(held_pool)
        base = Image.open(img).convert('RGB')
        s = 1600 / max(base.size) if max(base.size) > 1600 else 1.0
        base = base.resize((int(base.width * s), int(base.height * s)))
        canvas = np.array(base)
        H, W = canvas.shape[:2]
        fx, fy, fw, fh = [v * s for v in box]
        width = min(fw * r.uniform(1.4, 2.6), W * r.uniform(0.25, 0.5))
        side = r.choice([-1, 1])
        centre = (min(W - width * 0.3, max(width * 0.3, fx + fw / 2 + side * fw * r.uniform(0.8, 1.6))), min(H - width * 0.2, fy + fh * r.uniform(1.3, 2.2)))
        Hm, corners = card_homography((cw, ch), centre, width, math.radians(r.uniform(-20, 20)), r.uniform(0, 0.08), r)
        paste_card(canvas, card, mask, Hm)
        thumb(canvas, corners, r)
    else:  # screenshot of a photo or scan
        inner, geo, inner_ops = photograph(card, mask, meta, r, bg_pool, held_pool, mode=r.choice(['scan', 'table']))
        screen, s, (ox, oy) = phone_screen(inner, r)
        shift = lambda b: [b[0] * s + ox, b[1] * s + oy, b[2] * s, b[3] * s]
        geo = {
            'corners': [[x * s + ox, y * s + oy] for x, y in geo['corners']],
            'portrait': shift(geo['portrait']) if geo['portrait'] else None,
            'lines': [shift(b) for b in geo['lines']],
        }
        return finish(np.array(screen), r, ops + inner_ops, geo, allow_blur=False)
    geo = {
        'corners': [[float(x), float(y)] for x, y in corners],
        'portrait': transform_box(Hm, meta['portrait']) if meta['portrait'] else None,
        'lines': [transform_box(Hm, b) for b in meta['lines']],
    }
    if mode != 'scan' and r.random() < 0.3:
        glare(canvas, corners, r)
        ops.append('glare')
    return finish(canvas, r, ops, geo)


def finish(canvas, r, ops, geo, allow_blur=True):
    arr = canvas.astype(np.float32)
    if r.random() < 0.7:
        gain = r.uniform(0.75, 1.2)
        tintv = np.array([r.uniform(0.9, 1.1), 1, r.uniform(0.88, 1.1)], np.float32)
        arr = arr * gain * tintv + r.uniform(-15, 15)
        ops.append('light')
    if allow_blur and r.random() < 0.45:
        sigma = r.uniform(0.5, 2.2) * max(arr.shape[:2]) / 1500
        arr = cv2.GaussianBlur(arr, (0, 0), sigma)
        ops.append(f'blur{sigma:.1f}')
    if r.random() < 0.4 and arr.shape[0] * arr.shape[1] <= 5_000_000:
        arr = arr + np.random.default_rng(r.randint(0, 1 << 30)).normal(0, r.uniform(2, 8), arr.shape)
        ops.append('noise')
    img = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
    return img, geo, ops


def scaled(geo, k):
    box = lambda b: [v * k for v in b]
    return {
        'corners': [[x * k, y * k] for x, y in geo['corners']],
        'portrait': box(geo['portrait']) if geo['portrait'] else None,
        'lines': [box(b) for b in geo['lines']],
    }


def encode(img, r, png_share=0.15):
    if r.random() < png_share:
        buf = io.BytesIO()
        img.save(buf, 'PNG', compress_level=1)
        return buf.getvalue(), 'png', 'png'
    q = r.randint(35, 95)
    buf = io.BytesIO()
    img.save(buf, 'JPEG', quality=q)
    return buf.getvalue(), 'jpg', f'jpeg{q}'
