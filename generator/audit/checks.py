"""The audit's checks, each run on one page at one screen width in real Chromium (generator/audit/run.py opens the
page). axe-core finds what can be read from the page; the rest act as a keyboard user does and measure what they
would see: where focus goes, whether it can be seen, what opens and where, text with wider spacing, forced colours,
and where focus lands after "Remove" and "Show more". In-page measurements are in probes.js."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.audit.pages import SitePage
from generator.audit.report import CheckInfo, Finding

if TYPE_CHECKING:
    from playwright.sync_api import Page

# open(site_page, width, forced_colors=False, reduced_motion=False) -> Page
Opener = Callable[..., AbstractContextManager["Page"]]


@dataclass(frozen=True)
class Check:
    info: CheckInfo
    widths: tuple[int, ...]
    run: Callable[[Opener, SitePage, int, Tools], list[Finding]]
    cost: int = 1  # how long a run takes against the others, roughly: the longest are started first


@dataclass(frozen=True)
class Tools:
    axe_source: str
    screenshots: Path | None
    # Menu drawers already checked, by screen width and what they hold (regionSignature): the same drawer on another
    # page is not checked again. Shared by the audit's browsers.
    drawers: dict[tuple[int, str], str] = field(default_factory=dict)  # -> the page it was checked on
    drawer_controls: set[tuple[int, str]] = field(default_factory=set)  # (width, name) of controls that open one
    skipped: list[str] = field(default_factory=list)  # what was not checked again, and where it was checked
    # The header and footer every page shares (probes.js `sharedParts`), by screen width and markup: the page they were
    # walked on by the keyboard check.
    shared_parts: dict[tuple[int, str], str] = field(default_factory=dict)


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
_CRITERION_TAG = re.compile(r"^wcag(\d)(\d)(\d+)$")
MOST_STOPS = 400  # Tab stops walked each way on one page (an A to Z of thousands is sampled, not walked whole)
DRAWER_STOPS = 60
def settle(page: Page) -> None:
    """Wait until the page has answered the last key or click and nothing on it is still moving (probes.js
    `settle`: a frame, then any running animation or transition, not a fixed time). The browser keeps the motion a
    family sees by default; a barrier that only shows while something moves is still found."""
    page.evaluate("window.__loAudit.settle()")


QUIET_MS = 150  # how long a page shows no change before an action that changes it in steps is taken as done


def done_changing(page: Page) -> None:
    """Wait until an action that changes the page in several steps (results added as they come, then the button
    hidden) has finished: nothing on the page changes for QUIET_MS (probes.js `quiet`), then it is settled."""
    page.evaluate("ms => window.__loAudit.quiet(ms)", QUIET_MS)
    settle(page)


def comes_true(page: Page, condition: str, timeout_ms: int) -> bool:
    """Whether `condition` (a JavaScript function) comes true within `timeout_ms`, looked at in the page every 10 ms:
    one trip to the page, not one for each look. Playwright's wait_for_function evaluates text, which the site's
    Content-Security-Policy (rightly) refuses."""
    poll = f"""async (most) => {{
        const test = {condition};
        const until = performance.now() + most;
        while (!test()) {{
            if (performance.now() > until) return false;
            await new Promise((next) => setTimeout(next, 10));
        }}
        return true;
    }}"""
    came: bool = page.evaluate(poll, timeout_ms)
    return came


def wait_until(page: Page, condition: str, timeout_ms: int = 15_000) -> None:
    """Wait until `condition` (a JavaScript function) is true in the page (`comes_true`); a TimeoutError if it never
    is."""
    if not comes_true(page, condition, timeout_ms):
        raise TimeoutError(f"the page never reached: {condition}")


def _limit(findings: list[Finding], most: int = 12) -> list[Finding]:
    """The same message once, and at most `most` of them, then how many more."""
    unique = list(dict.fromkeys(findings))
    if len(unique) <= most:
        return unique
    rest = unique[most:]
    criteria = tuple(sorted({c for f in rest for c in f.criteria}))
    return [*unique[:most], Finding(f"… and {len(rest)} more like these.", criteria)]


# ------------------------------------------------------------------------------------------------------------------
# axe-core


def run_axe(page: Page, axe_source: str, options: dict[str, Any]) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now."""
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(axe_source)
    found: list[dict[str, Any]] = page.evaluate("options => axe.run(document, options)", options)["violations"]
    return found


def criteria_of(tags: list[str]) -> tuple[str, ...]:
    found = [_CRITERION_TAG.match(t) for t in tags]
    return tuple(".".join(m.groups()) for m in found if m)


