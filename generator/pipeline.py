"""The one pipeline: validate everything, then render it into the docs tree MkDocs builds from."""

from __future__ import annotations

from dataclasses import dataclass, field

from .accessibility import last_test_run, load_facts, statement_page
from .config import Settings
from .content import collect_content
from .editorial import Editorial, validate_editorial
from .model import SiteData
from .opendata import dated_pages, open_data_files, sitemap
from .problems import Problem, errors
from .render import render_services
from .render_editorial import render_editorial
from .search import SynonymGroup, load_synonyms
from .theme import colour_problems, council_css
from .validate import Checked, service_files, validate_services
from .write import Files, sync_tree


@dataclass
class Generated:
    files: Files = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    checked: Checked = field(default_factory=Checked)
    synonyms: tuple[SynonymGroup, ...] = ()
    editorial: Editorial = field(default_factory=Editorial)
    facts: dict | None = None
    sitemap: str = ""

    @property
    def site(self) -> SiteData:
        """The published services with their guides and feedback (meaningful only when `ok`)."""
        return SiteData.of(self.checked.services, self.editorial.guides, self.editorial.feedback)

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


def check(settings: Settings) -> Generated:
    """Validate every input the site is made from; render nothing."""
    checked = validate_services(settings.root, council=settings.council)
    file_ids = {p.stem for p in service_files(settings.root)}
    editorial = validate_editorial(settings.content_dir, settings.root, checked.services, file_ids)
    content, content_problems = collect_content(settings.content_dir, settings.root)
    synonyms, synonym_problems = load_synonyms(settings.content_dir / "synonyms.yaml", settings.root)
    facts, facts_problems = load_facts(settings.content_dir, settings.root)
    problems = checked.problems + editorial.problems + content_problems + synonym_problems + facts_problems
    problems += colour_problems(settings.council.colours, settings.config_file.name)
    return Generated(
        files=content, problems=problems, checked=checked, synonyms=synonyms, editorial=editorial, facts=facts
    )


def generate(settings: Settings) -> Generated:
    """Validate, then (only if nothing is wrong) render every page in memory."""
    result = check(settings)
    if not result.ok:
        return result
    site = result.site
    pages = render_services(site, settings.council, result.synonyms)
    pages.update(render_editorial(site, settings.council))
    pages.update(open_data_files(site, settings.council))
    if result.facts is not None:
        pages["accessibility.md"] = statement_page(result.facts, settings.council, last_test_run(settings.root))
    listed = [p for p in [*pages, *result.files] if p.endswith(".md") and p not in ("search.md", "shortlist.md")]
    result.sitemap = sitemap(settings.council, listed, dated_pages(site))
    clashes = sorted(set(pages) & set(result.files))
    for rel in clashes:
        result.problems.append(
            Problem(
                f"content/{rel}",
                1,
                1,
                "",
                "has the same address as a generated page.",
                "Rename or move the file; this address is made from the records.",
            )
        )
    if clashes:
        return result
    result.files.update({rel: text.encode("utf-8") for rel, text in pages.items()})
    result.files["assets/council.css"] = council_css(settings.council.colours)
    return result


def write_docs(settings: Settings) -> Generated:
    """Generate and, if everything is valid, bring the docs tree up to date. Nothing is written otherwise."""
    result = generate(settings)
    if result.ok:
        sync_tree(result.files, settings.docs_dir)
    return result
