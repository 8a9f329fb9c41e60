"""Makes a labelled folder of made pictures (all DERIVED, fictitious identities):
identity documents with a portrait (Chinese ID fronts on the blank template, cards and passport pages
of our own design), document backs, and pictures that are not identity documents (bank and business
cards, tickets, receipts, forms, book pages, banknotes, posters, chat screenshots, a person holding an
ordinary card), each photographed in software (see photo.py).

  /usr/bin/python3 training/documents/make.py OUT --count 400 --seed 1 \
      --artfaces-extract /work/data/extract/artfaces.faces.json [--faceset artfaces|faces|both]

Faces come from ../shared/testdata/artfaces (photo rows, boxes found by our own detector:
training/documents/extract.mjs --no-crops), the default, or also from ../shared/testdata/faces
(clear-frontal rows, labelled boxes). The latter is the dev set: only for evaluation folders, and
train.py leaves out every picture whose group ends in '/faces'. OUT/labels.json is in the eval format; `group` names the style and the face set, for
grouped validation; `portrait`, `lines` and `corners` give the geometry in picture pixels."""

import argparse
import glob
import json
import os
import random
import sys

from PIL import Image

sys.path.insert(0, os.path.dirname(__file__))
import cards  # noqa: E402
import photo  # noqa: E402

TESTDATA = os.path.normpath(os.path.join(os.path.dirname(__file__), '../../../shared/testdata'))
BG_GLOBS = ['/work/data/raw/bg-*/usr/share/backgrounds/**/*.jpg', '/work/data/raw/bg-*/usr/share/backgrounds/**/*.png']


def face_pool(faceset, artfaces_extract):
    """(path, face box [x, y, w, h] in original px) of frontal photographed faces at least 90 px wide."""
    pool = []
    if faceset in ('faces', 'both'):
        for row in json.load(open(os.path.join(TESTDATA, 'faces/labels.json'))):
            if row['label'] != 'clear-frontal' or not row['faces']:
                continue
            box = max((f['box'] for f in row['faces']), key=lambda b: b[2])
            if box[2] >= 90:
                pool.append((os.path.join(TESTDATA, 'faces', row['file']), box, 'faces'))
    if faceset in ('artfaces', 'both'):
        labels = {row['file']: row for row in json.load(open(os.path.join(TESTDATA, 'artfaces/labels.json')))}
        for pic in json.load(open(artfaces_extract)):
            row = labels.get(pic['file'])
            if not row or row['class'] != 'photo' or not pic['faces']:
                continue
            f = max(pic['faces'], key=lambda f: f['box'][2])
            if f['score'] >= 0.8 and f['box'][2] >= 90:
                pool.append((os.path.join(TESTDATA, 'artfaces', pic['file']), f['box'], 'artfaces'))
    return pool