def _axe(open_page: Opener, site_page: SitePage, width: int, tools: Tools) -> list[Finding]:
    with open_page(site_page, width) as page:
        options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
        violations = run_axe(page, tools.axe_source, options)
    findings = []
    for v in violations:
        targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        findings.append(
            Finding(f"{v['help']} ({v['id']}, {len(v['nodes'])} on the page: {targets}).", criteria_of(v["tags"]))
        )
    return findings


# ------------------------------------------------------------------------------------------------------------------
# Keyboard: every focus stop can be seen


def walk(page: Page, key: str, most: int) -> Iterator[dict[str, Any]]:
    """Press `key` (Tab or Shift+Tab) until focus leaves the page or comes back to a stop it has already reached
    (Shift+Tab past the first control wraps round to the last in a browser with no toolbar: every stop would be
    walked twice); yield where focus is at each stop."""
    page.evaluate("window.__loAudit.startWalk()")
    scrolled = None
    for _ in range(most):
        page.keyboard.press(key)
        state = settled_focus(page, track=True, forward=key == "Tab")
        if not state["onPage"] or state["again"]:
            return
        if state["inSideColumn"] and state["scrolled"] != scrolled:
            # The theme fits its side columns to the screen a frame after the page scrolls (shortening them as the
            # footer comes in): a link that Tab scrolled to is measured once the theme has done so.
            state = {**_after_frames(page), "again": False}
        scrolled = state["scrolled"]
        yield state


