"""The council's colours (extra.council.colours) held to WCAG 2.2 AA contrast: text on its background at least 4.5
to 1, measured the way WCAG defines it (relative luminance of sRGB colours)."""

from __future__ import annotations

from collections.abc import Mapping

# The theme's colours where the council gives none (pages/theme.py writes them as CSS)
DEFAULTS = {"primary": "#1d4f91", "primary_text": "#ffffff", "link": "#1d4f91", "focus": "#ffdd00"}
WHITE, NEAR_BLACK = "#ffffff", "#0b0c0c"  # the page's background; the text and edge drawn on the focus colour
TEXT = 4.5  # WCAG 2.2 AA, 1.4.3: normal-size text


def luminance(colour: str) -> float:
    """WCAG's relative luminance of '#rrggbb'."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(one: str, other: str) -> float:
    """The contrast ratio of two colours, from 1 (the same) to 21 (black and white)."""
    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# (the colour setting drawn on the other, the other: a setting or a fixed colour, what the pair is on the site)
PAIRS: tuple[tuple[str, str, str], ...] = (
    ("primary_text", "primary", "the header's and buttons' text on the primary colour"),
    ("link", WHITE, "links on the white page"),
    ("focus", NEAR_BLACK, "the skip link's dark text on the focus colour, and the focus outline beside its dark edge"),
)


def contrast_failures(given: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(setting to report on, message, hint) for every pair below 4.5 to 1, the council's colours over the defaults.
    A pair made only of defaults is not the council's to fix, and is never reported."""
    colours = {**DEFAULTS, **given}
    found = []
    for name, against, where in PAIRS:
        other = colours.get(against, against)
        ratio = contrast(colours[name], other)
        if ratio >= TEXT or not ({name, against} & set(given)):
            continue
        at = name if name in given else against

        def shown(setting: str, colour: str) -> str:
            if setting not in colours:
                return colour  # a fixed colour: the page's white, the focus edge
            return f"{setting} ({colour}{'' if setting in given else ', the default'})"

        ratio_text = f"{int(ratio * 100) / 100:.2f}"  # rounded down: 4.499 is not 4.5
        message = (
            f"{shown(name, colours[name])} against {shown(against, other)} has a contrast of {ratio_text} to 1,"
            f" under the {TEXT} to 1 that WCAG 2.2 AA needs for {where}."
        )
        found.append((at, message, _hint(name, other)))
    return found


def _hint(name: str, against: str) -> str:
    if name == "primary_text":
        best = WHITE if contrast(WHITE, against) >= contrast(NEAR_BLACK, against) else NEAR_BLACK
        return f"Use {best} for primary_text, or a {'darker' if best == WHITE else 'lighter'} primary colour."
    if name == "link":
        return "Choose a darker link colour (check it with a contrast checker such as WebAIM's)."
    return f"Choose a light focus colour, such as {DEFAULTS['focus']} (yellow, as on GOV.UK)."
