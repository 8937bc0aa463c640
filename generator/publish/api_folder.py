"""The Open Referral UK API as a folder of its own, whose root is the API's root, for a council to publish at an
address of its own (https://api.example.gov.uk/): the feed's files from the site's openreferral/ folder, moved up
one level, with the host files for that root (generator/publish/hosting.py, `API`).

    in the site                                   in the API folder          answers
    openreferral/index.json                       index.json                 GET /
    openreferral/services-all.json                services-all.json          GET /services
    openreferral/services-page-N.json             services-page-N.json       GET /services?page=N
    openreferral/services/{id}                    services/{id}              GET /services/{id}
    … the same for taxonomies, taxonomy_terms and organizations; _headers, _redirects, staticwebapp.config.json
    and nginx.conf beside them.

Consumers that drop the path of the address they are given (the DfE Family Hubs ingester asks for /services at the
host's root: tests/consumers.py) can only read the API from such a root.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from generator.opendata.openreferral import FOLDER
from generator.publish.hosting import api_host_files


def api_files(files: Mapping[str, bytes | str]) -> dict[str, bytes | str]:
    """The feed's files among a build's files (`openreferral/...`), by their path in the API folder."""
    prefix = FOLDER + "/"
    return {path[len(prefix) :]: data for path, data in files.items() if path.startswith(prefix)}


def write_api_folder(folder: Path, files: Mapping[str, bytes | str]) -> int:
    """Write the API into the empty `folder`: the feed's files and the host files. Returns the number of files."""
    written = {**api_files(files), **api_host_files()}
    for rel, data in written.items():
        target = folder.joinpath(*PurePosixPath(rel).parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            target.write_text(data, encoding="utf-8")
        else:
            target.write_bytes(data)
    return len(written)