def _after_frames(page: Page) -> dict[str, Any]:
    page.evaluate("new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    state: dict[str, Any] = page.evaluate("window.__loAudit.focusState()")
    return state


def settled_focus(page: Page, track: bool = False, forward: bool | None = None) -> dict[str, Any]:
    """Where focus is; if it looks hidden, asked again once the theme's scripts have redrawn (two frames later),
    so a layout the theme corrects at once (sidebar heights set on scroll) is not reported. `forward`: a step of a
    walk that way (probes.js `walkStep`: the next key waits, as a family's would, for the page to answer a scroll
    where the theme's fitting of a side column decides where that key lands)."""
    if forward is None:
        state: dict[str, Any] = page.evaluate("t => window.__loAudit.focusState(t)", track)
    else:
        state = page.evaluate("([t, f]) => window.__loAudit.walkStep(t, f)", [track, forward])
    if _looks_hidden(state):
        state = {**_after_frames(page), "again": state["again"]}
    return state


def _looks_hidden(state: dict[str, Any]) -> bool:
    """A focus stop that may only look hidden until the theme's scripts have redrawn (measured again then)."""
    return bool(state["onPage"] and (not state["visible"] or not state["inView"] or state["covered"]))


def seen(state: dict[str, Any], how: str, forced: bool = False) -> list[Finding]:
    """What is wrong with one focus stop for a sighted keyboard user."""
    name = state["name"]
    if not state["visible"]:
        return [
            Finding(f"{how} reaches {name}, which cannot be seen (hidden, empty or transparent).", ("2.4.7", "2.4.3"))
        ]
    if not state["inView"]:
        return [Finding(f"{how} reaches {name}, which is off the screen.", ("2.4.7", "2.4.3"))]
    if state["covered"]:
        under = "under the sticky header" if state["coveredBySticky"] else "under another part of the page"
        return [Finding(f"{how} reaches {name}, but it is hidden {under} ({state['covered']}).", ("2.4.11",))]
    if forced and not state["outline"]:
        return [_no_outline(name)]
    if not state["indicator"]:
        return [Finding(f"{name} shows no focus indicator.", ("2.4.7",))]
    return []


def _keyboard(open_page: Opener, site_page: SitePage, width: int, tools: Tools) -> list[Finding]:
    """Every stop walked with Tab from the top, then with Shift+Tab from the bottom. The parts every page shares (the
    header and the footer, probes.js `sharedParts`) are walked on the first page of each width that has them as they
    are; on another page the walks start beside its own part, as a walk through the shared parts would have reached
    it, and end where they would go back into the shared parts (the report says so)."""
    findings: list[Finding] = []
    with open_page(site_page, width) as page:
        shared: str | None = page.evaluate("window.__loAudit.sharedParts()")
        signature = (width, hashlib.sha256(shared.encode()).hexdigest()) if shared else None
        walked_on = tools.shared_parts.setdefault(signature, site_page.url) if signature else site_page.url
        only_own = walked_on != site_page.url
        started_beside = False
        for key, how in (("Tab", "Tab"), ("Shift+Tab", "Shift+Tab")):
            # Each walk starts at the top with nothing focused: Tab goes down the page; Shift+Tab jumps to the last
            # control, at the bottom (as after a press of End), and comes back up.
            page.evaluate("window.scrollTo(0, 0); document.activeElement.blur()")
            beside = only_own and page.evaluate("f => window.__loAudit.focusBesideOwnPart(f)", key == "Tab")
            for state in walk(page, key, MOST_STOPS):
                if beside and state["shared"]:
                    break  # back in the shared parts, walked on another page
                findings += seen(state, how)
            started_beside = started_beside or beside
    if started_beside:
        tools.skipped.append(
            f"keyboard /{site_page.url} at {width} px: the header and footer are the same as on /{walked_on}, walked "
            "there"
        )
    return _limit(findings)


# ------------------------------------------------------------------------------------------------------------------
# Everything that opens: it opens from the keyboard, stays on the screen, and focus goes somewhere sensible


def _open_control(page: Page, index: int) -> dict[str, Any]:
    """Open a control with the keyboard (closing it first if the page opened it already); how it is then, once
    settled and filled (probes.js `afterOpening`: one trip to the page)."""
    if page.evaluate("i => window.__loAudit.focusControl(i)", index):
        page.keyboard.press("Enter")
        settle(page)
    page.keyboard.press("Enter")
    state: dict[str, Any] = page.evaluate("i => window.__loAudit.afterOpening(i)", index)
    return state


def _opened(name: str, state: dict[str, Any]) -> list[Finding]:
    if not state["open"]:
        return [Finding(f"{name} does not open with the Enter key.", ("2.1.1", "4.1.2"))]
    findings = [Finding(f"When {name} is open, {p}.", ("1.4.10",)) for p in state["problems"]]
    if state["overflow"] > 0:
        findings.append(
            Finding(f"Opening {name} makes the page scroll sideways by {state['overflow']} px.", ("1.4.10",))
        )
    if state["hasRegion"] and not state["regionShown"]:
        findings.append(Finding(f"{name} says it is expanded, but what it controls is not shown.", ("4.1.2",)))
    if state["focusLost"]:
        findings.append(Finding(f"Focus is lost (on the page itself) after opening {name}.", ("2.4.3",)))
    return findings


def _trapped_walk(page: Page, index: int, name: str) -> list[Finding]:
    """An open drawer (focus moved into it): Tab stays in it and every stop can be seen."""
    findings: list[Finding] = []
    for state in walk_in_region(page, index):
        if state.get("outside"):
            findings.append(Finding(f"Tab leaves the open {name} for {state['name']}, behind it.", ("2.4.3",)))
            break
        findings += seen(state, f"Tab in the open {name}")
    return findings


def walk_in_region(page: Page, index: int) -> Iterator[dict[str, Any]]:
    for _ in range(DRAWER_STOPS):
        page.keyboard.press("Tab")
        where = _step(page, index)
        if where["lost"]:
            return  # past the last control: focus leaves the page for the browser, then comes back
        if not where["inside"]:
            yield {"outside": True, "name": where["name"]}
            return
        yield where["state"]


def _step(page: Page, index: int) -> dict[str, Any]:
    """After a Tab in or past an open control: whether focus is inside what it opened, the stop (measured again a
    frame later if it looks hidden, as `settled_focus` does), and whether the control is still open."""
    where: dict[str, Any] = page.evaluate("i => window.__loAudit.stepFrom(i)", index)
    if _looks_hidden(where["state"]):
        where["state"] = _after_frames(page)
    return where


_IS_OPEN = "i => window.__loAudit.isOpen(i)"
_LISTED = "i => window.__loAudit.listed(i)"


def _close_control(page: Page, index: int) -> bool:
    """Close a control opened by the check (Enter on it again); whether it closed."""
    page.evaluate("i => window.__loAudit.control(i)", index)
    page.keyboard.press("Enter")
    closed: bool = page.evaluate("i => window.__loAudit.afterClosing(i)", index)
    return closed


def _disclosures(open_page: Opener, site_page: SitePage, width: int, tools: Tools) -> list[Finding]:
    """Each control opened and checked in turn on one load of the page, and closed again before the next; the page
    is loaded afresh only after a control that would not close, or a drawer (Escape closes it, and leaves its menu
    changed). What opens over the page (a dropdown, the first glossary toggletip of the page) also has Tab on past it
    and Escape tried (`_moving_on`). What is checked is where things end up, so the page is opened with reduced
    motion (the theme's 250 ms slides and fades are dropped, as for a family who asks their device for less motion);
    the keyboard check keeps the motion, where a barrier can show only while something moves."""
    findings: list[Finding] = []
    with ExitStack() as stack:
        page = stack.enter_context(open_page(site_page, width, reduced_motion=True))
        controls: list[dict[str, Any]] = page.evaluate("window.__loAudit.disclosures()")
        open_at_first = {c["index"] for c in controls if c["open"]}
        fresh = True
        tip_moved_on = False  # a toggletip of this load has had Tab on and Escape tried
        for control in controls:
            if not fresh:
                stack.close()
                page = stack.enter_context(open_page(site_page, width, reduced_motion=True))
                page.evaluate("window.__loAudit.disclosures()")  # the new load's controls marked, in the same order
                fresh = True
            if not page.evaluate(_LISTED, control["index"])["listed"]:
                continue
            signature = ""
            if not control["details"] and not control["tip"]:
                signature = page.evaluate("i => window.__loAudit.regionSignature(i)", control["index"])
                checked_on = tools.drawers.get((width, signature))
                if (width, control["name"]) in tools.drawer_controls and checked_on is not None:
                    tools.skipped.append(
                        f"disclosures /{site_page.url} at {width} px: {control['name']} opens the same menu drawer as "
                        f"on /{checked_on}, checked there"
                    )
                    continue
            state = _open_control(page, control["index"])
            findings += _opened(control["name"], state)
            if state["open"] and state["focusInRegion"] and not control["details"] and not control["tip"]:
                tools.drawer_controls.add((width, control["name"]))
                tools.drawers.setdefault((width, signature), site_page.url)
                findings += _drawer(page, control)
                fresh = False
            elif state["overlay"] or (control["tip"] and state["open"] and not tip_moved_on):
                # a pop-up over the page; of the toggletips (one script, each showing its words over the text after
                # its term), the first on the page: Tab on past it and Escape are tried, the others open and close
                tip_moved_on = tip_moved_on or control["tip"]
                findings += _moving_on(page, control)
                fresh = not page.evaluate(_IS_OPEN, control["index"])
            elif state["open"] and control["index"] not in open_at_first:
                fresh = _close_control(page, control["index"])
    return _limit(findings)


AFTER_LEAVING = 3  # Tab stops walked past an open pop-up, where what it covers would be reached


def _moving_on(page: Page, control: dict[str, Any]) -> list[Finding]:
    """A control whose panel opens over the page (a dropdown, a pop-up): Tab on from it never reaches a control
    hidden under the panel, the panel closes once focus has moved on out of it, and Escape closes it with focus
    back on the control. Tab goes on past the panel for a few stops while it still shows, and stops at the first stop
    after it has closed and gone (it can cover nothing then)."""
    index, name = control["index"], control["name"]
    findings: list[Finding] = []
    left = 0
    for _ in range(DRAWER_STOPS):
        page.keyboard.press("Tab")
        where = _step(page, index)
        if where["lost"]:
            break
        findings += seen(where["state"], f"Tab on from the open {name}")
        if not where["inside"]:
            left += 1
            if left == 1 and where["open"]:
                findings.append(
                    Finding(f"{name} stays open over the page after focus has moved on out of it.", ("2.4.11",))
                )
            if left >= AFTER_LEAVING or not (where["open"] or where["shown"]):
                break  # closed and gone: nothing of it can cover the stops after this one
    if not page.evaluate(_IS_OPEN, index):
        _open_control(page, index)
    page.evaluate("i => window.__loAudit.control(i)", index)
    page.keyboard.press("Escape")
    settle(page)
    after: dict[str, Any] = page.evaluate("i => window.__loAudit.disclosureState(i)", index)
    if after["open"]:
        findings.append(Finding(f"Escape does not close {name}, which opens over the page.", ("2.1.2", "2.4.11")))
    elif not after["focusOnControl"]:
        moved = f"After Escape closes {name}, focus is on {after['focus']}, not back on it."
        findings.append(Finding(moved, ("2.4.3",)))
    return findings


def _drawer(page: Page, control: dict[str, Any]) -> list[Finding]:
    """A control that moves focus into what it opens (the menu drawer): focus stays there, its own controls work
    (each opened and closed again in the same open drawer), and Escape closes it with focus back on the control."""
    index, name = control["index"], control["name"]
    findings = _trapped_walk(page, index, name)
    inner: list[dict[str, Any]] = page.evaluate("i => window.__loAudit.disclosures().filter(c => c.index !== i)", index)
    for nested in inner:
        now: dict[str, bool] = page.evaluate(_LISTED, nested["index"])
        if not now["listed"]:
            continue
        was_open = now["open"]
        state = _open_control(page, nested["index"])
        findings += _opened(f"{nested['name']} in the open {name}", state)
        if state["open"] and state["hasRegion"] and not state["focusInRegion"] and not state["focusOnControl"]:
            findings.append(Finding(f"After opening {nested['name']}, focus is on {state['focus']}.", ("2.4.3",)))
        if state["focusInRegion"]:
            findings += seen(settled_focus(page), f"Opening {nested['name']}")
        if state["open"] and not was_open:
            _close_control(page, nested["index"])
    page.keyboard.press("Escape")
    settle(page)
    after: dict[str, Any] = page.evaluate("i => window.__loAudit.disclosureState(i)", index)
    if after["open"]:
        findings.append(Finding(f"Escape does not close the open {name}.", ("2.1.2",)))
    elif not after["focusOnControl"]:
        findings.append(Finding(f"After closing {name}, focus is on {after['focus']}, not back on {name}.", ("2.4.3",)))
    return findings


# ------------------------------------------------------------------------------------------------------------------
# Text spacing (WCAG 1.4.12): wider lines, letters, words and paragraphs lose no text

TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: .12em !important; word-spacing: .16em !important; }
p { margin-bottom: 2em !important; }
"""


def _text_spacing(open_page: Opener, site_page: SitePage, width: int, tools: Tools) -> list[Finding]:
    with open_page(site_page, width) as page:
        style = page.add_style_tag(content=TEXT_SPACING)
        settle(page)
        clipped: list[str] = page.evaluate("window.__loAudit.clippedText()")
        overflow: int = page.evaluate("window.__loAudit.overflow()")
        style.evaluate("style => style.remove()")  # the page as loaded again, for the next check
        settle(page)
    findings = [Finding(f"With wider text spacing, {c}.", ("1.4.12",)) for c in clipped]
    if overflow > 0:
        findings.append(Finding(f"With wider text spacing, the page scrolls sideways by {overflow} px.", ("1.4.12",)))
    return _limit(findings)


# ------------------------------------------------------------------------------------------------------------------
# Forced colours (Windows high contrast themes): focus still shows; a screenshot for reviewers

FORCED_STOPS = 60


def _forced_colours(open_page: Opener, site_page: SitePage, width: int, tools: Tools) -> list[Finding]:
    """In forced colours (switched on for the page as loaded, and off again after): no icon vanishes, and each of the
    first controls Tab reaches shows an outline when focused by the keyboard (where it is and whether it can be seen
    are the keyboard check's, on the same layout). Each control is focused in the page after one real Tab, as a
    keyboard user's focus; if one did not match :focus-visible so, the controls are walked with real Tab presses."""
    findings: list[Finding] = []
    with open_page(site_page, width) as page:
        page.emulate_media(forced_colors="active")
        try:
            settle(page)
            if tools.screenshots:
                tools.screenshots.mkdir(parents=True, exist_ok=True)
                name = f"forced-colours-{site_page.type}-{width}px.png"
                page.screenshot(path=str(tools.screenshots / name), full_page=True)
            vanished: list[str] = page.evaluate("window.__loAudit.vanishedIcons()")
            page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
            page.keyboard.press("Tab")  # the page now knows the keyboard is in use
            stops: list[dict[str, Any]] = page.evaluate("n => window.__loAudit.focusOutlines(n)", FORCED_STOPS)
            if all(stop["focusVisible"] for stop in stops):
                findings += [_no_outline(stop["name"]) for stop in stops if not stop["outline"]]
            else:
                page.evaluate("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()")
                for state in walk(page, "Tab", FORCED_STOPS):
                    findings += seen(state, "Tab", forced=True)
        finally:
            page.emulate_media(forced_colors="none")
    findings += [
        Finding(f"The icon of {icon} vanishes in forced colours (drawn in the page's own colour).", ("1.4.11",))
        for icon in vanished
    ]
    return _limit(findings)


def _no_outline(name: str) -> Finding:
    return Finding(f"{name} shows no focus outline in forced colours (the shadow it uses is removed).", ("2.4.7",))


# ------------------------------------------------------------------------------------------------------------------
# Focus after actions that change the page: "Remove" on the shortlist, "Show more results" on search

LIVE = "[...document.querySelectorAll('[role=status], [aria-live]')].map(e => e.textContent.trim()).join(' | ')"


def _announced(page: Page, said: str) -> bool:
    """Whether a status message changes from `said` within a second (the site's scripts write theirs a moment
    after the change, so screen readers notice it)."""
    return comes_true(page, f"() => ({LIVE}) !== {json.dumps(said)}", 1000)
FOCUS_SPOT = """list => {
    const focus = document.activeElement;
    const items = [...document.querySelector(list).children];
    return { lost: !focus || focus === document.body, item: items.findIndex(li => li.contains(focus)),
             count: items.length, name: window.__loAudit.describe(focus) };
}"""


def _after_actions(open_page: Opener, site_page: SitePage, width: int, tools: Tools) -> list[Finding]:
    findings: list[Finding] = []
    with open_page(site_page, width) as page:
        if page.locator("[data-lo-shortlist-items] button.lo-remove").count():
            findings += _after_remove(page)
        if page.locator("[data-lo-more]").count():
            findings += _after_show_more(page)
        if page.locator("[data-lo-search] input[name=q]").count():
            findings += _after_chip(page)
    return findings


AGE_QUERY = "age 4"  # read as an age by any council's search (no record's words needed): a removable chip


def _after_chip(page: Page) -> list[Finding]:
    """Remove the age the search read from the words (its chip) with the keyboard: focus stays on the page."""
    box = page.locator("[data-lo-search] input[name=q]")
    box.fill(AGE_QUERY)
    box.press("Enter")
    wait_until(page, "() => !!document.querySelector('[data-lo-age-chip]')")
    page.locator("[data-lo-age-chip]").focus()
    page.keyboard.press("Enter")
    wait_until(page, "() => !document.querySelector('[data-lo-age-chip]')")
    done_changing(page)
    if page.evaluate("() => !document.activeElement || document.activeElement === document.body"):
        return [Finding("After removing the age chip from a search, focus is lost (on the page itself).", ("2.4.3",))]
    return []


def _after_remove(page: Page) -> list[Finding]:
    list_ = "[data-lo-shortlist-items]"
    said = page.evaluate(LIVE)
    page.locator(f"{list_} button.lo-remove").first.focus()
    page.keyboard.press("Enter")
    settle(page)
    spot: dict[str, Any] = page.evaluate(FOCUS_SPOT, list_)
    findings = []
    if spot["lost"]:
        findings.append(Finding("After Remove on the shortlist, focus is lost (on the page itself).", ("2.4.3",)))
    elif spot["count"] and spot["item"] != 0:
        findings.append(
            Finding(f"After Remove on the shortlist, focus is on {spot['name']}, not the next service.", ("2.4.3",))
        )
    if not _announced(page, said):
        findings.append(Finding("Remove on the shortlist is not announced (no status message changes).", ("4.1.3",)))
    return findings


def _after_show_more(page: Page) -> list[Finding]:
    list_, more = "[data-lo-results]", page.locator("[data-lo-more]")
    findings: list[Finding] = []
    for _ in range(50):
        if not more.is_visible():
            break
        before = page.evaluate(f"document.querySelector('{list_}').children.length")
        said = page.evaluate(LIVE)
        more.focus()
        page.keyboard.press("Enter")
        wait_until(page, f"() => document.querySelector('{list_}').children.length > {before}")
        done_changing(page)
        spot: dict[str, Any] = page.evaluate(FOCUS_SPOT, list_)
        if spot["lost"]:
            findings.append(Finding("After Show more results, focus is lost (on the page itself).", ("2.4.3",)))
        elif spot["item"] != before:
            findings.append(
                Finding(f"After Show more results, focus is on {spot['name']}, not the first new result.", ("2.4.3",))
            )
        if not _announced(page, said):
            findings.append(
                Finding("Show more results adds results without saying so (no status message changes).", ("4.1.3",))
            )
    return _limit(findings)


# ------------------------------------------------------------------------------------------------------------------
# Page structure: headings, and the current page in the navigation


def _structure(open_page: Opener, site_page: SitePage, width: int, tools: Tools) -> list[Finding]:
    with open_page(site_page, width) as page:
        headings: list[str] = page.evaluate("window.__loAudit.headings()")
        current: dict[str, Any] = page.evaluate("window.__loAudit.currentPage()")
    findings = [Finding(f"Headings: {h}.", ("1.3.1",)) for h in headings]
    findings += [Finding(f"Navigation: {p}.", ("1.3.1", "1.4.1")) for p in current["problems"]]
    return findings


# ------------------------------------------------------------------------------------------------------------------
# The accessibility tree: what a screen reader announces and what speech recognition software hears

# Roles a family acts on: each needs a name; a control Tab reaches needs one of them (or another real role).
NAMED_ROLES = {
    "link", "button", "checkbox", "radio", "textbox", "searchbox", "combobox", "listbox", "menuitem", "option",
    "switch", "tab", "slider", "spinbutton", "DisclosureTriangle",
}
NO_ROLE = {"generic", "none", "presentation", "StaticText", "InlineTextBox", "paragraph", "group", ""}


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.casefold()).split())


