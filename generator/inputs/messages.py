"""Turn JSON Schema errors into messages a Local Offer coordinator can act on."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from jsonschema import ValidationError

from generator.inputs.characters import visible
from generator.inputs.load import Loaded, PathParts
from generator.inputs.problems import Problem, field_label

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "array": "a list (each item on its own line starting with '- ')",
    "object": "a group of fields (indented 'name: value' lines)",
    "boolean": "true or false",
    "null": "empty",
}


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    text = visible(str(value))
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
RESERVED_IDS = ("index",)  # index.md is the page listing every record of a kind


def is_id(text: str) -> bool:
    return bool(_ID.fullmatch(text)) and len(text) <= 80 and text not in RESERVED_IDS


# Latin letters NFKD does not take apart into a letter and an accent
_LATIN = str.maketrans({"æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE", "ß": "ss", "ł": "l", "Ł": "L",
                        "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ı": "i"})


def slug(text: str, fallback: str = "new-record") -> str:
    """A valid id made from any text: `My Service (North)` → `my-service-north`."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_LATIN)).encode("ascii", "ignore").decode("ascii")
    made = "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))[:80].strip("-")
    if made in RESERVED_IDS:
        made = f"{made}-page"
    return made or fallback


def proposed_id(data: object, taken: str = "") -> str:
    """A valid id for a record, from its name or title if it has one."""
    fields = data if isinstance(data, dict) else {}
    for name in ("name", "title", "source"):
        value = fields.get(name)
        if isinstance(value, str) and (made := slug(value, "")) and made != taken:
            return made
    return slug(taken) if slug(taken) != taken else f"{taken}-page"


def closest(word: str, choices: list[str]) -> str | None:
    found = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return found[0] if found else None


def problems_from_error(error: ValidationError, loaded: Loaded) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    kind = error.validator
    schema = error.schema if isinstance(error.schema, dict) else {}
    # Errors from a validator always carry these (the stubs also allow jsonschema's "unset" sentinel).
    instance: Any = error.instance
    expected: Any = error.validator_value
    line, col = loaded.where(path)

    def problem(message: str, hint: str = "", at: PathParts = path, pos: tuple[int, int] | None = None) -> Problem:
        ln, cl = pos or (line, col)
        return Problem(loaded.file, ln, cl, field_label(at), message, hint)

    if kind == "required":
        properties = schema.get("properties", {})
        for name in expected:  # one error per missing name: the caller drops repeats
            if isinstance(instance, dict) and name not in instance:
                about = properties.get(name, {}).get("description", "")
                yield problem("is missing.", f"Add a line '{name}: …'. {about}".strip(), (*path, name))
    elif kind == "additionalProperties" and isinstance(instance, dict):
        allowed = list(schema.get("properties", {}))
        unused = [name for name in allowed if name not in instance]  # suggesting a field already there would clash
        for key in instance:
            if key in allowed:
                continue
            guess = closest(key, unused)
            hint = f"Did you mean '{guess}'?" if guess else f"Fields allowed here: {', '.join(allowed)}."
            yield problem(f"'{key}' is not a field we know.", hint, (*path, key), loaded.key_where((*path, key)))
    elif kind == "enum":
        options = [str(o) for o in expected]
        guess = closest(str(instance), options)
        hint = (f"Did you mean '{guess}'? " if guess else "") + f"Write one of: {', '.join(options)}."
        yield problem(f"{describe(instance)} is not one of the allowed values.", hint)
    elif kind == "type":
        yield _type_problem(error, loaded, problem)
    elif kind in ("minimum", "maximum"):
        bound = "below the allowed minimum" if kind == "minimum" else "above the allowed maximum"
        extra = f" ({schema['x-hint']})" if "x-hint" in schema else ""
        yield problem(f"{instance} is {bound} {expected}{extra}.")
    elif kind == "minLength":
        if expected <= 1:
            yield problem("is empty.", _about(schema))
        else:
            yield problem(f"is too short ({len(instance)} characters); write at least {expected}.")
    elif kind == "maxLength":
        yield problem(f"is {len(instance)} characters long; the limit is {expected}.", "Shorten it.")
    elif kind == "pattern":
        hint = _capital(schema.get("x-hint", "check the example in the field's description")) + "."
        if path == ("id",) and isinstance(instance, str):
            hint += f" Here that could be '{slug(instance)}'."
        yield problem(f"{describe(instance)} is not written the way we need.", hint)
    elif kind == "not" and path == ("id",):
        better = proposed_id(loaded.data, str(instance))
        hint = f"Choose another id, for example '{better}', and name the file {better}.yaml."
        yield problem(f"{describe(instance)} cannot be an id: it is the name of the page listing them all.", hint)
    elif kind == "format":
        cause = str(error.cause) if error.cause else error.message
        hint = _capital(schema["x-hint"]) + "." if "x-hint" in schema else ""
        yield problem(f"{cause}.", hint)
    elif kind == "minItems":
        yield problem("needs at least one item.", _about(schema))
    elif kind == "maxItems" and isinstance(instance, list):
        yield problem(f"has {len(instance)} items; the limit is {expected}.", "Keep the ones that matter most.")
    elif kind == "uniqueItems":
        yield problem("lists the same item more than once.", "Remove the repeated item.")
    elif kind == "minProperties":
        names = ", ".join(schema.get("properties", {}))
        yield problem("is empty.", f"Give at least one of: {names}.")
    else:
        yield problem(error.message[:200] + ".")


def _type_problem(error: ValidationError, loaded: Loaded, problem: Callable[[str, str], Problem]) -> Problem:
    path = tuple(error.absolute_path)
    expected: Any = error.validator_value
    wanted: list[str] = expected if isinstance(expected, list) else [expected]
    words = " or ".join(_TYPE_WORDS.get(w, w) for w in wanted)
    raw = loaded.unquoted.get(path)
    hint = ""
    if "string" in wanted and raw is not None:
        hint = f'YAML read {raw} as {describe(error.instance)}: put it in quotes, like "{raw}".'
    elif "string" in wanted:
        hint = "Put the value in quotes."
    elif "array" in wanted:
        hint = "Write each item on its own line, starting with '- '."
    elif "integer" in wanted and isinstance(error.instance, float) and error.instance.is_integer():
        hint = f"Write {int(error.instance)}, without the decimal point."
    return problem(f"should be {words}, not {describe(error.instance)}.", hint)


def _about(schema: Mapping[str, Any]) -> str:
    description: str = schema.get("description", "")
    return description


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
