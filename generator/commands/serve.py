"""Live preview: the real build, search included, on localhost; after a change only what changed is done again.

The first build is the full build (exactly as the public site is built) into build/preview. After that, a change is
checked with every record that refers to it (each unchanged file's own check is kept), only the pages whose inputs
changed are made again (the record's page, the listings, the search vocabulary, open data), and only the files
whose bytes differ go through the theme and are written in place (generator.publish.mkdocs_pages); open pages
reload themselves; the search index is rebuilt in the background and swapped in whole, a few seconds later. A
change to mkdocs.yml or to the navigation, or anything the fast path cannot do, takes the full build. A change that
fails validation is reported and the last good preview stays. Each rebuild prints the time it took. `build` (for
publishing) always builds everything afresh.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Collection
from functools import partial
from pathlib import Path

from generator.inputs.glossary import Glossary
from generator.inputs.problems import Problem, report, summary
from generator.inputs.settings import Settings, SettingsError, load_settings, today
from generator.inputs.synonyms import SynonymGroup
from generator.pipeline import Kept, check, record_pages, render
from generator.publish.build import build_site, run_pagefind
from generator.publish.mkdocs_pages import NeedsFullBuild, move_site, update_pages
from generator.publish.plugin import LocalOfferPlugin
from generator.publish.publish import exchange
from generator.publish.search_styles import inline_search_styles
from generator.publish.static_server import Versions, start_preview_server

KEEP = " The preview still shows the last good version."
Snapshot = dict[str, tuple[int, int]]
Indexer = Callable[[Path, Path], subprocess.CompletedProcess[str]]  # (site, into)


def snapshot(watched: list[Path]) -> Snapshot:
    """Time and size of every file under the watched folders and files, by path."""
    found: Snapshot = {}

    def walk(folder: str) -> None:
        try:
            entries = os.scandir(folder)
        except OSError:
            return
        with entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    walk(entry.path)
                    continue
                try:
                    stat = entry.stat()
                except OSError:
                    continue
                found[entry.path] = (stat.st_mtime_ns, stat.st_size)

    for path in watched:
        if path.is_dir():
            walk(str(path))
        elif path.exists():
            stat = path.stat()
            found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def _watched(config_file: Path, settings: Settings | None) -> list[Path]:
    if settings is None:
        return [config_file, config_file.parent]
    return [config_file, settings.content_dir, *(folder for _, folder in settings.folders)]


def _changed_since(seen: Snapshot, config_file: Path, settings: Settings | None) -> bool:
    return snapshot(_watched(config_file, settings)) != seen


def _say(text: str, error: bool = False) -> None:
    print(text, file=sys.stderr if error else sys.stdout, flush=True)


class SearchIndex:
    """Pagefind over the preview in a background thread; the new index replaces the old in one step when it is
    complete, so search follows a change a few seconds after the page does. One run at a time, and one more if a
    change came in during it; a full build (which indexes for itself) makes a run under way throw its index away."""

    def __init__(self, folder: Path, index: Indexer = run_pagefind) -> None:
        self.folder, self.index = folder, index
        self.generation = 0
        self.lock = threading.Lock()
        self._wanted = threading.Event()
        threading.Thread(target=self._run, daemon=True).start()

    def request(self) -> None:
        self._wanted.set()

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            start, generation = time.perf_counter(), self.generation
            fresh = self.folder.parent / f".{self.folder.name}-pagefind"
            shutil.rmtree(fresh, ignore_errors=True)
            done = self.index(self.folder, fresh)
            with self.lock:
                live = self.folder / "pagefind"
                if done.returncode == 0 and generation == self.generation and live.is_dir():
                    try:
                        _swap_in(fresh, live)
                    except OSError as exc:  # Windows: a file of the old index open (being served) cannot go
                        _say(f"Search not updated this time ({exc.strerror}): the next change updates it.", True)
                    else:
                        _say(f"Search index updated in {time.perf_counter() - start:.1f} s.")
                shutil.rmtree(fresh, ignore_errors=True)


def _swap_in(fresh: Path, live: Path) -> None:
    """`fresh` in place of `live`: exchanged in one step where the system can, else `live` removed and replaced."""
    if not exchange(fresh, live):
        shutil.rmtree(live, ignore_errors=True)
        os.replace(fresh, live)


class Preview:
    """The preview folder and what is kept to rebuild only what a change touches."""

    def __init__(self, config_file: Path, folder: Path) -> None:
        self.config_file, self.folder = config_file, folder
        self.kept = Kept()
        self.settings: Settings | None = None
        self.files: dict[str, bytes] = {}
        self.generated: set[str] = set()  # which of `files` were generated (the rest are hand-written)
        self.plugin: LocalOfferPlugin | None = None
        self.glossary = Glossary()
        self.synonyms: tuple[SynonymGroup, ...] = ()
        self.versions = Versions()
        self.search = SearchIndex(folder)
        self.warned: set[Problem] = set()  # warnings already printed

    def _report(self, problems: list[Problem], saved: Collection[str] = ()) -> None:
        """Every error, every warning about a file just saved, and warnings not printed before: a directory of
        thousands of records can have hundreds of warnings, which would otherwise bury the ones that matter now."""
        shown = [p for p in problems if p.severity == "error" or p.file in saved or p not in self.warned]
        if shown:
            _say(report(shown), error=True)
        if len(shown) < len(problems):
            left = len(problems) - len(shown)
            what = "1 warning" if left == 1 else f"{left} warnings"
            _say(f"Not repeated: {what} about files not changed since (`validate` lists every warning).")
        self.warned.update(p for p in problems if p.severity != "error")

    def full(self) -> bool:
        """Build everything, as for publishing (settings are read again, so a change to mkdocs.yml shows too)."""
        start = time.perf_counter()
        try:
            settings = load_settings(self.config_file)
        except SettingsError as exc:
            _say(report(exc.problems) + "\n" + summary(exc.problems) + KEEP, error=True)
            return False
        self.kept = Kept()  # made afresh with the settings they depend on
        with self.search.lock:
            self.search.generation += 1
            result = build_site(settings, today(), self.folder, kept=self.kept)
        problems = result.generated.problems
        self.warned.clear()
        self._report(problems)
        if not result.generated.ok:
            _say(summary(problems) + KEEP, error=True)
            return False
        if not result.built or result.plugin is None:
            _say("\n".join(result.log) + "\nThe site could not be built." + KEEP, error=True)
            return False
        self.settings, self.files, self.plugin = settings, result.generated.files, result.plugin
        self.generated = result.generated.generated_paths
        self.glossary = result.generated.glossary
        self.synonyms = result.generated.synonyms
        move_site(self.plugin, self.folder)
        self.versions.bump()
        _say(f"Built the whole preview in {time.perf_counter() - start:.1f} s.")
        return True

    def update(self, newer: Callable[[], bool] = lambda: False, saved: Collection[str] = ()) -> bool:
        """Check and make again only what changed since the last good build, and write only the files that differ:
        the services' own pages first (open pages reload), then the listings, search data and open data. If `newer`
        says another change has come in by then, the rest is left to the update that change starts. `saved` names
        the files changed (as problems name them), whose warnings are printed again."""
        if self.settings is None or self.plugin is None:
            return self.full()
        start = time.perf_counter()
        checked = check(self.settings, today(), self.kept)
        self._report(checked.problems, saved)
        if not checked.ok:
            _say(summary(checked.problems) + KEEP, error=True)
            return False
        if checked.glossary.marking != self.glossary.marking:  # terms are marked on every page as it is written
            _say("Building everything (the glossary changed).")
            return self.full()
        if checked.synonyms != self.synonyms:  # hand-written pages carry the synonyms of their words for search
            _say("Building everything (the search synonyms changed).")
            return self.full()
        try:
            first = record_pages(self.settings, checked, self.kept)
            early = [rel for rel, data in first.items() if self.files.get(rel) != data]
            if early:
                self._write({**self.files, **first}, early, self.generated | first.keys(), templates=False)
                _say(f"{_listed(early)} shown after {time.perf_counter() - start:.2f} s.")
                if newer():
                    return _later()
            reported = len(checked.problems)
            generated = render(self.settings, checked, self.kept)
            if not generated.ok:  # a hand-written page where a generated one goes
                _say(report(generated.problems[reported:]) + "\n" + summary(generated.problems) + KEEP, error=True)
                return False
            if early and newer():
                return _later()
            changed = [rel for rel, data in generated.files.items() if self.files.get(rel) != data]
            removed = self.files.keys() - generated.files.keys()
            if not early and not changed and not removed:
                _say(f"Checked in {time.perf_counter() - start:.2f} s: no page changed.")
                return True
            self._write(generated.files, changed, generated.generated_paths)
        except Exception as exc:  # noqa: BLE001 - the fast path could not do it: the full build can
            reason = str(exc) if isinstance(exc, NeedsFullBuild) else f"{type(exc).__name__}: {exc}"
            _say(f"Building everything ({reason}).")
            return self.full()
        self.search.request()
        gone = f", {len(removed)} removed" if removed else ""
        written = [*early, *changed]
        _say(
            f"Rebuilt in {time.perf_counter() - start:.2f} s: {len(written)} files changed{gone} ({_listed(written)})."
        )
        return True

    def _write(
        self, docs: dict[str, bytes], changed: list[str], generated: Collection[str], templates: bool = True
    ) -> None:
        """The preview's docs are now `docs`: write what changed in place, then reload open pages."""
        assert self.plugin is not None
        warnings = update_pages(self.plugin, docs, changed, generated, templates)
        inline_search_styles(self.folder)  # the search page written again carries them inline, as the build's does
        self.files, self.generated = docs, set(generated)
        if warnings:
            _say("\n".join(warnings) + "\n`build` would stop on these; the preview shows the pages.", error=True)
        self.versions.bump()


