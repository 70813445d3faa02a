"""Fixtures shared across test files: the fake GitHub (plugin) and the example community's built site."""

import pytest

from sitekit import REPO, build_site, chromium, only_local, served_site

pytest_plugins = ["fakegithub.fixtures"]


@pytest.fixture(scope="session")
def example_site(tmp_path_factory):
    """The example community built once per test process (strict build), its credentials signed with a key
    made for this run only (the publish job's secret is never in the repository)."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat

    from entraide.site.build import SIGNING_KEY_VARIABLE

    seed = Ed25519PrivateKey.generate().private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption()).hex()
    out = tmp_path_factory.mktemp("example-site") / "site"
    build_site(REPO, out, env={SIGNING_KEY_VARIABLE: seed})
    return out


@pytest.fixture(scope="session")
def site_url(example_site):
    """The example site served on 127.0.0.1 under the path of its site_url, as GitHub Pages serves a project."""
    from urllib.parse import urlsplit

    from entraide.content.loader import load_rules

    prefix = urlsplit(load_rules(REPO).site_url or "/").path
    with served_site(example_site, prefix=prefix) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture()
def page(browser, site_url):
    """A fresh tab that records console errors and uncaught exceptions, and never leaves the local server."""
    tab = browser.new_page(viewport={"width": 1280, "height": 900})
    only_local(tab, site_url)
    tab.errors = []
    tab.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    yield tab
    assert tab.errors == [], "the browser console reported errors"
    tab.close()
