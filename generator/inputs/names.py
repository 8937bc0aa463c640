"""Names that work on every disk: a file or folder name of the council's folder is refused when Windows cannot check
it out (device names such as con or aux, characters such as : or ?, a trailing dot or space), when it has no name
before its ending, or when its letters mix alphabets that look alike (a Cyrillic 'а' in 'аbout.md' makes a second
/about/). Names that differ only in capitals or in how an accent is stored are the same name on Windows and macOS:
`same_name` is how every comparison of names and paths is made."""

from __future__ import annotations

import unicodedata

# Files Windows and macOS make by themselves in any folder a coordinator opens: never records or pages, never reported
SYSTEM_FILES = frozenset({"desktop.ini", "thumbs.db", "ehthumbs.db", "ehthumbs_vista.db", "folder.jpg"})
# names with nothing before their ending: a dot-file to the computer, a record or page with no name to a person
EMPTY_NAMES = frozenset({".yaml", ".yml", ".md"})

_DEVICES = frozenset(
    {"con", "prn", "aux", "nul", "conin$", "conout$"}
    | {f"{port}{n}" for port in ("com", "lpt") for n in [*"123456789", "¹", "²", "³"]}
)
_NOT_ON_WINDOWS = frozenset('<>:"|?*\\/')
# letters of other alphabets drawn like Latin ones (Unicode's confusables for the Latin letters a–z)
_LOOKALIKES = frozenset(
    "аеіјорсуххѕԁһӏԛԝүһвкмнтАВЕЅІЈКМНОРСТХУӀԚԜ"  # Cyrillic
    "αεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧϲϳ"  # Greek
    "ꓮꓐꓚꓓꓰꓝꓖꓧꓲꓗꓡꓟꓠꓳꓑꓣꓢꓔꓴꓦꓪꓫꓬꓜ"  # Lisu
    "ᎪᏴᏟᎠᎬᎻᏆᏦᏞᎷᏃᎢᏙᏔᏚ"  # Cherokee
)


def fold(name: str) -> str:
    """A name as a case-insensitive, normalising file system sees it (Windows, macOS): About.md is about.md, and an
    accent stored as one character or as a letter and a mark is one name."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFKC", name).casefold())


def same_name(a: str, b: str) -> bool:
    return fold(a) == fold(b)


def _script(char: str) -> str:
    try:
        return unicodedata.name(char).split(" ", 1)[0]
    except ValueError:
        return "?"


def name_problem(name: str) -> str | None:
    """Why one file or folder name would break on some computer or mislead a reader, or None."""
    stem = name.split(".", 1)[0]
    if not name.strip() or not stem.strip(" "):
        return "has no name before its ending."
    bad = sorted({c for c in name if c in _NOT_ON_WINDOWS or unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")})
    if bad:
        shown = ", ".join(repr(c) if c.isprintable() else f"U+{ord(c):04X}" for c in bad)
        return f"has {shown} in its name, which Windows cannot store in a file name (or which cannot be seen)."
    if name.endswith((".", " ")) or name.startswith(" "):
        return "starts or ends with a space or ends with a dot, which Windows removes (it becomes another file)."
    if stem.strip().casefold() in _DEVICES:
        return (
            f"is named '{stem}', a name Windows keeps for a device (con, prn, aux, nul, com1–9, lpt1–9), with any "
            "ending: the file cannot be checked out or opened on Windows."
        )
    base = name.rsplit(".", 1)[0] if "." in name.strip(".") else name  # about.md: the .md is Latin in every name
    letters = [c for c in unicodedata.normalize("NFC", base) if c.isalpha()]
    scripts = {_script(c) for c in letters} - {"?"}
    foreign = [c for c in letters if c in _LOOKALIKES]
    if foreign and ("LATIN" in scripts or all(c.isascii() or c in _LOOKALIKES for c in letters)):
        shown = ", ".join(f"'{c}' ({_script(c).title()})" for c in dict.fromkeys(foreign))
        return f"has letters of another alphabet that look like Latin ones: {shown}, so it looks like another name."
    return None
