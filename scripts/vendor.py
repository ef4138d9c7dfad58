"""Copy the front-end libraries from vendor/node_modules into hall32/static/vendor, with licences.

Run through `make vendor`; the copies are committed so the platform works offline.
"""

import json
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "vendor" / "node_modules"
TARGET = ROOT / "hall32" / "static" / "vendor"

# package -> (files or folders to copy, licence file)
FILES: dict[str, tuple[list[str], str]] = {
    "htmx.org": (["dist/htmx.min.js"], "LICENSE"),
    "bootstrap": (["dist/css/bootstrap.min.css", "dist/js/bootstrap.bundle.min.js"], "LICENSE"),
    "bootstrap-icons": (["font/bootstrap-icons.min.css", "font/fonts"], "LICENSE"),
    "fullcalendar": (["index.global.min.js"], "LICENSE.md"),
    "@fullcalendar/core": (
        ["locales/fr.global.min.js", "locales/en-gb.global.min.js"],
        "LICENSE.md",
    ),
    "chart.js": (["dist/chart.umd.min.js"], "LICENSE.md"),
    "frappe-gantt": (["dist/frappe-gantt.umd.js", "dist/frappe-gantt.css"], "license.txt"),
    "tom-select": (
        ["dist/js/tom-select.complete.min.js", "dist/css/tom-select.bootstrap5.min.css"],
        "LICENSE",
    ),
    # The API documentation page (/api/docs) serves these instead of a CDN.
    "swagger-ui-dist": (["swagger-ui-bundle.js", "swagger-ui.css", "NOTICE"], "LICENSE"),
}


def main() -> None:
    if TARGET.exists():
        shutil.rmtree(TARGET)
    lines = [
        "# Vendored front-end libraries",
        "",
        "| package | version | licence |",
        "|---|---|---|",
    ]
    for package, (paths, licence) in FILES.items():
        source = MODULES / package
        meta = json.loads((source / "package.json").read_text())
        dest = TARGET / package.replace("@", "").replace("/", "-")
        dest.mkdir(parents=True)
        for relative in [*paths, licence]:
            origin = source / relative
            target = dest / Path(relative).name
            if origin.is_dir():
                shutil.copytree(origin, target)
            else:
                shutil.copy2(origin, target)
        lines.append(f"| {package} | {meta['version']} | {meta.get('license', '?')} |")
    (TARGET / "README.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"vendored {len(FILES)} packages into {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
