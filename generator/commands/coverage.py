"""Coverage of the Local Offer: which statutory content areas have nothing yet, and where provision is thin.

Areas follow the SEND Regulations 2014, Schedule 2, and the SEND Code of Practice, chapter 4. A service or page
counts towards an area when it mentions one of the area's words (whole words, any case) or matches its rule; a school
or other setting counts by its type and stages, and towards provision outside the local area when it is in another
council's area. Settings with no SEN information report link, and records due for review, are listed after.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from generator.inputs.freshness import is_stale
from generator.inputs.settings import Council
from generator.records.model import Service, Setting, SiteData
from generator.records.taxonomy import AGE_BANDS, NEEDS


@dataclass(frozen=True)
class Area:
    title: str
    words: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    guides: bool = False  # transition guides count towards this area
    setting_types: tuple[str, ...] = ()  # schools and other settings of these types count (and by `phases`)
    outside: bool = False  # settings in another council's area count


SCHOOLS = ("mainstream-school", "academy", "special-school", "resource-base")
SPECIAL = ("independent-special-school", "non-maintained-special-school")
AREAS: tuple[Area, ...] = (
    Area(
        "Education: early years providers",
        phases=("early-years",),
        categories=("early-years",),
        setting_types=("nursery",),
    ),
    Area(
        "Education: schools, special schools and academies",
        ("school", "schools"),
        ("primary", "secondary"),
        setting_types=SCHOOLS + SPECIAL,
    ),
    Area(
        "Education: post-16 institutions and training",
        ("college", "apprenticeship", "apprenticeships", "internship", "internships", "training"),
        ("post-16",),
        ("careers",),
        setting_types=("sixth-form", "further-education-college", "specialist-post-16"),
    ),
    Area(
        "Education: alternative provision and pupil referral units",
        ("alternative provision", "pupil referral"),
        categories=("alternative-provision",),
        setting_types=("alternative-provision",),
    ),
    Area(
        "Identifying SEN and requesting an EHC needs assessment",
        ("EHC needs assessment", "EHC plan", "EHCP", "assessment"),
    ),
    Area("Health provision", ("NHS", "health", "therapy", "therapist", "CAMHS", "paediatrician")),
    Area("Social care provision", ("social care", "social worker", "short breaks", "direct payments")),
    Area("Travel arrangements, including post-16", ("travel", "transport")),
    Area(
        "Moving between phases and preparing for adulthood",
        ("transition", "preparing for adulthood", "adult services"),
        ("adulthood",),
        guides=True,
    ),
    Area("Information, advice and support", ("advice", "SENDIASS", "parent forum", "information")),
    Area("Childcare", ("childcare", "childminder", "free hours")),
    Area("Leisure, sport and arts", ("leisure", "sport", "music", "arts", "clubs", "activities")),
    Area("Complaints, mediation and the SEND Tribunal", ("mediation", "tribunal", "complaint", "disagreement")),
    Area(
        "Provision outside the local area",
        ("outside the borough", "out of borough", "outside the area"),
        outside=True,
    ),
)


def _text(s: Service) -> str:
    return " ".join([s.name, s.summary, s.description, s.eligibility, s.how_to_access, *s.keywords]).casefold()


def _matches(area: Area, s: Service) -> bool:
    if set(area.phases) & set(s.phases) or s.category in area.categories:
        return True
    text = _text(s)
    return any(re.search(r"(?<!\w)" + re.escape(w.casefold()) + r"(?!\w)", text) for w in area.words)


def _setting_matches(area: Area, s: Setting, council: Council) -> bool:
    return (
        s.type in area.setting_types
        or bool(set(area.phases) & set(s.phases))
        or area.outside
        and s.outside(council.name)
    )


def area_coverage(site: SiteData) -> list[tuple[str, list[str]]]:
    """(area title, published services and pages that cover it) for every statutory area."""
    return [
        (
            area.title,
            [s.id for s in site.services if _matches(area, s)]
            + ([f"transitions/{g.id}" for g in site.guides] if area.guides else []),
        )
        for area in AREAS
    ]


def settings_coverage(site: SiteData, council: Council) -> list[tuple[str, list[str]]]:
    """(area title, published schools and other settings that count towards it) for every statutory area."""
    return [(area.title, [s.id for s in site.settings if _setting_matches(area, s, council)]) for area in AREAS]


def missing_sen_reports(site: SiteData) -> list[str]:
    """Settings with no link to an SEN information report (a resource base is covered by its host school's)."""
    found = []
    for s in site.settings:
        host = site.settings_by_id.get(s.host or "")
        if not s.sen_information_report and not (host and host.sen_information_report):
            found.append(s.id)
    return found


def due_for_review(site: SiteData, council: Council, today: date) -> list[str]:
    """Published schools and settings past the review period, oldest first, as 'id (last reviewed date)'."""
    stale = sorted(
        (s for s in site.settings if is_stale(s.last_reviewed, council, today)), key=lambda s: s.last_reviewed
    )
    return [f"{s.id} ({s.last_reviewed.isoformat()})" for s in stale]


def gap_matrix(site: SiteData) -> list[tuple[str, list[int]]]:
    """Published services for each need (rows) in each age band (columns)."""
    needs = [n for n in NEEDS if n != "all-needs"]
    return [
        (NEEDS[n], [sum(1 for s in site.services if s.meets(n) and band in s.age_bands) for band in AGE_BANDS])
        for n in needs
    ]


def _listed(ids: list[str], one: str, many: str) -> list[str]:
    count = f"1 {one}" if len(ids) == 1 else f"{len(ids)} {many}"
    return [f"{count} (for example {', '.join(ids[:3])})"] if ids else []


def coverage_report(site: SiteData, council: Council, today: date) -> str:
    lines = ["Statutory content areas (SEND Regulations 2014, Schedule 2):", ""]
    settings = dict(settings_coverage(site, council))
    for title, ids in area_coverage(site):
        found = _listed(ids, "service or page", "services or pages")
        found += _listed(settings[title], "school or setting", "schools or settings")
        lines.append(f"  {'GAP ' if not found else '    '}{title}: " + ("; ".join(found) or "nothing published yet"))
    lines += ["", "Services by need and age band (gaps show as 0):", ""]
    width = max(len(label) for label, _ in gap_matrix(site))
    lines.append(" " * (width + 2) + "".join(f"{b.slug:>8}" for b in AGE_BANDS))
    for label, counts in gap_matrix(site):
        lines.append(f"{label:<{width + 2}}" + "".join(f"{c:>8}" for c in counts))
    missing = missing_sen_reports(site)
    if missing:
        lines += [
            "",
            f"Schools and settings with no SEN information report link ({len(missing)}): {', '.join(missing)}.",
        ]
    stale = due_for_review(site, council, today)
    if stale:
        months = council.review_warning_months
        lines += ["", f"Schools and settings due for review (not checked for {months} months): {', '.join(stale)}."]
    gaps = sum(1 for title, ids in area_coverage(site) if not ids and not settings[title])
    lines += ["", f"{gaps} statutory areas have no published service or setting."]
    return "\n".join(lines)
