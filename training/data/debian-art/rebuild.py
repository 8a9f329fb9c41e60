#!/usr/bin/env python3
"""Rebuild the debian-art picture folder from the Debian packages its manifest names.

Every record's source is `debian:PACKAGE VERSION:/PATH`. Each package is fetched at exactly that version with
`apt-get download` (its .deb checked against the sha256 below), unpacked with `dpkg-deb -x`, and each picture is
remade the way its notes say (DERIVED: ...): flattened on white, enlarged with ImageMagick's Lanczos filter so the
long side is 800 px when it was shorter (larger pictures keep their size), written as an 8-bit RGB PNG without
metadata chunks.

ImageMagick 6.9.11-60 Q16 (Debian 12) writes the same bytes on every run, so each file's sha256 is checked first.
Another ImageMagick build may compress the PNG differently; then the decoded pixels (8-bit RGB, sha256 as
pixel_sha256) are compared instead. A different resampler (another version or quantum depth) changes the enlarged
pixels themselves: those pictures are reported and the exit status is 1.

Needs: apt-get and dpkg-deb (Debian 12 sources), ImageMagick (`apt-get install imagemagick`).
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
LONG_SIDE = 800
SOURCE = re.compile(r'^debian:(?P<pkg>\S+) (?P<version>\S+):(?P<path>/.+)$')

# sha256 of each .deb as Debian 12 (bookworm) publishes it.
DEBS = {
    'flare-game': ('1.14-1', '4ab6a8298276013d35a0806257e130d992761af1b749041433b409c3dafec508'),
    'freedroidrpg-data': ('1.0-1', '16c3cfeb82b1ec20c98493bbe1de2e356bd1aec832845630a5a7f12e303baa2b'),
    'naev-data': ('0.8.2-1', 'a98849cacdfc72779e03ceb68f32af03cb3c3f382ba8b82e3299ef87254b454d'),
    'wesnoth-1.16-data': ('1:1.16.9-1', '1012b964bd412a6770685e3324ae3b61e176caff7846192d1ee63d55cd621e26'),
    'renpy-demo': ('8.0.3+dfsg-1', 'b7599368598cd7a96e89772d48d7c89327fcc8d4490e0760eceda0bd792025d5'),
    'renpy-thequestion': ('8.0.3+dfsg-1', 'aee15e3230dd4ea84295ffc98e2793ad9dd48780991b6a0e8a8db47fda1b0bfa'),
    'openclipart-png': ('1:0.18+dfsg-19', 'f07f1545a2970c2cf3fa339bc2405da1a95cf2b1827bfa05bf73eb1c20291c02'),
}


def convert_binary():
    """ImageMagick's own convert: a wrapper earlier on PATH might alter what it writes."""
    for candidate in ('/usr/bin/convert', shutil.which('convert')):
        if candidate and os.path.exists(candidate):
            return candidate
    sys.exit('needs ImageMagick: apt-get install imagemagick')


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, 'rb') as f:
        for block in iter(lambda: f.read(1 << 20), b''):
            h.update(block)
    return h.hexdigest()


def size_of(convert, path):
    identify = os.path.join(os.path.dirname(convert), 'identify')
    out = subprocess.run([identify if os.path.exists(identify) else 'identify', '-format', '%w %h', path + '[0]'],
                         capture_output=True, text=True, check=True).stdout
    w, h = map(int, out.split())
    return w, h


def derive(convert, src, dst):
    """Flatten on white; enlarge to a long side of 800 px with Lanczos when shorter; 8-bit RGB PNG, no metadata.

    Returns (source width, source height, output width, output height)."""
    w, h = size_of(convert, src)
    resize = ['-filter', 'Lanczos', '-resize', f'{LONG_SIDE}x{LONG_SIDE}'] if max(w, h) < LONG_SIDE else []
    subprocess.run([convert, src + '[0]', '-background', 'white', '-alpha', 'remove', '-alpha', 'off', *resize,
                    '-strip', '-define', 'png:exclude-chunks=date,time', '-depth', '8', 'PNG24:' + dst],
                   check=True)
    ow, oh = size_of(convert, dst)
    return w, h, ow, oh


