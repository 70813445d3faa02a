"""Links checked on a built site (site.linkcheck), as `entraide pages --zensical` checks them in place of
Zensical's own validation: the same two findings (a page that does not exist, an anchor that does not exist)."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import yaml

from builders import community, member
from entraide.cli import pages
from entraide.content.i18n import translator
from entraide.content.loader import load_rules
from entraide.site import linkcheck
from entraide.site.linkcheck import Broken
from entraide.site.output import site_files
from sitekit import prepare_root, write_community


def page(body: str, *, chrome: str = "") -> str:
    return f'<html><body><nav>{chrome}</nav><article class="md-typeset">{body}</article></body></html>'


def broken_links(root: Path) -> list[Broken]:
    return linkcheck.broken_links(site_files(root), read=lambda path: (root / path).read_bytes())


def site(tmp_path: Path, files: dict[str, str]) -> Path:
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    return tmp_path


def test_links_to_pages_and_anchors_that_exist_pass(tmp_path):
    root = site(
        tmp_path,
        {
            "index.html": page('<h2 id="top">T</h2><a href="defis/">d</a> <a href="#top">t</a> <a href="./">h</a>'),
            "defis/index.html": page(
                '<a href="../">up</a> <a href="api-rest/#etapes">a</a> <a href="api-rest/index.html">b</a>'
                ' <a href="../?done=a%2Cb&amp;x=1">q</a> <a name="old">o</a> <a href="#old">o</a>'
            ),
            "defis/api-rest/index.html": page('<h2 id="etapes">É</h2><a href="../../membres/l%C3%A9a/">l</a>'),
            "membres/léa/index.html": page('<a href="https://example.org/x/#nope">x</a> <a href="/abs/">a</a>'),
        },
    )
    assert broken_links(root) == []


def test_a_missing_page_and_missing_anchors_are_found_where_they_are_written(tmp_path):
    root = site(
        tmp_path,
        {
            "index.html": page('<a href="missing/">m</a> <a href="other/#nope">n</a> <a href="#zz">z</a>'),
            "other/index.html": page('<h2 id="there">T</h2><a href="../index.md">md</a> <a href="#there">ok</a>'),
        },
    )
    assert broken_links(root) == [
        Broken("index.html", "missing/", "no such page"),
        Broken("index.html", "other/#nope", "no such anchor"),
        Broken("index.html", "#zz", "no such anchor"),
        Broken("other/index.html", "../index.md", "no such page"),
    ]


def test_files_outside_pages_and_the_theme_s_navigation_are_not_checked(tmp_path):
    """As Zensical: links to images, feeds or downloads are not checked, nor the navigation the theme writes
    around the article (a nav entry whose page the community does not publish)."""
    root = site(
        tmp_path,
        {"index.html": page('<img src="img/x.svg"><a href="flux.xml">f</a>', chrome='<a href="boutique/">b</a>')},
    )
    assert broken_links(root) == []
    root = site(tmp_path, {"index.html": page('<a href="boutique/">b</a>')})
    assert broken_links(root) == [Broken("index.html", "boutique/", "no such page")]


def test_an_id_inside_another_attribute_is_no_anchor(tmp_path):
    root = site(tmp_path, {"index.html": page('<div data-id="x" grid="y"></div><a href="#x">x</a>')})
    assert broken_links(root) == [Broken("index.html", "#x", "no such anchor")]


def test_zensical_gets_no_validation_nor_macros_in_its_config(tmp_path):
    root = write_community(tmp_path / "c", community([member("ana-lima", 1, public_profile=True)]))
    prepare_root(root)
    config = pages._config(root, docs=root / "build" / "zensical" / "docs", language="fr")
    assert config["validation"] is False
    assert not [p for p in config["plugins"] if p == "macros" or (isinstance(p, dict) and "macros" in p)]
    assert [p for p in config["plugins"] if isinstance(p, dict) and "search" in p]  # the rest stays


def test_a_broken_link_in_a_docs_page_fails_the_strict_zensical_build_and_names_the_page(tmp_path):
    root = write_community(tmp_path / "c", community([member("ana-lima", 1, public_profile=True)]))
    prepare_root(root)
    assert yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["strict"] is True
    (root / "docs" / "perdu.md").write_text("# Perdu\n\n[Nulle part](nulle-part.md)\n", encoding="utf-8")
    result = zensical_pages(root)
    assert result.returncode == 1, result.stdout + result.stderr
    tr = translator(load_rules(root).language)
    warning = tr.gettext("warning: {page}: {link} ({reason})")
    said = warning.format(page="perdu/index.html", link="../nulle-part/", reason=tr.gettext("no such page"))
    assert said in result.stderr
    site = root / "build" / "zensical" / "site"
    found = tr.ngettext("{n} broken link in {site}", "{n} broken links in {site}", 1)
    assert found.format(n=tr.number(1), site=site) in result.stderr
    (root / "docs" / "perdu.md").write_text("# Perdu\n\n[Accueil](index.md)\n", encoding="utf-8")
    again = zensical_pages(root)
    assert again.returncode == 0, again.stdout + again.stderr
    assert str(site) not in again.stderr


def zensical_pages(root):
    """`entraide pages --zensical` on `root`, as a maintainer runs it."""
    command = [sys.executable, "-m", "entraide", "--root", str(root), "pages", "--zensical"]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_the_check_finds_what_zensical_s_own_validation_finds(tmp_path):
    """Zensical itself, validation on, on a small project: the same broken links, of the same kind, on the
    same pages as the check on the site it built."""
    (tmp_path / "mkdocs.yml").write_text("site_name: Liens\n", encoding="utf-8")
    docs = {
        "docs/index.md": "# Accueil\n\n[a](autre.md) [b](absent.md) [c](autre.md#nulle) [d](autre.md#section)\n",
        "docs/autre.md": "# Autre\n\n## Section\n\n[retour](index.md#rien) [sous](sous/page.md#titre)\n",
        "docs/sous/page.md": "# Titre\n\n[haut](../index.md) [perdu](../../dehors.md)\n",
    }
    site(tmp_path, docs)
    zensical = Path(sys.executable).with_name("zensical")
    built = subprocess.run([str(zensical), "build"], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    said = re.sub(r"\x1b\[[0-9;]*m", "", built.stdout + built.stderr)
    kinds = {"page does not exist": "no such page", "anchor does not exist": "no such anchor"}
    theirs = Counter(
        (kinds[kind], source)
        for kind, source in re.findall(r"Warning: (page does not exist|anchor does not exist)\s+╭─\[ ([^:]+):", said)
    )
    ours = Counter(
        (b.reason, b.page.removesuffix("index.html").rstrip("/") or "index") for b in broken_links(tmp_path / "site")
    )
    pages_of = {"index": "index.md", "autre": "autre.md", "sous/page": "sous/page.md"}
    assert sum(theirs.values()) >= 3
    assert Counter({(reason, pages_of[page]): n for (reason, page), n in ours.items()}) == theirs


def test_a_broken_mkdocs_yml_is_named_with_its_line_and_nothing_is_lost(tmp_path):
    root = write_community(tmp_path / "c", community([member("ana-lima", 1, public_profile=True)]))
    prepare_root(root)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "extra:\n  - [unclosed\n", encoding="utf-8")
    before = config.read_bytes()
    result = zensical_pages(root)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    line = before.decode("utf-8").count("\n")
    # where libyaml finds the list unclosed: on its line, or at the end of the file just after it
    assert re.search(rf"mkdocs\.yml\D+(?:{line}|{line + 1})\b", result.stderr), result.stderr
    assert config.read_bytes() == before
