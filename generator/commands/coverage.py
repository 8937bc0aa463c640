"""Coverage of the Local Offer: which statutory content areas have nothing yet, and where provision is thin.

Areas follow the SEND Regulations 2014, Schedule 2, and the SEND Code of Practice, chapter 4. A service or page
counts towards an area when it mentions one of the area's words (whole words, any case) or matches its rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.pages.model import Service, SiteData
from generator.pages.taxonomy import AGE_BANDS, NEEDS


@dataclass(frozen=True)
class Area:
    title: str
    words: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    guides: bool = False  # transition guides count towards this area


AREAS: tuple[Area, ...] = (
    Area("Education: early years providers", phases=("early-years",), categories=("early-years",)),
    Area("Education: schools, special schools and academies", ("school", "schools"), ("primary", "secondary")),
    Area(
        "Education: post-16 institutions and training",
        ("college", "apprenticeship", "apprenticeships", "internship", "internships", "training"),
        ("post-16",),
        ("careers",),
    ),
    Area(
        "Education: alternative provision and pupil referral units",
        ("alternative provision", "pupil referral"),
        categories=("alternative-provision",),
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
    Area("Provision outside the local area", ("outside the borough", "out of borough", "outside the area")),
)


def _text(s: Service) -> str:
    return " ".join([s.name, s.summary, s.description, s.eligibility, s.how_to_access, *s.keywords]).casefold()


def _matches(area: Area, s: Service) -> bool:
    if set(area.phases) & set(s.phases) or s.category in area.categories:
        return True
    text = _text(s)
    return any(re.search(r"(?<!\w)" + re.escape(w.casefold()) + r"(?!\w)", text) for w in area.words)


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


def gap_matrix(site: SiteData) -> list[tuple[str, list[int]]]:
    """Published services for each need (rows) in each age band (columns)."""
    needs = [n for n in NEEDS if n != "all-needs"]
    return [
        (NEEDS[n], [sum(1 for s in site.services if s.meets(n) and band in s.age_bands) for band in AGE_BANDS])
        for n in needs
    ]


def coverage_report(site: SiteData) -> str:
    lines = ["Statutory content areas (SEND Regulations 2014, Schedule 2):", ""]
    for title, ids in area_coverage(site):
        count = "1 service or page" if len(ids) == 1 else f"{len(ids)} services or pages"
        lines.append(
            f"  {'GAP ' if not ids else '    '}{title}: "
            + (f"{count} (for example {', '.join(ids[:3])})" if ids else "nothing published yet")
        )
    lines += ["", "Services by need and age band (gaps show as 0):", ""]
    width = max(len(label) for label, _ in gap_matrix(site))
    lines.append(" " * (width + 2) + "".join(f"{b.slug:>8}" for b in AGE_BANDS))
    for label, counts in gap_matrix(site):
        lines.append(f"{label:<{width + 2}}" + "".join(f"{c:>8}" for c in counts))
    gaps = sum(1 for _, ids in area_coverage(site) if not ids)
    lines += ["", f"{gaps} statutory areas have no published service."]
    return "\n".join(lines)
