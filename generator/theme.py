"""The council's colours as CSS custom properties for the Material theme."""

from __future__ import annotations

import re

from .problems import Problem

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
DEFAULTS = {"primary": "#1d4f91", "primary_text": "#ffffff", "link": "#1d4f91", "focus": "#ffdd00"}


def colour_problems(colours: dict[str, str], config_name: str) -> list[Problem]:
    return [
        Problem(
            config_name,
            1,
            1,
            f"extra › council › colours › {name}",
            f"'{value}' is not a colour we can use.",
            'Write it as # and six hexadecimal digits, for example "#1d4f91".',
        )
        for name, value in colours.items()
        if name not in DEFAULTS or not _HEX.match(value)
    ]


def council_css(colours: dict[str, str]) -> bytes:
    c = {**DEFAULTS, **{k: v for k, v in colours.items() if k in DEFAULTS and _HEX.match(v)}}
    return (
        ":root, [data-md-color-scheme=default] {\n"
        f"  --md-primary-fg-color: {c['primary']};\n"
        f"  --md-primary-fg-color--light: {c['primary']};\n"
        f"  --md-primary-fg-color--dark: {c['primary']};\n"
        f"  --md-primary-bg-color: {c['primary_text']};\n"
        f"  --md-typeset-a-color: {c['link']};\n"
        f"  --md-accent-fg-color: {c['link']};\n"
        f"  --lo-focus: {c['focus']};\n"
        "}\n"
    ).encode()
