#!/usr/bin/env python3
"""Rebuild /work/data/photos2 from manifest.json (see README.md here for the sources to fetch)."""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from rebuild_set import main  # noqa: E402

main(HERE, '/work/data/photos2')
