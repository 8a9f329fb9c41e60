#!/usr/bin/env python3
"""Rebuild a labelled picture folder from its manifest and the fetched source snapshots.

Each manifest record names its source as github:OWNER/NAME@COMMIT:PATH (a git snapshot on disk,
read with `git show COMMIT:PATH`), optionally followed by "(DERIVED: operation)". Plain copies are
checked byte for byte (sha256); derived pictures are remade with the recorded operation and a
differing hash is reported, not fatal (another ImageMagick build may encode differently).
The pictures are never committed: see the README next to each manifest for the sources to fetch.
"""
import argparse
import hashlib
import json
import os
import re
import subprocess
import sys

SOURCE = re.compile(r'^github:(?P<repo>[^@]+)@(?P<commit>[0-9a-f]{40}):(?P<path>.+?)(?: \(DERIVED: (?P<op>.+)\))?$')


def git_dir(mirrors, repo):
    base = os.path.join(mirrors, repo.replace('/', '+'), 'repo')
    return os.path.join(base, '.git') if os.path.isdir(os.path.join(base, '.git')) else base


def read_blob(mirrors, repo, commit, path):
    return subprocess.run(['git', '--git-dir', git_dir(mirrors, repo), 'show', f'{commit}:{path}'],
                          capture_output=True, check=True).stdout


def derive(data, op, dst):
    """Apply a recorded operation; only the operations this project records are known."""
    crop = re.match(r'cropped to x=(\d+),y=(\d+),w=(\d+),h=(\d+) with Pillow', op)
    if crop or op.startswith('converted to greyscale with Pillow'):
        import io
        try:
            from PIL import Image, ImageOps
        except ImportError:
            sys.exit('derived pictures need Pillow: apt-get install python3-pil (or pip install pillow)')
        img = ImageOps.exif_transpose(Image.open(io.BytesIO(data)))
        if crop:
            x, y, w, h = map(int, crop.groups())
            img.crop((x, y, x + w, y + h)).save(dst, optimize=False)
        else:
            ImageOps.grayscale(img).save(dst, optimize=False)
        return
    if op.startswith('downscaled to 3000 px'):
        tmp = dst + '.src'
        with open(tmp, 'wb') as f:
            f.write(data)
        subprocess.run(['convert', tmp, '-resize', '3000x3000>', dst], check=True)
        os.remove(tmp)
        return
    raise ValueError(f'unknown operation: {op}')


def main(set_dir, default_out):
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--mirrors', default='/work/.mirror', help='folder holding OWNER+NAME/repo git snapshots')
    ap.add_argument('--out', default=default_out)
    a = ap.parse_args()
    records = json.load(open(os.path.join(set_dir, 'manifest.json')))
    os.makedirs(a.out, exist_ok=True)
    missing, mismatched, derived_diff = [], [], []
    for r in records:
        m = SOURCE.match(r['source'])
        if not m:
            sys.exit(f"cannot parse source of {r['file']}: {r['source']}")
        dst = os.path.join(a.out, r['file'])
        try:
            data = read_blob(a.mirrors, m['repo'], m['commit'], m['path'])
        except subprocess.CalledProcessError:
            missing.append(f"{r['file']} <- {m['repo']}@{m['commit'][:10]}:{m['path']}")
            continue
        if m['op']:
            derive(data, m['op'], dst)
            got = hashlib.sha256(open(dst, 'rb').read()).hexdigest()
            if got != r['sha256']:
                derived_diff.append(r['file'])
        else:
            if hashlib.sha256(data).hexdigest() != r['sha256']:
                mismatched.append(r['file'])
                continue
            with open(dst, 'wb') as f:
                f.write(data)
    with open(os.path.join(a.out, 'labels.json'), 'w') as f:
        json.dump(records, f, indent=1, ensure_ascii=False)
    print(f'{len(records) - len(missing) - len(mismatched)} of {len(records)} pictures written to {a.out}')
    for name, items in (('missing source', missing), ('sha256 mismatch', mismatched),
                        ('derived picture differs from the recorded hash', derived_diff)):
        if items:
            print(f'{name}: {len(items)}', *items[:20], sep='\n  ')
    if missing or mismatched:
        sys.exit(1)