def _tree_nodes(page: Page) -> dict[int, dict[str, Any]]:
    """The browser's own accessibility tree (what it hands to screen readers), by the audit's mark on each control."""
    cdp = page.context.new_cdp_session(page)
    try:
        document = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    marks: dict[int, int] = {}
    pending = [document["root"]]
    while pending:
        node = pending.pop()
        attributes = node.get("attributes", [])
        for at in range(0, len(attributes) - 1, 2):
            if attributes[at] == "data-lo-ax":
                marks[node["backendNodeId"]] = int(attributes[at + 1])
        pending += node.get("children", []) + node.get("shadowRoots", [])
        if "contentDocument" in node:
            pending.append(node["contentDocument"])
    found: dict[int, dict[str, Any]] = {}
    for node in nodes:
        mark = marks.get(node.get("backendDOMNodeId", -1))
        if mark is not None:
            found[mark] = {
                "ignored": node.get("ignored", False),
                "role": (node.get("role") or {}).get("value", ""),
                "name": str((node.get("name") or {}).get("value", "")),
            }
    return found


def _accessibility_tree(open_page: Opener, site_page: SitePage, width: int, tools: Tools) -> list[Finding]:
    """Every control Tab reaches is in the tree with a role and a name; every named control's name includes the
    words shown on it (speech recognition users say what they see); no status message changes while a region
    around it is busy (a screen reader would never say it)."""
    findings: list[Finding] = []
    with open_page(site_page, width) as page:
        controls: list[dict[str, Any]] = page.evaluate("window.__loAudit.markControls()")
        tree = _tree_nodes(page)
        held_back: list[dict[str, str]] = page.evaluate("window.__loAudit.liveInBusy()")
    for mark, control in enumerate(controls):
        node = tree.get(mark)
        if node is None or node["ignored"]:
            if control["tabbable"]:
                hidden = f"Tab reaches {control['name']}, but screen readers are told it is not there (it is hidden)."
                findings.append(Finding(hidden, ("4.1.2",)))
            continue
        role, name = node["role"], " ".join(node["name"].split())
        if control["tabbable"] and role in NO_ROLE:
            findings.append(Finding(f"Tab reaches {control['name']}, which has no role a screen reader can announce.",
                                    ("4.1.2",)))
        elif role in NAMED_ROLES and not name and control["visible"]:
            findings.append(Finding(f"A {role.lower()} with no name for screen readers: {control['name']}.",
                                    ("4.1.2",)))
        shown = _words(control["text"])
        if role in NAMED_ROLES and name and shown and f" {shown} " not in f" {_words(name)} ":  # whole words
            findings.append(Finding(
                f'{control["name"]} is shown as "{control["text"][:60]}" but named "{name[:60]}" for assistive '
                "technology: saying what is shown does not reach it.", ("2.5.3",)))
    for held in held_back:
        findings.append(Finding(
            f"The status message {held['region']} changes inside {held['busy']}, which says it is busy: screen "
            "readers hold the message back.", ("4.1.3",)))
    return _limit(findings)


