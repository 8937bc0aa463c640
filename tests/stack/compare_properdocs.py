"""Build the tests' fixture project twice, with MkDocs and with ProperDocs (the maintained fork of MkDocs 1.6 with
the same API) in its place, and compare every file outside Pagefind's own; prints each difference. Exit status 0
when the only differences are the ones explained in EXPECTED, 1 otherwise.

Run it in an environment that has both installed (`.ci/properdocs` makes one):

    python tests/stack/compare_properdocs.py

ProperDocs answers MkDocs' imports once `properdocs.replacement` is imported (`mkdocs.*` modules are then its own),
and reads the `mkdocs.themes` and `mkdocs.plugins` entry points, so Material and this generator's plugin load
unchanged.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))

from conftest import make_project  # noqa: E402  (the tests' own fixture project)

BUILD = "from generator.commands.cli import main; raise SystemExit(main(['build']))"
# Differences that are expected, each with why: (file pattern, what differs, replaced by the same text on both sides).
EXPECTED = [
    # Material names the generator in every page's <meta name="generator">: "mkdocs-1.6.1" becomes
    # "mkdocs-ProperDocs 1.6.7" (ProperDocs' version string), which says which one built the page.
    (r".*\.html$", rb'<meta name="generator" content="[^"]*"', b'<meta name="generator" content="(generator)"'),
]
SKIPPED = ("pagefind/",)  # Pagefind's index: its own files, compared by the search tests


def build(root: Path, properdocs: bool) -> None:
    code = ("import properdocs.replacement; " if properdocs else "") + BUILD
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"the {'ProperDocs' if properdocs else 'MkDocs'} build failed:\n{done.stdout}{done.stderr}")


def files(site: Path) -> dict[str, bytes]:
    found = {}
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and not rel.startswith(SKIPPED) and not rel.endswith((".br", ".gz")):
            found[rel] = path.read_bytes()
    return found


def explained(rel: str, ours: bytes, theirs: bytes) -> bool:
    """Whether the files are the same once the expected differences are made the same on both sides."""
    for pattern_file, differs, same in EXPECTED:
        if re.fullmatch(pattern_file, rel):
            ours, theirs = re.sub(differs, same, ours), re.sub(differs, same, theirs)
    return ours == theirs


def main() -> int:
    import properdocs  # noqa: F401  (says at once if it is not installed)

    with tempfile.TemporaryDirectory() as tmp:
        mkdocs_root = make_project(Path(tmp) / "mkdocs")
        properdocs_root = make_project(Path(tmp) / "properdocs")
        build(mkdocs_root, properdocs=False)
        build(properdocs_root, properdocs=True)
        ours, theirs = files(mkdocs_root / "site"), files(properdocs_root / "site")
        unexplained = [f"only in the MkDocs build: {rel}" for rel in sorted(ours.keys() - theirs.keys())]
        unexplained += [f"only in the ProperDocs build: {rel}" for rel in sorted(theirs.keys() - ours.keys())]
        same = differ_explained = 0
        for rel in sorted(ours.keys() & theirs.keys()):
            if ours[rel] == theirs[rel]:
                same += 1
            elif explained(rel, ours[rel], theirs[rel]):
                differ_explained += 1
            else:
                unexplained.append(f"differs: {rel}")
        print(f"{same} files byte-identical, {differ_explained} differ only as explained (the generator's name and "
              f"version in <meta name=\"generator\">), {len(unexplained)} unexplained; Pagefind's files not compared.")
        for line in unexplained[:50]:
            print("  " + line)
        return 1 if unexplained else 0


if __name__ == "__main__":
    raise SystemExit(main())
