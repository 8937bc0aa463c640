"""The generator on a council's Windows laptop, as near as this machine comes: `python -m generator` in an interpreter
that has none of what Windows lacks (a sitecustomize.py makes fcntl, termios, pwd, grp, resource... unimportable,
takes away os.fork, and refuses subprocess's preexec_fn as Windows does), reads and writes files in a legacy code page
unless told otherwise (an ASCII locale: stricter than Windows' cp1252), prints through cp1252 (Windows' console
output when it is redirected), on a project checked out with CR LF line ends (Git for Windows) holding "é", "’",
"Ł" and "→". Every command exits as it should, with no traceback."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import build, checkout_env, make_project

import generator

POSIX_ONLY = ("fcntl", "termios", "tty", "pty", "resource", "pwd", "grp", "syslog", "crypt", "nis", "spwd")
WITHOUT_POSIX = f"""
import os, subprocess, sys

for name in {POSIX_ONLY!r}:
    sys.modules[name] = None  # import fails as on Windows
for name in ("fork", "forkpty", "getuid", "geteuid", "getpgid", "setsid", "killpg", "sched_getaffinity"):
    if hasattr(os, name):
        delattr(os, name)

_popen_init = subprocess.Popen.__init__


def _windows_popen(self, *args, preexec_fn=None, **kwargs):
    if preexec_fn is not None:
        raise ValueError("preexec_fn is not supported on Windows platforms")
    _popen_init(self, *args, **kwargs)


