"""Run inside the sandbox by the `axe` check: open one page of the submission in headless Chromium and
print axe-core's WCAG 2 A/AA violations as JSON. Requests that leave the submission's folder are aborted.

Usage: python axe_page.py PAGE AXE_JS CHROMIUM
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from playwright.sync_api import Route, sync_playwright

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"]


def main(page_path: str, axe_js: str, chromium: str) -> int:
    page_file = Path(page_path).resolve()
    folder = page_file.parent.as_uri()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page()
        page.route("**/*", lambda route: _local_only(route, folder))
        page.goto(page_file.as_uri(), timeout=20_000)
        page.evaluate(Path(axe_js).read_text(encoding="utf-8"))
        result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa'], resultTypes: ['violations']})")
        browser.close()
    html = page_file.read_text(encoding="utf-8", errors="replace")
    print(json.dumps([_violation(v, html) for v in result["violations"]]))
    return 0


def _local_only(route: Route, folder: str) -> None:
    route.continue_() if route.request.url.startswith(folder) else route.abort()


def _violation(violation: dict, html: str) -> dict:
    node = violation["nodes"][0] if violation["nodes"] else {}
    snippet = str(node.get("html", ""))[:60]
    line = html[: html.find(snippet)].count("\n") + 1 if snippet and snippet in html else None
    return {"id": violation["id"], "help": violation["help"], "count": len(violation["nodes"]), "line": line}


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