# ------------------------------------------------------------------------------------------------------------------
# The display settings every page offers: high contrast reaches 7:1, every combination of them still fits


# The colours high contrast should change: text, links, the header and the page itself.
COLOURS = """() => ['body', '#main-content a[href]', '.md-header', '#main-content p'].map(selector => {
    const element = document.querySelector(selector);
    const style = element && getComputedStyle(element);
    return style ? [style.color, style.backgroundColor] : null;
})"""


# Every setting the panel offers, read from its controls (a setting added later is tried without telling the audit).
DISPLAY_OPTIONS = """() => {
    const groups = {};
    for (const input of document.querySelectorAll("[data-lo-display] input[name]")) {
        if (input.type === "checkbox") groups[input.name] = [false, true];
        else (groups[input.name] ||= []).push(input.value);
    }
    return groups;
}"""


def _display_settings(open_page: Opener, site_page: SitePage, width: int, tools: Tools) -> list[Finding]:
    """On a wide screen: high contrast changes the colours and reaches 7:1, the largest text is at least 1.4 times
    the standard. On a phone: every combination of the settings (each text size with each font and contrast) keeps
    the page from scrolling sideways."""
    findings: list[Finding] = []
    # what is measured is where things end up: reduced motion, so a change of size or font is not waited out
    with open_page(site_page, width, reduced_motion=True) as page:
        if not page.locator("[data-lo-display] summary").is_visible():
            return [Finding("The text size and colours settings are not on the page.", ("1.4.4",))]
        groups: dict[str, list[Any]] = page.evaluate(DISPLAY_OPTIONS)
        if width == WIDE:
            findings += _contrast_and_size(page, tools)
        else:  # a phone: the narrowest screen, where a larger text or a wider font makes the page scroll sideways
            findings += _combinations(page, groups)
        # the settings put back as on a first visit (and forgotten), for the next check on the same load
        first_visit = {name: False if values == [False, True] else "standard" for name, values in groups.items()}
        page.evaluate(CHOOSE, first_visit)
        page.evaluate("() => localStorage.removeItem('lo-display')")
    return findings


