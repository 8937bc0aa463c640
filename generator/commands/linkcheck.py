"""Opt-in check of the web addresses in records (it uses the network, so it never runs in the build or tests)."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor

from generator.records.model import Service

USER_AGENT = "local-offer-link-check/1.0 (+checks that service websites still work)"


def check_url(url: str, timeout: float = 10.0) -> str | None:
    """None if the address answers; otherwise what went wrong, in plain words."""
    for method in ("HEAD", "GET"):  # some sites refuse HEAD
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout):
                return None
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue
            return f"the site answered {exc.code} {exc.reason}"
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            return f"could not be reached ({reason})"
    return "could not be checked"


def record_urls(services: Iterable[Service]) -> list[tuple[str, str]]:
    """(record file, web address) for every website in published records."""
    return [(s.file, s.contact.website) for s in services if s.published and s.contact.website]


def broken_urls(pairs: list[tuple[str, str]], workers: int = 8) -> list[tuple[str, str, str]]:
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(lambda pair: check_url(pair[1]), pairs))
    return [(source, url, problem) for (source, url), problem in zip(pairs, results, strict=True) if problem]