POSITIVES = [('cn-template', 30), ('own-card', 30), ('own-vertical', 8), ('own-passport', 20), ('mrz-back', 6), ('cn-back', 6)]
NEGATIVES = [
    ('neg-bank-card', 10), ('neg-business-card', 12), ('neg-ticket', 6), ('neg-receipt', 5), ('neg-form', 5),
    ('neg-book-page', 10), ('neg-banknote', 8), ('neg-poster', 10), ('neg-screenshot', 8), ('neg-held-card', 14),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('out')
    ap.add_argument('--count', type=int, default=400, help='pictures of each class (document, not a document)')
    ap.add_argument('--seed', type=int, default=1)
    ap.add_argument('--artfaces-extract', default='/work/data/extract/artfaces.faces.json')
    ap.add_argument('--faceset', default='artfaces', choices=['faces', 'artfaces', 'both'])
    ap.add_argument('--max-side', type=int, default=0, help='shrink pictures to this long side (training sets: the check analyses ~1.2 MP anyway)')
    args = ap.parse_args()
    r = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    faces = face_pool(args.faceset, args.artfaces_extract)
    if args.max_side:
        photo.limit_sizes(args.max_side)
    bg_pool = sorted(p for g in BG_GLOBS for p in glob.glob(g, recursive=True))
    template = Image.open(os.path.join(TESTDATA, 'idcards/eg__images_empty.png')).convert('RGBA')
    template_rgb = Image.new('RGB', template.size, (255, 255, 255))
    template_rgb.paste(template, mask=template.split()[3])
    face_cache = {}
    # Photos where a held-up card fits beside the face: the face at most 35 % of the picture's width.
    roomy = {p for p, box, _ in faces if box[2] <= 0.35 * Image.open(p).width}

    def pick_face():
        path, box, fs = r.choice(faces)
        if path not in face_cache:
            if len(face_cache) > 64:
                face_cache.clear()
            face_cache[path] = Image.open(path).convert('RGB')
        return (face_cache[path], box), fs, path

    labels = []
    plan = [(s, True) for s, w in POSITIVES for _ in range(round(args.count * w / sum(w for _, w in POSITIVES)))]
    plan += [(s, False) for s, w in NEGATIVES for _ in range(round(args.count * w / sum(w for _, w in NEGATIVES)))]
    # Interleaved, so that any prefix of the folder (a run cut short) is a balanced set.
    random.Random(args.seed).shuffle(plan)
    for i, (style, positive) in enumerate(plan):
        face, fs, face_path = pick_face()
        mode = None
        if style == 'cn-template':
            card, mask, meta = cards.cn_id_front(template_rgb, face, r)
        elif style == 'cn-back':
            card, mask, meta = cards.cn_id_back(template_rgb, r)
            fs = 'none'
        elif style == 'own-card':
            card, mask, meta = cards.generic_card(face, r)
        elif style == 'own-vertical':
            card, mask, meta = cards.vertical_card(face, r)
        elif style == 'own-passport':
            card, mask, meta = cards.passport_page(face, r)
        elif style == 'mrz-back':
            card, mask, meta = cards.mrz_back(r)
            fs = 'none'
        elif style == 'neg-bank-card':
            card, mask, meta = cards.bank_card(r)
            fs = 'none'
        elif style == 'neg-business-card':
            with_face = r.random() < 0.5
            card, mask, meta = cards.business_card(r, face if with_face else None)
            fs = fs if with_face else 'none'
        elif style == 'neg-ticket':
            card, mask, meta = cards.ticket(r)
            fs = 'none'
        elif style == 'neg-receipt':
            card, mask, meta = cards.receipt(r)
            fs = 'none'
        elif style == 'neg-form':
            card, mask, meta = cards.text_page(r, None, 'form')
            fs = 'none'
        elif style == 'neg-book-page':
            card, mask, meta = cards.text_page(r, face)
            fs = fs if meta['portrait'] else 'none'
        elif style == 'neg-banknote':
            card, mask, meta = cards.banknote(face, r)
        elif style == 'neg-poster':
            card, mask, meta = cards.poster(face, r)
            mode = r.choice(['scan', 'table', 'screenshot'])
        elif style == 'neg-screenshot':
            card, mask, meta = cards.chat_screenshot(face, r)
            mode = 'scan'
            fs = fs if meta['portrait'] else 'none'
        else:  # neg-held-card: a person holding a bank or business card
            card, mask, meta = cards.bank_card(r) if r.random() < 0.5 else cards.business_card(r)
            mode = 'held'
        if style in ('cn-template', 'own-card', 'own-vertical', 'own-passport') and r.random() < 0.15:
            mode = 'held'  # a person holding their identity document up (a verification selfie)
        held_pool = [(p, b) for p, b, s in faces if p != face_path and p in roomy] or [(face_path, face[1])]
        img, geo, ops = photo.photograph(card, mask, meta, r, bg_pool, held_pool, mode)
        if args.max_side and max(img.size) > args.max_side:
            k = args.max_side / max(img.size)
            img = img.resize((round(img.width * k), round(img.height * k)), Image.BILINEAR)
            geo = photo.scaled(geo, k)
            ops.append(f'shrunk to {args.max_side}')
        data, ext, enc = photo.encode(img, r, png_share=0.4 if 'screenshot' in ops or 'scan' in ops else 0.1)
        name = f'made_{i:05d}.{ext}'
        with open(os.path.join(args.out, name), 'wb') as f:
            f.write(data)
        labels.append({
            'file': name,
            'label': 'id-document' if positive else 'not-id-document',
            'kind': meta['kind'],
            'source': f'made:{style}',
            'group': f'made:{style}/{fs}',
            'portrait': [round(v, 1) for v in geo['portrait']] if geo['portrait'] else None,
            'lines': [[round(v, 1) for v in b] for b in geo['lines']],
            'corners': [[round(v, 1) for v in c] for c in geo['corners']],
            'notes': f'DERIVED: {meta["kind"]} drawn by training/documents/cards.py (fictitious identity)'
            + (f', face from {os.path.relpath(face_path, TESTDATA)}' if fs != 'none' else '')
            + f'; {", ".join(ops)}, {enc}',
        })
        if i % 50 == 0:
            print(f'\r{i}/{len(plan)}', end='', flush=True)
            json.dump(labels, open(os.path.join(args.out, 'labels.json'), 'w'), indent=1, ensure_ascii=False)
    json.dump(labels, open(os.path.join(args.out, 'labels.json'), 'w'), indent=1, ensure_ascii=False)
    print(f'\nwrote {len(labels)} pictures to {args.out}')


if __name__ == '__main__':
    main()
