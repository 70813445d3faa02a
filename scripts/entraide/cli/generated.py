"""Files the community commits but a command writes (CODEOWNERS, the join issue form): written, or checked."""

from __future__ import annotations

from pathlib import Path

from entraide.content.errors import N_, Problem, UserError


def write_or_check(root: Path, path: Path, text: str, *, check: bool, command: str, source: str) -> int:
    """Write `text` to root/path; with `check`, fail (exit 2) when the committed file differs instead."""
    target = root / path
    if check:
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            message = (
                N_("out of date with {source}: run '{command}'", source=source, command=command)
                if source
                else N_("out of date: run '{command}'", command=command)
            )
            raise UserError(Problem(path=str(path), message=message))
        print(f"{path} is up to date")
        return 0
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0