def pixel_sha256(convert, path):
    """sha256 of the decoded picture as 8-bit RGB: equal pixels give equal hashes whatever the PNG encoder did."""
    raw = subprocess.run([convert, path, '-depth', '8', 'rgb:-'], capture_output=True, check=True).stdout
    return hashlib.sha256(raw).hexdigest()


def fetch(pkg, version, debs):
    """The package's .deb at that exact version, downloaded once into `debs` and checked."""
    want = DEBS[pkg][1]
    for name in os.listdir(debs):
        if name.startswith(pkg + '_') and name.endswith('.deb') and sha256_file(os.path.join(debs, name)) == want:
            return os.path.join(debs, name)
    got = subprocess.run(['apt-get', 'download', f'{pkg}={version}'], cwd=debs, capture_output=True, text=True)
    if got.returncode != 0:
        sys.exit(f'apt-get download {pkg}={version} failed (is a Debian 12 source configured? '
                 f'an older version may only be on snapshot.debian.org):\n{got.stderr.strip()}')
    for name in os.listdir(debs):
        path = os.path.join(debs, name)
        if name.startswith(pkg + '_') and name.endswith('.deb') and sha256_file(path) == want:
            return path
    sys.exit(f'{pkg} {version}: the downloaded .deb does not have sha256 {want}')


def unpack(deb, root):
    if not os.path.isdir(root):
        tmp = root + '.part'
        shutil.rmtree(tmp, ignore_errors=True)
        os.makedirs(tmp)
        subprocess.run(['dpkg-deb', '-x', deb, tmp], check=True)
        os.rename(tmp, root)
    return root


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('--work', default='/work/data/_debart', help='scratch folder for the .debs and their contents')
    ap.add_argument('--out', default='/work/data/debian-art', help='folder the pictures and labels.json go to')
    a = ap.parse_args()
    records = json.load(open(os.path.join(HERE, 'manifest.json')))
    convert = convert_binary()
    debs = os.path.join(a.work, 'debs')
    os.makedirs(debs, exist_ok=True)
    os.makedirs(a.out, exist_ok=True)
    roots = {}
    same_bytes, same_pixels, differ = 0, [], []
    for i, r in enumerate(records):
        m = SOURCE.match(r['source'])
        if not m:
            sys.exit(f"cannot parse the source of {r['file']}: {r['source']}")
        pkg, version = m['pkg'], m['version']
        if pkg not in DEBS or DEBS[pkg][0] != version:
            sys.exit(f"{r['file']}: {pkg} {version} is not a package this script knows")
        if pkg not in roots:
            roots[pkg] = unpack(fetch(pkg, version, debs), os.path.join(a.work, 'x', pkg))
        dst = os.path.join(a.out, r['file'])
        derive(convert, roots[pkg] + m['path'], dst)
        if sha256_file(dst) == r['sha256']:
            same_bytes += 1
        elif pixel_sha256(convert, dst) == r['pixel_sha256']:
            same_pixels.append(r['file'])
        else:
            differ.append(r['file'])
        print(f'\r{i + 1}/{len(records)}', end='', flush=True)
    with open(os.path.join(a.out, 'labels.json'), 'w') as f:
        json.dump(records, f, indent=1, ensure_ascii=False)
        f.write('\n')
    print(f'\n{len(records)} pictures and labels.json written to {a.out}: {same_bytes} byte-identical, '
          f'{len(same_pixels)} with identical pixels but other PNG bytes, {len(differ)} with other pixels')
    if differ:
        print('pixels differ (another ImageMagick resampler?):', *differ[:20], sep='\n  ')
        sys.exit(1)


if __name__ == '__main__':
    main()
