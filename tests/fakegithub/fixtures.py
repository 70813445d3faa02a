"""Pytest fixtures for the fake GitHub (loaded through `pytest_plugins` in tests/conftest.py)."""

from __future__ import annotations

import pytest

from .server import FakeGitHub


@pytest.fixture
def fake_github():
    """A running fake GitHub with an empty repository `octo-org/entraide`; token `fake_github.token`."""
    with FakeGitHub() as fake:
        yield fake


@pytest.fixture
def github_env(fake_github, monkeypatch, tmp_path_factory):
    """GITHUB_TOKEN and GITHUB_REPOSITORY set for the fake; returns the fake."""
    monkeypatch.setenv("GITHUB_TOKEN", fake_github.token)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))  # the sync's ETag cache
    monkeypatch.setenv("GITHUB_REPOSITORY", f"{fake_github.repo.owner}/{fake_github.repo.name}")
    return fake_github
