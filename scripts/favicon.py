"""Rasterise the hub's mark (hall32/static/hall32/favicon.svg) into the PNG and ICO fallbacks.

    python scripts/favicon.py

Writes hall32/static/hall32/apple-touch-icon.png (180 px) and favicon.ico (16, 32, 48 px), the
latter also in hall32/public/ which WhiteNoise serves at the site root (/favicon.ico).
"""

import io
import shutil
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
STATIC = ROOT / "hall32" / "static" / "hall32"
PUBLIC = ROOT / "hall32" / "public"


def render(svg: str, size: int) -> Image.Image:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": size, "height": size})
        page.set_content(
            f'<html><body style="margin:0;background:transparent">'
            f'<div style="width:{size}px;height:{size}px">{svg.replace("<svg ", f"<svg width={size} height={size} ")}</div>'
            "</body></html>"
        )
        png = page.screenshot(omit_background=True)
        browser.close()
    return Image.open(io.BytesIO(png)).convert("RGBA")


def main() -> None:
    svg = (STATIC / "favicon.svg").read_text(encoding="utf-8")
    # iOS rounds the corners itself and fills transparent ones with black: a full square.
    render(svg.replace('rx="7"', 'rx="0"'), 180).save(STATIC / "apple-touch-icon.png", optimize=True)
    big = render(svg, 48)
    big.save(STATIC / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    PUBLIC.mkdir(exist_ok=True)
    shutil.copy2(STATIC / "favicon.ico", PUBLIC / "favicon.ico")
    print("apple-touch-icon.png, favicon.ico written")


if __name__ == "__main__":
    main()
