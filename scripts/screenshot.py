"""Screenshots of pages in Debian's Chromium, as a person sees them.

    python scripts/screenshot.py --user direction /impact/ /annuaire/organisations/
    python scripts/screenshot.py --phone /            # 390 px wide, like a phone

Writes PNG files under screenshots/ (ignored by git) and prints their paths.
"""

import argparse
import os
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--user", default=None)
    parser.add_argument("--password", default=os.environ.get("DEMO_PASSWORD", "hall32-demo"))
    parser.add_argument("--phone", action="store_true")
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--full", action="store_true", help="whole page, not just the viewport")
    args = parser.parse_args()
    out = Path("screenshots")
    out.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        viewport = {"width": 390, "height": 844} if args.phone else {"width": 1366, "height": 900}
        page = browser.new_page(viewport=viewport, locale=args.lang)
        if args.user:
            page.goto(f"{args.base}/compte/connexion/")
            page.fill("input[name=username]", args.user)
            page.fill("input[name=password]", args.password)
            page.click("button[type=submit].w-100")
            page.wait_for_load_state("networkidle")
        for path in args.paths:
            page.goto(f"{args.base}{path}")
            page.wait_for_load_state("networkidle")
            name = re.sub(r"[^a-z0-9]+", "-", f"{args.user or 'public'}{path}".lower()).strip("-")
            file = out / f"{name}{'-phone' if args.phone else ''}.png"
            page.screenshot(path=str(file), full_page=args.full)
            print(file)
        browser.close()


if __name__ == "__main__":
    main()
