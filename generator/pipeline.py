"""The spine of a build: check every input, then render every page in memory. Publishing is generator.publish."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from generator.inputs.accessibility import FACTS_FILE, Statement, load_facts
from generator.inputs.content import (
    KeptPageChecks,
    clashes,
    collect_content,
    markdown_of,
    missing_link_targets,
    missing_nav_pages,
)
from generator.inputs.glossary import GLOSSARY_FILE, Glossary, Targets, load_glossary, reference_problems
from generator.inputs.glossary import PAGE as GLOSSARY_PAGE
from generator.inputs.kinds import Context
from generator.inputs.placeholders import file_placeholders
from generator.inputs.problems import Problem, errors
from generator.inputs.readability import glossary_warnings, page_warnings
from generator.inputs.settings import Settings
from generator.inputs.synonyms import SYNONYMS_FILE, SynonymGroup, load_synonyms
from generator.inputs.translations import Translations, load_translations, sources_of
from generator.inputs.validate import Checked, FileChecks, display, validate
from generator.opendata.files import open_data_files
from generator.opendata.schools import schools_csv
from generator.pages.accessibility import pages_linking_documents, statement_page
from generator.pages.context import FurtherReading, RenderContext, page_titles
from generator.pages.render import KeptRenders, render_services, service_pages
from generator.pages.render_editorial import render_editorial
from generator.pages.render_glossary import glossary_page
from generator.pages.render_languages import PAGE as LANGUAGES_PAGE
from generator.pages.render_languages import languages_page
from generator.pages.render_schools import render_schools
from generator.pages.render_translations import Translated, render_translations, translated_titles, with_front_matter
from generator.pages.theme import council_css
from generator.records.model import Feedback, Guide, Service, Setting, SiteData

Files = dict[str, bytes]


@dataclass
class Generated:
    """Everything checked, and (when nothing is wrong) every file of the docs tree: hand-written and generated."""

    today: date
    files: Files = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    checked: Checked = field(default_factory=Checked)
    synonyms: tuple[SynonymGroup, ...] = ()
    facts: Statement | None = None
    generated_paths: set[str] = field(default_factory=set)  # docs paths made here; the rest are hand-written
    glossary: Glossary = field(default_factory=Glossary)
    translations: Translations = field(default_factory=Translations)

    @property
    def site(self) -> SiteData:
        """The published records (meaningful only when `ok`)."""
        published = self.checked.published
        services = [r for r in published("service") if isinstance(r, Service)]
        guides = [r for r in published("guide") if isinstance(r, Guide)]
        feedback = [r for r in published("feedback") if isinstance(r, Feedback)]
        settings = [r for r in published("setting") if isinstance(r, Setting)]
        return SiteData.of(services, guides, feedback, settings)

    @property
    def ok(self) -> bool:
        return not errors(self.problems)


@dataclass
class Kept:
    """What the live preview keeps between rebuilds, so that only what changed is done again: each record file's own
    check, each hand-written page's check, each service's page and card. A build with it gives the very same files
    as one without."""

    checks: FileChecks = field(default_factory=FileChecks)
    page_checks: KeptPageChecks = field(default_factory=dict)
    renders: KeptRenders = field(default_factory=KeptRenders)


def _unpublished(checked: Checked, kind: str) -> dict[str, str]:
    """Ids of this kind's records that are not published, each with why (for the glossary's warnings)."""
    published = {r.file for r in checked.published(kind) if getattr(r, "published", True)}
    why = {}
    for record in checked.records[kind]:
        if record.file in checked.withheld:
            why[record.id] = "is not published until it is reviewed"
        elif record.file not in published:
            why[record.id] = "is closed"
    return why


def data_file_placeholders(settings: Settings) -> list[Problem]:
    """Placeholders left in the settings and the content's data files (records' and pages' are found as they are
    checked)."""
    data = [settings.content_dir / name for name in (GLOSSARY_FILE, SYNONYMS_FILE, FACTS_FILE)]
    files = [settings.config_file, *data]
    return [p for path in files for p in file_placeholders(path, display(path, settings))]


def check(settings: Settings, today: date, kept: Kept | None = None) -> Generated:
    """Validate every input the site is made from; render nothing."""
    glossary, glossary_file, glossary_problems = load_glossary(settings.content_dir, settings.root)
    known = None if errors(glossary_problems) else glossary.known
    context = Context(settings.council, today, settings.readability, known)
    checked = validate(settings, context, kept=kept.checks if kept else None)
    content, content_problems = collect_content(settings, kept.page_checks if kept else None)
    synonyms, synonym_problems = load_synonyms(settings.content_dir / "synonyms.yaml", settings.root, glossary)
    facts, facts_problems = load_facts(settings.content_dir, settings.root)
    if known is not None:
        targets = Targets(
            services=[r.id for r in checked.published("service") if getattr(r, "published", True)],
            guides=[r.id for r in checked.published("guide")],
            pages=page_titles(content),
            unpublished={"services": _unpublished(checked, "service"), "guides": _unpublished(checked, "guide")},
        )
        glossary_problems += reference_problems(glossary, glossary_file, targets)
        glossary_problems += glossary_warnings(glossary_file, settings.readability, known)
        for rel, data in content.items():
            if rel.endswith(".md"):
                shown = (settings.content_dir / rel).relative_to(settings.root).as_posix()
                glossary_problems += page_warnings(data.decode("utf-8", "replace"), shown, known)
    records = [r for kind in ("service", "setting", "guide") for r in checked.published(kind)]
    sources = sources_of(records, content, glossary.terms, settings)
    images = [rel for rel in content if not rel.endswith(".md")]
    translations, translation_problems = load_translations(settings, sources, markdown_of(settings), images, today)
    problems = checked.problems + content_problems + synonym_problems + facts_problems + glossary_problems
    problems += data_file_placeholders(settings) + translation_problems
    result = Generated(today, content, problems, checked, synonyms, facts, glossary=glossary)
    result.translations = translations
    return result


def _further(result: Generated) -> FurtherReading:
    """What a page links to for further reading (the glossary's pages and the hand-written pages' titles)."""
    return FurtherReading(result.glossary, page_titles(result.files))


def record_pages(settings: Settings, result: Generated, kept: Kept) -> Files:
    """The pages of each service, exactly as `render` makes them, for the live preview to write before anything else
    (made again only if their inputs changed; kept for `render`). `result` is a successful `check`; a page where a
    hand-written file would be served is left out (`render` reports it)."""
    context = RenderContext(result.site, settings.council, result.synonyms, result.today, _further(result))
    pages = service_pages(context, kept.renders)
    folders = {rel.split("/", 1)[0] for rel in pages}
    nearby = [rel for rel in result.files if rel.split("/", 1)[0] in folders]  # usually none: clashes are rare
    clashing = set(clashes(nearby, pages, settings.mkdocs["use_directory_urls"]).values()) if nearby else set()
    return {rel: text.encode("utf-8") for rel, text in pages.items() if rel not in clashing}


def generate(settings: Settings, today: date, kept: Kept | None = None) -> Generated:
    """Validate, then (only if nothing is wrong) render every page in memory."""
    result = check(settings, today, kept)
    return render(settings, result, kept) if result.ok else result


def render(settings: Settings, result: Generated, kept: Kept | None = None) -> Generated:
    """Every page of a successful `check`, in memory, added to its files."""
    site, council, today = result.site, settings.council, result.today
    further = _further(result)
    context = RenderContext(site, council, result.synonyms, today, further)
    pages = render_services(context, kept.renders if kept else None)
    pages.update(render_editorial(site, council, further, result.synonyms))
    pages.update(render_schools(context))
    pages.update(open_data_files(site, council))
    pages["schools.csv"] = schools_csv(site, council)
    if result.glossary.terms:
        pages[GLOSSARY_PAGE] = glossary_page(result.glossary, site, further, result.synonyms)
    if result.facts is not None:
        written = {rel: data.decode("utf-8", "replace") for rel, data in result.files.items() if rel.endswith(".md")}
        texts = {**written, **pages}
        pages["accessibility.md"] = statement_page(result.facts, council, pages_linking_documents(texts))
    english = {rel: "" for rel in [*result.files, *pages] if rel.endswith(".md")}
    translated = render_translations(result.translations, site, council, today, english, result.glossary)
    in_languages = translated_titles(result.translations, translated)
    pages[LANGUAGES_PAGE] = languages_page(site.services, in_languages, result.translations.catalogues, council)
    made = [*pages, "assets/council.css"]
    for rel, other in clashes(result.files, made, settings.mkdocs["use_directory_urls"]).items():
        message = f"would be published at the same address as the generated {other}."
        hint = "Rename or move the file; that address is made from the records."
        where = (settings.content_dir / rel).relative_to(settings.root).as_posix()
        result.problems.append(Problem(where, 1, 1, "", message, hint))
    known = {*result.files, *made}  # every docs path the site will have
    result.problems += missing_link_targets(result.files, known, settings)
    result.problems += missing_nav_pages(known, settings)
    if not result.ok:
        return result
    _add_translations(result, translated, pages, made)
    result.files.update({rel: text.encode("utf-8") for rel, text in pages.items()})
    result.files["assets/council.css"] = council_css(dict(council.colours))
    result.generated_paths = set(made)
    return result


def _add_translations(result: Generated, translated: Translated, pages: dict[str, str], made: list[str]) -> None:
    """The translated pages (generated ones into `pages` and `made`, translated hand-written pages into the files,
    cleaned as hand-written pages are), and the alternates on every page of a group of translations."""
    tr = result.translations
    generated, handwritten, alternates = translated
    pages.update(generated)
    made += generated
    for at, alts in alternates.items():
        lang = next(a["lang"] for a in alts if a["current"])
        label = tr.catalogues.text(lang, "languages")
        extra = {"lo_alternates": alts, "lo_languages_label": list(label)}
        if at in pages:
            pages[at] = with_front_matter(pages[at], extra)
        elif at in handwritten:
            handwritten[at] = with_front_matter(handwritten[at], extra)
        elif at in result.files:
            text = result.files[at].decode("utf-8").removeprefix("\ufeff")
            result.files[at] = with_front_matter(text, extra).encode("utf-8")
    result.files.update({rel: text.encode("utf-8") for rel, text in handwritten.items()})
