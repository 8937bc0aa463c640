"""Where the pages about schools, colleges and other settings are, and the official records a setting's URN links
to: shared by the pages (generator/pages/render_schools.py) and the open data (generator/opendata/), which import
nothing of the pages' rendering."""

from __future__ import annotations

from generator.records.model import Setting

INDEX = "schools/index.md"
OUTSIDE = "schools/area/outside.md"
GIAS = "https://get-information-schools.service.gov.uk/Establishments/Establishment/Details/{urn}"
PERFORMANCE = "https://www.compare-school-performance.service.gov.uk/school/{urn}"
PHASE_TITLES = {
    "early-years": "Nursery schools and early years settings",
    "primary": "Primary schools and settings",
    "secondary": "Secondary schools and settings",
    "post-16": "Sixth forms, colleges and post-16 settings",
}


def type_page(kind: str) -> str:
    return f"schools/type/{kind}.md"


def phase_page(phase: str) -> str:
    return f"schools/phase/{phase}.md"


def need_page(need: str) -> str:
    return f"schools/need/{need}.md"


def official_links(s: Setting) -> tuple[str, str]:
    """The Department for Education's record of the setting, and its performance data (none for a setting that
    teaches only under-5s), both made from its URN; empty without one."""
    if not s.urn:
        return "", ""
    taught = set(s.phases) - {"early-years"}
    return GIAS.format(urn=s.urn), PERFORMANCE.format(urn=s.urn) if taught else ""
