"""Opening lexgraph's pages in a real headless Chromium (Debian ``chromium``) with every network request refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
PLOTS_READY = "document.querySelectorAll('.js-plotly-plot').length > 0 && Array.from(document.querySelectorAll('.js-plotly-plot')).every(p => p._fullLayout)"


def open_page(browser: Any, path: Path, ready: str, *, width: int = 1280, height: int = 800) -> tuple[Any, dict[str, list[str]]]:
    """Load ``path``, wait until the JavaScript expression ``ready`` holds; return the page and what
    happened: network requests refused, dialogs opened, script errors."""
    context = browser.new_context(viewport={"width": width, "height": height}, offline=True)
    seen: dict[str, list[str]] = {"requests": [], "dialogs": [], "errors": []}
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:")) else (seen["requests"].append(route.request.url), route.abort()))
    page = context.new_page()
    page.on("dialog", lambda dialog: (seen["dialogs"].append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: seen["errors"].append(str(error)))
    page.goto(path.as_uri())
    page.wait_for_function(ready, timeout=60_000)
    return page, seen
