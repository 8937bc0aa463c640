"""Publishing survives the worst: a build killed at any stage, a second build at once, odd folders. The published
site is always whole (the old one or the new one), readable by a web server, and no build leaves debris."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import build, checkout_env, make_project

from generator.commands.cli import main

STAGES = ("checking and rendering", "building pages", "indexing for search", "publishing", "done")


def _snapshot(site: Path) -> dict[str, str]:
    """Every file's digest, the search index aside (Pagefind's file names vary between identical builds), after
    checking the index is whole: the entry file names a metadata file that is there."""
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text())
    for language in entry["languages"].values():
        assert (site / "pagefind" / f"pagefind.{language['hash']}.pf_meta").is_file()
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.relative_to(site).parts[0] != "pagefind"
    }


def _change_a_record(root: Path) -> None:
    record = root / "services" / "send" / "autism-advice.yaml"
    record.write_text(record.read_text().replace("Autism", "Autism and social communication", 1))


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project built once; each kill test works on its own copy."""
    root = make_project(tmp_path_factory.mktemp("kill") / "project")
    assert build(root).built
    return root


@pytest.mark.parametrize("stage", STAGES)
def test_a_build_killed_at_any_stage_leaves_a_whole_site(tmp_path: Path, built_project: Path, stage: str) -> None:
    root = tmp_path / "project"
    shutil.copytree(built_project, root, symlinks=True)
    old = _snapshot(root / "site")
    _change_a_record(root)
    env = checkout_env()
    command = [sys.executable, "-m", "generator", "build", "--progress"]
    process = subprocess.Popen(command, cwd=root, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    assert process.stderr is not None
    seen = []
    for line in process.stderr:
        seen.append(line.strip())
        if line.strip() == f"… {stage}":
            os.kill(process.pid, signal.SIGKILL)
            break
    process.wait()
    assert f"… {stage}" in seen, seen
    now = _snapshot(root / "site")
    assert build(root).built  # the next build works, and removes what the killed one left
    new = _snapshot(root / "site")
    assert old != new
    assert now in (old, new), "the published site must be the whole old one or the whole new one"
    leftovers = sorted(p.name for p in root.iterdir() if p.name.startswith(".site."))
    assert leftovers == []


# Workers that would outlive their build: each notes its process id, then waits far longer than the test.
_WORKERS_WAITING = """
import os, sys, time
from pathlib import Path
import generator.parallel as parallel
parallel.workers = lambda: 2  # forked, even where only one processor may be used
def wait(item):
    Path(sys.argv[1], str(os.getpid())).touch()
    time.sleep(300)
parallel.pmap(wait, list(range(8)), min_items=2)
"""


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"  # a zombie has ended; only its exit status is left


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel ends them (PR_SET_PDEATHSIG)")
def test_a_killed_builds_workers_end_with_it(tmp_path: Path) -> None:
    """A build killed while its workers render pages leaves none running: they would go on writing into its folder
    and hold its lock (they inherit the open folder), so that every later build was refused."""
    process = subprocess.Popen([sys.executable, "-c", _WORKERS_WAITING, str(tmp_path)])
    for _ in range(600):  # the workers start within seconds
        if len(list(tmp_path.iterdir())) >= 2:
            break
        process.poll()
        assert process.returncode is None
        time.sleep(0.1)
    workers = [int(p.name) for p in tmp_path.iterdir()]
    assert len(workers) >= 2 and process.pid not in workers
    process.kill()
    process.wait()
    for _ in range(100):
        if not any(_running(pid) for pid in workers):
            break
        time.sleep(0.1)
    assert [pid for pid in workers if _running(pid)] == []


# A child set up as the build sets up its indexer, told which process started it: `sys.argv[1]` is that process id.
_CHILD_OF = """
import sys
from generator.parallel import die_with_parent
die_with_parent(int(sys.argv[1]))
print("went on")
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel ends them (PR_SET_PDEATHSIG)")
def test_a_child_whose_build_ended_before_it_was_set_up_ends_at_once() -> None:
    """A build killed between starting its indexer and the indexer's set-up (the moment the build says "indexing for
    search") has no one left to signal the indexer, which went on writing into the folder the next build removed.
    The child finds its build gone (another process is its parent now) and ends; under its own build it goes on."""
    run = [sys.executable, "-c", _CHILD_OF]
    env = checkout_env()
    ended = subprocess.run([*run, str(os.getpid() + 1_000_000)], capture_output=True, text=True, env=env)
    assert (ended.returncode, ended.stdout) == (1, "")
    own = subprocess.run([*run, str(os.getpid())], capture_output=True, text=True, env=env)
    assert (own.returncode, own.stdout.strip()) == (0, "went on")


def test_the_published_site_is_readable_by_a_web_server(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    assert build(root).built
    site = root / "site"
    for path in [site, *site.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode & 0o005 == 0o005 if path.is_dir() else mode & 0o004, f"{path} is {oct(mode)}"


def test_a_second_build_at_the_same_time_is_refused_not_interleaved(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import fcntl

    root = make_project(tmp_path / "project")
    assert build(root).built
    before = _snapshot(root / "site")
    folder = os.open(root, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)  # what a build in progress holds
        code = main(["--config", str(root / "mkdocs.yml"), "build"])
    finally:
        os.close(folder)
    err = capsys.readouterr().err
    assert code == 1 and "another build" in err and "Traceback" not in err
    assert _snapshot(root / "site") == before


@pytest.mark.parametrize("where", ["site is a file", "inside a file"])
def test_an_impossible_site_folder_is_one_line_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    root = make_project(tmp_path / "project")
    blocker = root / ("site" if where == "site is a file" else "blocker")
    blocker.write_text("not a folder")
    site = root / "site" if where == "site is a file" else blocker / "site"
    code = main(["--config", str(root / "mkdocs.yml"), "build", "--site-dir", str(site)])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert err[-1].startswith("error: ") and "Traceback" not in "\n".join(err)
    assert blocker.read_text() == "not a folder"
