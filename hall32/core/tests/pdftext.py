"""The text of a PDF, for tests that check what a document prints (poppler's pdftotext)."""

from __future__ import annotations

import shutil
import subprocess

import pytest


def pdf_text(content: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext absent : sudo apt-get install poppler-utils (ou `make test` en root).")
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True, timeout=60
    )
    return done.stdout.decode("utf-8")
