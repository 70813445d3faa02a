"""The text `entraide risk evaluate` prints: the protocol, then its figures (see entraide.insight.protocol)."""

from __future__ import annotations

from typing import Any

HEAD = f"{'candidate':<42} {'clicks':>6} {'day':>4} {'scored':>7} {'base':>6} {'prec@15%':>8} {'rec@15%':>8} "
HEAD += f"{'AUC':>6} {'Brier':>6}"


def render(result: dict[str, Any], *, attribution: str) -> str:
    lines = [*result["protocol"], ""]
    chosen = result["selection"]["chosen"]
    lines += ["Selection and ablations (validation, development presentations only):", HEAD]
    lines += [_row(r) for r in result["selection"]["validation"]]
    lines += [f"Chosen: {chosen}", ""]
    lines += ["Chosen candidate on the validation presentation, per module:"]
    lines += _per_module([r for r in result["selection"]["validation"] if r["candidate"] == chosen])
    lines += ["", "Reliability of the chosen candidate at day 35 (validation):"]
    lines += _reliability([r for r in result["selection"]["validation"] if r["candidate"] == chosen])
    lines.append("")
    if result["test"]:
        lines += [f"Test, evaluated once on {', '.join(result['test_presentations'])}:", HEAD]
        lines += [_row(r) for r in result["test"]]
        lines += ["Per module (test):", *_per_module([r for r in result["test"] if r["candidate"] == chosen])]
        lines += ["Reliability at day 35 (test):"]
        lines += _reliability([r for r in result["test"] if r["candidate"] == chosen])
    else:
        lines.append(
            "Test: no test presentation in the data given (they would be the later ones, e.g. 2014B/2014J, "
            "same file layout: pass them with --oulad-test DIR). No test figure is reported."
        )
    lines.append(attribution)
    return "\n".join(lines)


def _row(r: dict[str, Any]) -> str:
    name = r["candidate"][:42]
    clicks = "yes" if r["clicks"] else "no"
    if not r.get("scored"):
        return f"{name:<42} {clicks:>6} {r['day']:>4} {'too few learners':>7}"
    auc = "n/a" if r["roc_auc"] is None else f"{r['roc_auc']:.3f}"
    return (
        f"{name:<42} {clicks:>6} {r['day']:>4} {r['scored']:>7} {r['base_rate']:>6.3f} "
        f"{r['precision_at_top']:>8.3f} {r['recall_at_top']:>8.3f} {auc:>6} {r['brier']:>6.3f}"
    )


def _per_module(rows: list[dict[str, Any]]) -> list[str]:
    out = [
        f"{'module':<8} {'clicks':>6} {'day':>4} {'scored':>7} {'prec@15%':>8} {'rec@15%':>8} {'AUC':>6} {'Brier':>6}"
    ]
    for r in rows:
        for module, m in r.get("per_module", {}).items():
            auc = "n/a" if m["roc_auc"] is None else f"{m['roc_auc']:.3f}"
            out.append(
                f"{module:<8} {'yes' if r['clicks'] else 'no':>6} {r['day']:>4} {m['scored']:>7} "
                f"{m['precision_at_top']:>8.3f} {m['recall_at_top']:>8.3f} {auc:>6} {m['brier']:>6.3f}"
            )
    return out


def _reliability(rows: list[dict[str, Any]]) -> list[str]:
    out = []
    for r in rows:
        if r["day"] != 35 or not r.get("reliability"):
            continue
        out.append(f"  clicks {'yes' if r['clicks'] else 'no'}: band, count, mean predicted, observed at risk")
        out += [
            f"  {b['band']:>8} {b['count']:>6} {b['predicted']:>6.3f} {b['observed']:>6.3f}" for b in r["reliability"]
        ]
    return out
