"""Small rules about what pages say: languages once each, English only when the record names it."""

from __future__ import annotations

from generator.pages.wording import spoken_languages
from generator.records.model import Service


def _service(languages: list[str]) -> Service:
    return Service({"languages": languages}, "services/send/x.yaml")


def test_languages_are_listed_once_and_english_only_when_named() -> None:
    assert spoken_languages(_service(["English", "english "])) == ["English"]
    assert spoken_languages(_service(["Portuguese", "English", "Portuguese"])) == ["Portuguese", "English"]
    assert spoken_languages(_service(["British Sign Language"])) == ["British Sign Language"]
    assert spoken_languages(_service([])) == []
