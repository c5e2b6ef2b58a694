"""The built documentation site, opened in a real browser (Debian's headless Chromium, driven by
playwright with ``executable_path``: no browser is downloaded), served from 127.0.0.1.

Run by ``nox -s docs_browser`` after ``nox -s docs`` built ``build/site`` (``DOCS_SITE``). Screenshots of
each page are written under ``build/docs-screenshots`` (printed at the end of the session).

Negative controls, run here too: the same checks fail on a copy of the site without its mermaid.min.js
(no diagram drawn, and the fallback's request to a CDN is an error), and ``mkdocs build --strict`` fails
when the API reference names an object the client does not have.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / os.environ.get("DOCS_SITE", "build/site")
SCREENSHOTS = ROOT / "build" / "docs-screenshots"
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class Rendered:
    page: Page
    errors: list[str] = field(default_factory=list)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:  # a closed tab is no failure
        pass


def _serve(folder: Path) -> Iterator[str]:
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site() -> Path:
    assert (SITE / "index.html").is_file(), f"no built site at {SITE}: run `nox -s docs` first"
    return SITE


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    yield from _serve(site)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    assert Path(CHROMIUM).is_file(), f"no chromium at {CHROMIUM} (Debian: apt-get install chromium)"
    profile = tmp_path_factory.mktemp("chromium-profile")  # a new, empty user data dir
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=FLAGS, viewport={"width": 1280, "height": 900}
        )
        yield context
        context.close()
    print(f"\ndocs screenshots: {SCREENSHOTS}")


def render(browser: BrowserContext, url: str) -> Rendered:
    """Open ``url`` and record every console error, uncaught exception and failed request."""
    page = browser.new_page()
    rendered = Rendered(page)

    def console(message: ConsoleMessage) -> None:
        if message.type == "error":
            rendered.errors.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: rendered.errors.append(f"uncaught: {error}"))
    page.on("requestfailed", lambda request: rendered.errors.append(f"request failed: {request.url}"))
    page.goto(url, wait_until="networkidle")
    return rendered


def shoot(rendered: Rendered, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    rendered.page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


def _walk(node: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield node
    for child in [*node.get("children", []), *node.get("shadowRoots", [])]:
        yield from _walk(child)


def _classes(node: dict[str, Any]) -> list[str]:
    """The class list of a DevTools DOM node, whose attributes come as one flat [name, value, ...] list."""
    attributes = node.get("attributes", [])
    return str(dict(zip(attributes[::2], attributes[1::2], strict=True)).get("class", "")).split()


def _text(node: dict[str, Any]) -> str:
    return " ".join(n["nodeValue"] for n in _walk(node) if n["nodeType"] == 3 and n["nodeValue"].strip())


def diagrams(page: Page) -> list[str]:
    """The text of each svg drawn inside a mermaid container.

    Material draws each diagram into a *closed* shadow root, which selectors cannot enter: the DOM is
    read through the DevTools protocol with ``pierce``, which includes closed shadow roots.
    """
    session = page.context.new_cdp_session(page)
    drawn: list[str] = []
    for _ in range(40):  # mermaid renders after the page loads: up to 10 s
        document = session.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
        containers = [node for node in _walk(document) if "mermaid" in _classes(node)]
        drawn = [_text(svg) for container in containers for svg in _walk(container) if svg.get("nodeName") == "svg"]
        if drawn:
            break
        page.wait_for_timeout(250)
    session.detach()
    return drawn


def test_index_renders_with_search_and_no_console_error(browser: BrowserContext, base_url: str) -> None:
    rendered = render(browser, f"{base_url}/")
    shoot(rendered, "index")
    assert rendered.page.locator("h1").first.inner_text().removesuffix("¶") == "heygen-api-client"
    assert rendered.page.locator("input.md-search__input").count() == 1
    assert rendered.errors == []


def test_client_guide_renders_and_search_finds_a_page(browser: BrowserContext, base_url: str) -> None:
    rendered = render(browser, f"{base_url}/client/")
    shoot(rendered, "client-guide")
    page = rendered.page
    assert page.locator("h1").first.inner_text().removesuffix("¶") == "Client guide"
    page.keyboard.press("/")  # Material's shortcut to the search box; typed as a person would
    page.locator("input.md-search__input").press_sequentially("retry", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    shoot(rendered, "search")
    assert page.locator(".md-search-result__item").count() > 0
    assert rendered.errors == []


def test_maintainer_guide_draws_the_data_flow_diagram(browser: BrowserContext, base_url: str) -> None:
    rendered = render(browser, f"{base_url}/maintainer/")
    (svg,) = diagrams(rendered.page)
    shoot(rendered, "maintainer-guide")
    assert "openapi/heygen-api.json" in svg
    assert rendered.errors == []


def test_api_reference_renders_the_clients_docstrings(browser: BrowserContext, base_url: str) -> None:
    rendered = render(browser, f"{base_url}/client/reference/")
    shoot(rendered, "api-reference")
    page = rendered.page
    for name in ("heygen_api_client.client.AuthenticatedClient", "heygen_api_client.errors.HeyGenError"):
        assert page.locator(f'[id="{name}"]').count() == 1, name
    assert "retry_policy" in page.locator("article").inner_text()
    assert rendered.errors == []


def test_the_checks_table_is_what_list_checks_prints(browser: BrowserContext, base_url: str) -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "specpipe", "diff", "--list-checks"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    rendered = render(browser, f"{base_url}/maintainer/diff-checks/")
    cells = rendered.page.locator("table tr td:first-child code").all_inner_texts()
    assert set(cells) >= {line.split("\t")[0] for line in listed}
    assert rendered.errors == []


def test_negative_control_no_diagram_without_the_served_mermaid(
    site: Path, browser: BrowserContext, tmp_path: Path
) -> None:
    broken = tmp_path / "site"
    shutil.copytree(site, broken)
    (broken / "javascripts" / "mermaid.min.js").unlink()
    for url in _serve(broken):
        rendered = render(browser, f"{url}/maintainer/")
        assert diagrams(rendered.page) == []
        assert rendered.errors  # the 404 for mermaid.min.js, and the CDN fallback the sandbox cannot reach


def test_negative_control_strict_build_fails_on_a_broken_api_reference(tmp_path: Path) -> None:
    """The docs' own config with the reference naming a missing object: ``--strict`` must refuse it."""
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    reference = docs / "client" / "reference.md"
    reference.write_text(reference.read_text(encoding="utf-8") + "\n::: heygen_api_client.no_such_module\n")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in {
        "docs_dir: docs": f"docs_dir: {docs}",
        "site_dir: build/site": f"site_dir: {tmp_path / 'site'}",
        "- docs_hooks.py": f"- {ROOT / 'docs_hooks.py'}",
        "paths: [generated/heygen-api-client]": f"paths: [{ROOT / 'generated' / 'heygen-api-client'}]",
        'base_path: ["."]': f'base_path: ["{ROOT}"]',
    }.items():
        assert old in config, old
        config = config.replace(old, new)
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")]

    completed = subprocess.run(mkdocs, capture_output=True, text=True, check=False, cwd=tmp_path, timeout=300)

    assert completed.returncode != 0
    assert re.search(r"no_such_module", completed.stderr), completed.stderr[-2000:]
    assert not (tmp_path / "site" / "client" / "reference" / "index.html").exists()