def _contrast_and_size(page: Page, tools: Tools) -> list[Finding]:
    findings: list[Finding] = []
    colours_before = page.evaluate(COLOURS)
    page.locator("[data-lo-display] summary").click()
    page.locator("[data-lo-display] input[name=contrast][value=high]").check()
    settle(page)
    if page.evaluate(COLOURS) == colours_before:
        findings.append(Finding("The high contrast setting changes none of the page's colours.", ()))
    options = {"runOnly": {"type": "rule", "values": ["color-contrast-enhanced"]}, "resultTypes": ["violations"]}
    for v in run_axe(page, tools.axe_source, options):
        targets = ", ".join(" ".join(n["target"]) for n in v["nodes"][:3])
        findings.append(
            Finding(f"With high contrast on, {len(v['nodes'])} texts stay below 7:1 ({targets}).", ("1.4.6",))
        )
    before = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.locator("[data-lo-display] input[name=text][value=largest]").check()
    settle(page)
    after = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    page.keyboard.press("Escape")  # the panel closed again, as the combinations are tried without it
    settle(page)
    if after < before * 1.4:
        findings.append(
            Finding(f"The largest text size changes the text from {before:.0f} to {after:.0f} px only.", ("1.4.4",))
        )
    return findings


# Sets the panel's controls to one combination and tells each control it changed, as a press on it would; how far
# the page then scrolls sideways (read at once, the layout brought up to date by the reading; a page that scrolls is
# measured again once it has settled, so only what stays is reported).
CHOOSE = """async chosen => {
    for (const input of document.querySelectorAll("[data-lo-display] input[name]")) {
        const want = input.type === "checkbox" ? chosen[input.name] === true : chosen[input.name] === input.value;
        if (input.checked !== want) {
            input.checked = want;
            input.dispatchEvent(new Event("change", { bubbles: true }));
        }
    }
    if (window.__loAudit.overflow() === 0 && !window.__loAudit.moving()) return 0;
    await window.__loAudit.settle();
    return window.__loAudit.overflow();
}"""


