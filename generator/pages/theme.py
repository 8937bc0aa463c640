"""The council's colours as CSS custom properties for the Material theme."""

from __future__ import annotations

from generator.inputs.contrast import DEFAULTS


def council_css(colours: dict[str, str]) -> bytes:
    c = {**DEFAULTS, **colours}  # checked against the settings schema and for contrast (inputs/contrast.py)
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
