"""How much of a built site's Open Referral feed meets the published ORUK 3.0 schemas (tests/oruk/spec-3.0).

    python benchmarks/oruk_conformance.py [SITE]        a built site (default: build the sample into a temp folder)

Prints, for each kind of file, how many there are, how many fail and the commonest errors. Works on the feed as
this generator writes it now (openreferral/services/{id}, *-page-N.json) and as it wrote it before the 3.0 feed
(openreferral/services.json, services/<record id>.json), so a before and after can be compared."""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from oruk_standard import errors  # noqa: E402


def _schema(rel: str) -> str | None:
    name = rel.removesuffix(".json")
    if name == "index":
        return "api_details.json"
    if "/" in name:
        return {"services": "service.json", "organizations": "organization.json"}.get(name.split("/")[0]) or (
            "taxonomy_term.json" if name.startswith("taxonomy_terms/") else "taxonomy.json"
        )
    collection = name.split("-page-")[0]
    return {
        "services": "service_list.json",
        "organizations": "organization_list.json",
        "taxonomies": "taxonomy_list.json",
        "taxonomy_terms": "taxonomy_term_list.json",
    }.get(collection)


def report(site: Path) -> None:
    feed = site / "openreferral"
    totals: dict[str, list[int]] = {}
    common: Counter[str] = Counter()
    for path in sorted(p for p in feed.rglob("*") if p.is_file()):
        rel = path.relative_to(feed).as_posix()
        schema = _schema(rel)
        if schema is None:
            continue
        found = errors(schema, json.loads(path.read_text(encoding="utf-8")))
        count = totals.setdefault(schema, [0, 0, 0])
        count[0] += 1
        count[1] += bool(found)
        count[2] += len(found)
        common.update(e.split(": ", 1)[1][:90] for e in found)
    print(f"{'schema':<26} {'files':>6} {'failing':>8} {'errors':>7}")
    for schema, (files, failing, count) in sorted(totals.items()):
        print(f"{schema:<26} {files:>6} {failing:>8} {count:>7}")
    for message, n in common.most_common(8):
        print(f"  {n:5d} × {message}")


def main() -> None:
    if len(sys.argv) > 1:
        report(Path(sys.argv[1]))
        return
    import shutil

    from generator.inputs.settings import load_settings, today
    from generator.publish.build import build_site

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "project"
        shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(".git", ".venv", "site", "node_modules", "artefacts"))
        result = build_site(load_settings(root / "mkdocs.yml"), today(), root / "site")
        assert result.built, result.log
        report(root / "site")


if __name__ == "__main__":
    main()