def _combinations(page: Page, groups: dict[str, list[Any]]) -> list[Finding]:
    """Each combination chosen with the panel's own controls (closed again, so it is the page that is measured)."""
    findings: list[Finding] = []
    for values in product(*groups.values()):
        chosen = dict(zip(groups, values, strict=True))
        overflow: int = page.evaluate(CHOOSE, chosen)
        if overflow > 0:
            said = ", ".join(
                f"{name} {'on' if value is True else 'off' if value is False else value}"
                for name, value in chosen.items()
            )
            message = f"With the display settings {said}, the page scrolls sideways by {overflow} px."
            findings.append(Finding(message, ("1.4.4", "1.4.10")))
    return _limit(findings, 4)


# ------------------------------------------------------------------------------------------------------------------

WIDE, LAPTOP, PHONE = 1280, 1024, 320

# In the order they run on a page at one width: those that only read it first, then those that change it and put it
# back as it was (wider spacing, display settings, what opens), and last the one that leaves it changed (Remove, Show
# more): the page is loaded again only after a check that left it changed (generator/audit/run.py, `fingerprint`).
CHECKS = (
    Check(CheckInfo("axe", "axe-core rules for WCAG 2.2 levels A and AA", ()), (WIDE, PHONE), _axe),
    Check(
        CheckInfo(
            "structure",
            "one main heading, no heading level skipped, the current page marked in the menu",
            ("1.3.1", "1.4.1"),
        ),
        (WIDE,),
        _structure,
    ),
    Check(
        CheckInfo(
            "accessibility-tree",
            "what screen readers announce: every control named, with a role, its name including the words shown on "
            "it, and status messages never held back by a busy region",
            ("2.5.3", "4.1.2", "4.1.3"),
        ),
        (WIDE,),
        _accessibility_tree,
    ),
    Check(
        CheckInfo(
            "keyboard",
            "every control reached with Tab and Shift+Tab can be seen, on screen and not under the header",
            ("2.4.3", "2.4.7", "2.4.11"),
        ),
        (WIDE, LAPTOP, PHONE),
        _keyboard,
        cost=4,
    ),
    Check(
        CheckInfo(
            "forced-colours",
            "focus and icons still show in forced colours (Windows contrast themes)",
            ("1.4.11", "2.4.7"),
        ),
        (WIDE,),
        _forced_colours,
    ),
    Check(
        CheckInfo("text-spacing", "wider line, letter, word and paragraph spacing loses no text", ("1.4.12",)),
        (WIDE, PHONE),
        _text_spacing,
    ),
    Check(
        CheckInfo(
            "display-settings",
            "the high contrast setting reaches 7:1, and every text size with every font and contrast still fits",
            ("1.4.4", "1.4.6", "1.4.10"),
        ),
        (WIDE, PHONE),
        _display_settings,
    ),
    Check(
        CheckInfo(
            "disclosures",
            "everything that opens (menus, settings, folded sections, pop-ups) opens from the keyboard, stays on "
            "the screen and keeps focus in order; what covers the page closes with Escape or when left",
            ("1.4.10", "2.1.2", "2.4.3", "2.4.11", "4.1.2"),
        ),
        (WIDE, LAPTOP, PHONE),
        _disclosures,
        cost=4,
    ),
    Check(
        CheckInfo(
            "focus-after-actions",
            "focus and announcements after Remove (shortlist), Show more results and removing an age (search)",
            ("2.4.3", "4.1.3"),
        ),
        (WIDE,),
        _after_actions,
    ),
)