subprocess.Popen.__init__ = _windows_popen
"""
NON_ASCII = "Café’s Łódź → team"
TEXT_SUFFIXES = {".yaml", ".yml", ".md"}
REFUSED = re.compile(r"^error: another build into (?P<folder>.+) is running: wait for it to finish\.$", re.MULTILINE)


@pytest.fixture
def windows_env(tmp_path: Path) -> dict[str, str]:
    site_customize = tmp_path / "without-posix"
    site_customize.mkdir()
    (site_customize / "sitecustomize.py").write_text(WITHOUT_POSIX, encoding="utf-8")
    env = checkout_env(LC_ALL="C", PYTHONCOERCECLOCALE="0", PYTHONUTF8="0", PYTHONIOENCODING="cp1252")
    env["PYTHONPATH"] += os.pathsep + str(site_customize)
    return env


def run(env: dict[str, str], root: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "--config", str(root / "mkdocs.yml"), *args],
        env=env,
        cwd=root,
        capture_output=True,
        text=True,
        encoding="cp1252",
        errors="replace",
        timeout=timeout,
    )
    assert "Traceback" not in done.stdout + done.stderr, done.stdout + done.stderr
    return done


def windows_project(root: Path) -> Path:
    """A project as Git for Windows checks it out (CR LF), with words no ASCII or cp1252 reading survives."""
    make_project(root)
    record = root / "services" / "send" / "autism-advice.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("name: Autism Advisory Team", f"name: {NON_ASCII}", 1), encoding="utf-8")
    for path in root.rglob("*"):
        if path.suffix in TEXT_SUFFIXES:
            path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    return root


def test_the_simulated_windows_lacks_what_windows_lacks(windows_env: dict[str, str], tmp_path: Path) -> None:
    probe = (
        "import os, subprocess, sys\n"
        "for name in ('fcntl', 'termios', 'pwd', 'grp', 'resource'):\n"
        "    try:\n"
        "        __import__(name)\n"
        "    except ImportError:\n"
        "        pass\n"
        "    else:\n"
        "        print('imported', name)\n"
        "import codecs\n"
        "print(hasattr(os, 'fork'), codecs.lookup(open(os.devnull).encoding).name, sys.stdout.encoding)\n"
        "try:\n"
        "    subprocess.run(['true'], preexec_fn=lambda: None)\n"
        "except ValueError as exc:\n"
        "    print(exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], env=windows_env, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == [
        "False ascii cp1252",
        "preexec_fn is not supported on Windows platforms",
    ], done.stdout + done.stderr


def test_every_module_imports_without_posix_only_modules(windows_env: dict[str, str]) -> None:
    walk = (
        "import importlib, pkgutil, generator\n"
        "found = pkgutil.walk_packages(generator.__path__, 'generator.')\n"
        "names = [m.name for m in found if m.name != 'generator.__main__']\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "print(len(names))\n"
        "from generator.parallel import pmap, workers\n"  # large work in this one process where nothing forks
        "print(workers(), pmap(lambda n: n * 2, range(1000), min_items=2) == [n * 2 for n in range(1000)])\n"
    )
    done = subprocess.run([sys.executable, "-c", walk], env=windows_env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    package = Path(generator.__file__).parent
    modules = [p for p in package.rglob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    packages = [p for p in package.rglob("__init__.py") if p.parent != package]
    assert done.stdout.split() == [str(len(modules) + len(packages)), "1", "True"], done.stdout


def test_validate_new_and_build_run_as_on_windows(windows_env: dict[str, str], tmp_path: Path) -> None:
    root = windows_project(tmp_path / "project")

    done = run(windows_env, root, "validate")
    assert done.returncode == 0 and "No problems found" in done.stdout, done.stdout + done.stderr

    record = root / "services" / "send" / "autism-advice.yaml"
    good = record.read_bytes()
    record.write_bytes(good.replace(b"referral: self-or-professional", "referral: Łself".encode(), 1))
    done = run(windows_env, root, "validate", "--format", "github")  # annotations go to standard output
    assert done.returncode == 1, done.stdout + done.stderr
    assert "::error file=services/send/autism-advice.yaml,line=" in done.stdout and "\\u0141self" in done.stdout
    record.write_bytes(good)

    done = run(windows_env, root, "new", "--name", "Sensory Play Group", "--category", "send")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Created services/send/sensory-play-group.yaml." in done.stdout
    assert "id: sensory-play-group" in (root / "services" / "send" / "sensory-play-group.yaml").read_text("utf-8")
    done = run(windows_env, root, "validate")
    assert done.returncode == 1 and "services/send/sensory-play-group.yaml:" in done.stderr, done.stderr
    (root / "services" / "send" / "sensory-play-group.yaml").unlink()

    done = run(windows_env, root, "build")
    assert done.returncode == 0, done.stdout + done.stderr
    page = (root / "site" / "services" / "autism-advice" / "index.html").read_text(encoding="utf-8")
    assert NON_ASCII in page
    assert sorted(p.name for p in root.iterdir() if p.name.startswith((".site", "site"))) == ["site"]
    done = run(windows_env, root, "build", "--api-dir", "site-api")  # two folders, a lock file for each
    assert done.returncode == 0, done.stdout + done.stderr
    assert (root / "site-api" / "index.json").is_file()
    assert sorted(p.name for p in root.iterdir() if p.name.startswith((".site", "site"))) == ["site", "site-api"]

    # the same site as from a checkout with Unix line ends, built in this process the usual way
    unix = make_project(tmp_path / "unix")
    shutil.copy(record, unix / "services" / "send" / "autism-advice.yaml")
    assert build(unix).built
    assert _site_files(root / "site") == _site_files(unix / "site")


def _site_files(site: Path) -> dict[str, bytes]:
    """Every file but the search index (Pagefind's file names vary between identical builds)."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.relative_to(site).parts[0] != "pagefind"
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def test_serve_previews_and_stops_as_on_windows(windows_env: dict[str, str], tmp_path: Path) -> None:
    root = windows_project(tmp_path / "project")
    port = _free_port()
    command = [sys.executable, "-m", "generator", "--config", str(root / "mkdocs.yml"), "serve"]
    preview = subprocess.Popen(
        [*command, "--dev-addr", f"127.0.0.1:{port}"],
        env=windows_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="cp1252",
        errors="replace",
    )
    try:
        home = _get(f"http://127.0.0.1:{port}/", preview)
        service = _get(f"http://127.0.0.1:{port}/services/autism-advice/", preview)
    finally:
        preview.send_signal(signal.SIGINT)  # Ctrl+C
        out, err = preview.communicate(timeout=60)
    assert "Local Offer" in home and "title:" not in home  # the CR LF page's front matter was read
    assert NON_ASCII in service and "/__preview__/reload.js" in service
    assert preview.returncode == 0 and "Traceback" not in out + err, out + err
    assert f"Preview on http://127.0.0.1:{port}/" in out


def _get(url: str, process: subprocess.Popen[str]) -> str:
    for _ in range(1200):  # the first build takes a few seconds
        assert process.poll() is None, process.communicate()
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                body: str = answer.read().decode("utf-8")
                return body
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer")


def _build_holding_the_lock(env: dict[str, str], root: Path) -> subprocess.Popen[str]:
    """A build started in the background, returned once it holds the lock (it has said it is building pages)."""
    build = subprocess.Popen(
        [sys.executable, "-m", "generator", "--config", str(root / "mkdocs.yml"), "build", "--progress"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="cp1252",
        errors="replace",
    )
    assert build.stderr is not None
    for line in build.stderr:
        if "building pages" in line:
            return build
    raise AssertionError(f"the build did not get to building pages: {build.communicate()}")


@pytest.mark.parametrize("system", ["windows", "posix"])
def test_a_second_build_at_the_same_time_is_refused_in_the_same_words(
    windows_env: dict[str, str], tmp_path: Path, system: str
) -> None:
    """A build is stopped while it holds the lock (after checking, while it builds the pages); a second build into
    the same folder is refused, with the same message with or without flock; the first then finishes. A build killed
    while it held the lock leaves nothing that refuses the next."""
    env = windows_env if system == "windows" else checkout_env()
    root = windows_project(tmp_path / "project")
    first = _build_holding_the_lock(env, root)
    first.send_signal(signal.SIGSTOP)
    try:
        second = run(env, root, "build")
    finally:
        first.send_signal(signal.SIGCONT)
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, out + err
    assert second.returncode == 1 and (refused := REFUSED.search(second.stderr)), second.stderr
    assert Path(refused["folder"]) == root.resolve()
    assert (root / "site" / "index.html").is_file()

    killed = _build_holding_the_lock(env, root)
    killed.kill()
    killed.communicate()
    assert run(env, root, "build").returncode == 0
    assert sorted(p.name for p in root.iterdir() if p.name.startswith((".site", "site"))) == ["site"]


def test_a_lock_file_is_removed_only_once_its_build_has_ended(tmp_path: Path) -> None:
    """The lock file rule on its own (the one Windows uses): another running process's lock refuses the build and
    stays; a lock whose process has ended, or whose id a later process has taken, or left empty long ago, is removed."""
    from generator.publish.lock import PublishError, _lock_file, process_started

    live = tmp_path / "site"
    lock = tmp_path / f".site.lock-{os.getppid()}"
    running = f"{os.getppid()} {process_started(os.getppid())}"
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    cases = {
        running: True,  # the process that started these tests: still running
        f"{os.getppid()} 1": False,  # its id, but a process that started at another time
        f"{int(ended.stdout)} {process_started(os.getpid())}": False,  # a process that has ended
        "": True,  # being written this instant
    }
    for text, refused in cases.items():
        lock.write_text(text, encoding="utf-8")
        try:
            with _lock_file(live):
                assert not refused, text
                assert (tmp_path / f".site.lock-{os.getpid()}").is_file()
        except PublishError as exc:
            assert refused and str(exc) == f"another build into {tmp_path} is running: wait for it to finish", text
        assert lock.exists() == refused, text
        assert not (tmp_path / f".site.lock-{os.getpid()}").exists()
    lock.write_text("", encoding="utf-8")
    os.utime(lock, (time.time() - 60, time.time() - 60))  # left empty by a build killed as it wrote it
    with _lock_file(live):
        assert not lock.exists()