def _saved(before: Snapshot, now: Snapshot, root: Path) -> set[str]:
    """The files added, changed or removed between two snapshots, relative to the project folder."""
    changed = {path for path in before.keys() | now.keys() if before.get(path) != now.get(path)}
    base = str(root) + os.sep
    return {path[len(base) :].replace(os.sep, "/") for path in changed if path.startswith(base)}


def _later() -> bool:
    _say("Another change came in: the listings, search data and open data follow it.")
    return True


def _listed(paths: list[str]) -> str:
    shown = ", ".join(sorted(paths)[:3])
    return shown + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


def _ctrl_c_stops() -> None:
    """Ctrl+C stops the preview even when whatever started it had Ctrl+C ignored or held back (a disposition and a
    signal mask that a process inherits from its parent)."""
    if threading.current_thread() is not threading.main_thread():
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if hasattr(signal, "pthread_sigmask"):  # not on Windows
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def serve(config_file: Path, dev_addr: str, poll_seconds: float = 0.2) -> int:
    _ctrl_c_stops()
    config_file = config_file.resolve()
    preview = Preview(config_file, config_file.parent / "build" / "preview")
    if not preview.full():
        return 1
    host, _, port = dev_addr.rpartition(":")
    server = start_preview_server(preview.folder, preview.versions, host or "127.0.0.1", int(port))
    _say(f"Preview on http://{dev_addr}/ (Ctrl+C to stop). Pages reload themselves when you save a file.")
    seen = snapshot(_watched(config_file, preview.settings))
    try:
        while True:
            time.sleep(poll_seconds)
            now = snapshot(_watched(config_file, preview.settings))
            if now == seen:
                continue
            settings_changed = now.get(str(config_file)) != seen.get(str(config_file))
            saved = _saved(seen, now, config_file.parent)
            seen = now
            if settings_changed:
                preview.full()
            else:
                preview.update(newer=partial(_changed_since, seen, config_file, preview.settings), saved=saved)
    except KeyboardInterrupt:
        return 0
    finally:
        # Ctrl+C stops the preview at once: the server's loop is asked to end, but never waited on for more than a
        # few seconds (its threads end with the process)
        stopping = threading.Thread(target=server.shutdown, daemon=True)
        stopping.start()
        stopping.join(5)
        server.server_close()
