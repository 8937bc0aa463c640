"""What static hosts need beyond the files: HTTP headers, and rewrites that serve the Open Referral API's addresses
(which have no file ending, or a `?page=N`) from the feed's files. One table of rules, written for each host:

    file                        read by                                  what it can do
    _headers                    Netlify, Cloudflare Pages                headers
    _redirects                  Netlify (all), Cloudflare Pages          rewrites; only Netlify routes ?page=N
    staticwebapp.config.json    Azure Static Web Apps                    headers and rewrites, not ?page=N
    nginx.conf                  nginx (`include` it in the server block) headers and rewrites, ?page=N too

GitHub Pages reads none of them: it serves the files, never the API's addresses.

Paths are written from the site's own path (`site_url`), so a site published under /local-offer/ works too. The API
as a folder of its own (generator/publish/api_folder.py) gets the same four files from its own table (`API`), for
the root of an address such as https://api.example.gov.uk/: consumers such as the DfE Family Hubs ingester drop any
path from the address they are given and ask for /services at the root.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from generator.opendata.openreferral import COLLECTIONS, FOLDER, page_file, whole_file
from generator.publish.csp import BASE_POLICY

POLICY = "{policy}"  # stands for the Content-Security-Policy of the built pages (their script hashes)


@dataclass(frozen=True)
class Headers:
    """Headers sent with every file whose path matches `path`: exact, or ending in `*` for everything below."""

    path: str
    headers: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Rewrite:
    """`path` (exact) is answered with the file `target`; with `?page=N`, with `paged` (`{page}` standing for N)."""

    path: str
    target: str
    paged: str | None = None


# Caching: files named by their content (the theme's and our merged stylesheet, the theme's script, Pagefind's index
# pieces) never change at their address, so browsers keep them for a year without asking again; everything else
# (pages, our scripts, the feed, data files) is asked after on every visit, and a 304 answers when it is unchanged.
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=0, must-revalidate"
NAMED_BY_CONTENT = (
    "/assets/stylesheets/*",
    "/assets/javascripts/*",
    "/pagefind/fragment/*",
    "/pagefind/index/*",
    "/pagefind/filter/*",
)

HEADERS: tuple[Headers, ...] = (
    Headers(
        "/*",
        (
            ("Content-Security-Policy", f"{POLICY}; frame-ancestors 'none'"),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "same-origin"),
            ("Cache-Control", REVALIDATE),
        ),
    ),
    Headers(
        f"/{FOLDER}/*",
        (("Content-Type", "application/json; charset=utf-8"), ("Access-Control-Allow-Origin", "*")),
    ),
    *(Headers(path, (("Cache-Control", IMMUTABLE),)) for path in NAMED_BY_CONTENT),
)
# Netlify and Cloudflare Pages send this themselves, and join a second value of a header to the first with a comma
# rather than replace it: `_headers` leaves it out, so the year-long rules above stay whole there.
HOST_DEFAULTS = frozenset({("Cache-Control", REVALIDATE)})


def feed_rewrites(at: str) -> tuple[Rewrite, ...]:
    """The API's addresses when the feed's folder is at `at` ("/openreferral" in the site, "" at an API's root):
    its root, and each collection (whole without `?page=`, else the page asked for)."""

    def moved(path: str) -> str:  # a file of the feed's folder, as the host sees it
        return at + path[len(FOLDER) :]

    return (
        Rewrite(f"{at}/", moved(f"{FOLDER}/index.json")),
        *(
            Rewrite(f"{at}/{name}", moved(whole_file(name)), moved(page_file(name, 1)).replace("-1.", "-{page}."))
            for name in COLLECTIONS
        ),
    )


REWRITES = feed_rewrites(f"/{FOLDER}")
HOST_FILES = ("_headers", "_redirects", "staticwebapp.config.json", "nginx.conf")

# The API as a folder of its own: every answer is JSON for any site to read; it has no pages, so no script may run.
API_HEADERS: tuple[Headers, ...] = (
    Headers(
        "/*",
        (
            ("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
            ("Cache-Control", REVALIDATE),
            ("Content-Type", "application/json; charset=utf-8"),
            ("Access-Control-Allow-Origin", "*"),
        ),
    ),
)


@dataclass(frozen=True)
class HostRules:
    """One table of headers and rewrites, written for every host."""

    headers: tuple[Headers, ...]
    rewrites: tuple[Rewrite, ...]


SITE = HostRules(HEADERS, REWRITES)
API = HostRules(API_HEADERS, feed_rewrites(""))


def _at(base: str, path: str) -> str:
    return base.rstrip("/") + path


def _matches(pattern: str, path: str) -> bool:
    return path.startswith(pattern[:-1]) if pattern.endswith("*") else path == pattern


def headers_for(path: str, policy: str, rules: HostRules = SITE) -> list[tuple[str, str]]:
    """Every header the rules give a path (relative to the site root); a later rule's value of a header replaces an
    earlier one's (the rules go from every path to fewer)."""
    found: dict[str, str] = {}
    for name, value in (pair for rule in rules.headers if _matches(rule.path, path) for pair in rule.headers):
        found.pop(name, None)
        found[name] = value.replace(POLICY, policy)
    return list(found.items())


def netlify_headers(base: str, policy: str, rules: HostRules = SITE) -> str:
    lines = []
    for rule in rules.headers:
        lines.append(_at(base, rule.path))
        sent = [(name, value) for name, value in rule.headers if (name, value) not in HOST_DEFAULTS]
        lines += [f"  {name}: {value.replace(POLICY, policy)}" for name, value in sent]
    return "\n".join(lines) + "\n"


def netlify_redirects(base: str, rules: HostRules = SITE) -> str:
    """Netlify reads `page=:page`; Cloudflare Pages ignores those lines (it reads `source destination [code]` only,
    and ignores a line in any other shape) and uses the others."""
    lines = ["# Open Referral UK API addresses, answered from the feed's files (generated: do not edit)"]
    for rule in rules.rewrites:
        if rule.paged:
            lines.append(f"{_at(base, rule.path)} page=:page {_at(base, rule.paged.replace('{page}', ':page'))} 200")
        lines.append(f"{_at(base, rule.path)} {_at(base, rule.target)} 200")
    return "\n".join(lines) + "\n"


def azure_config(base: str, policy: str, rules: HostRules = SITE) -> str:
    """Azure Static Web Apps: the first route that matches a request is the only one used, so each route carries
    every header its paths get; headers for every path are `globalHeaders`."""
    everywhere = [rule for rule in rules.headers if rule.path == "/*"]
    global_headers = {name: value.replace(POLICY, policy) for rule in everywhere for name, value in rule.headers}
    routes: list[dict[str, object]] = []
    for rule in rules.rewrites:
        extra = {n: v for n, v in headers_for(rule.target, policy, rules) if global_headers.get(n) != v}
        route: dict[str, object] = {"route": _at(base, rule.path), "rewrite": _at(base, rule.target)}
        routes.append({**route, "headers": extra} if extra else route)
    for header_rule in rules.headers:
        if header_rule not in everywhere:
            path = header_rule.path.rstrip("*")
            extra = {n: v for n, v in headers_for(path, policy, rules) if global_headers.get(n) != v}
            routes.append({"route": _at(base, header_rule.path), "headers": extra})
    for name in HOST_FILES:
        routes.append({"route": _at(base, "/" + name), "statusCode": 404})
    config = {"routes": routes, "globalHeaders": global_headers, "mimeTypes": {".json": "application/json"}}
    return json.dumps(config, indent=2) + "\n"


def _nginx_headers(headers: list[tuple[str, str]], indent: str = "    ") -> list[str]:
    lines = []
    for name, value in headers:
        if name == "Content-Type":  # files without an ending (the API's /services/{id}) are served as this type
            lines.append(f"{indent}default_type {value.split(';')[0]};")
        else:
            lines.append(f'{indent}add_header {name} "{value}" always;')
    return lines


def nginx_conf(base: str, policy: str, rules: HostRules = SITE) -> str:
    """A snippet to `include` inside the site's `server { }` block (its `root` being the site folder). A location
    with add_header lines of its own gets none of the server's, so each location here lists every header it needs."""
    hidden = "|".join(name.replace(".", "[.]") for name in HOST_FILES)
    lines = [
        "# Local Offer: headers and the Open Referral UK API addresses (generated: do not edit).",
        "# Include this file inside the server { } block whose root is the folder this file is in.",
        "# The build writes a .gz (and .br) copy beside each text file: send it instead of compressing every answer.",
        "gzip_static on;",
        "gzip_vary on;",
        "# brotli_static on;  # needs the ngx_brotli module (load it, then remove the # at the start of this line)",
        *_nginx_headers(headers_for("/", policy, rules), indent=""),
        f"location ~ ^{_at(base, '/')}({hidden})$ {{ return 404; }}",
    ]
    for rule in rules.headers:
        if rule.path != "/*":
            lines += [f"location ^~ {_at(base, rule.path.rstrip('*'))} {{"]
            lines += [*_nginx_headers(headers_for(rule.path.rstrip("*"), policy, rules)), "}"]
    for rewrite in rules.rewrites:  # inside `if`, only `rewrite … last` and `return` are safe in nginx
        lines.append(f"location = {_at(base, rewrite.path)} {{")
        if rewrite.paged:
            paged = _at(base, rewrite.paged.replace("{page}", "$lo_page"))  # rewrite's own ^ would reset $1
            lines.append(f'    if ($arg_page ~ "^([1-9][0-9]{{0,5}})$") {{ set $lo_page $1; rewrite ^ {paged} last; }}')
        lines += [f"    rewrite ^ {_at(base, rewrite.target)} last;", "}"]
    return "\n".join(lines) + "\n"


def host_files(site_url: str, script_hashes: set[str]) -> dict[str, str]:
    """Every host file, by name; the policy allows the theme's inline scripts by hash (see csp.py)."""
    base = urlparse(site_url).path or "/"
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *sorted(script_hashes)])
    policy = f"{BASE_POLICY}; script-src {scripts}"
    return {
        "_headers": netlify_headers(base, policy),
        "_redirects": netlify_redirects(base),
        "staticwebapp.config.json": azure_config(base, policy),
        "nginx.conf": nginx_conf(base, policy),
    }


def api_host_files() -> dict[str, str]:
    """Every host file for the API as a folder of its own, served at the root of its address."""
    return {
        "_headers": netlify_headers("/", "", API),
        "_redirects": netlify_redirects("/", API),
        "staticwebapp.config.json": azure_config("/", "", API),
        "nginx.conf": nginx_conf("/", "", API),
    }


def write_host_files(site_dir: Path, site_url: str, script_hashes: set[str]) -> None:
    for name, text in host_files(site_url, script_hashes).items():
        (site_dir / name).write_text(text, encoding="utf-8", newline="\n")  # the same bytes from any system
