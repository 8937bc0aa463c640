"""Language names as records write them, and their codes (ISO 639-1, or ISO 639-3 where there is no two-letter
code, as HSDS 3.0 asks): the languages most spoken in England after English (2021 Census), and sign languages."""

from __future__ import annotations

LANGUAGE_CODES = {
    "English": "en",
    "Albanian": "sq",
    "Amharic": "am",
    "Arabic": "ar",
    "Bengali": "bn",
    "British Sign Language": "bfi",
    "Bulgarian": "bg",
    "Cantonese": "yue",
    "Chinese": "zh",
    "Czech": "cs",
    "Dari": "prs",
    "Farsi": "fa",
    "French": "fr",
    "German": "de",
    "Greek": "el",
    "Gujarati": "gu",
    "Hindi": "hi",
    "Hungarian": "hu",
    "Irish Sign Language": "isg",
    "Italian": "it",
    "Kurdish": "ku",
    "Latvian": "lv",
    "Lithuanian": "lt",
    "Makaton": "",
    "Malayalam": "ml",
    "Mandarin": "cmn",
    "Nepali": "ne",
    "Pashto": "ps",
    "Persian": "fa",
    "Polish": "pl",
    "Portuguese": "pt",
    "Punjabi": "pa",
    "Romanian": "ro",
    "Russian": "ru",
    "Slovak": "sk",
    "Somali": "so",
    "Spanish": "es",
    "Swahili": "sw",
    "Tagalog": "tl",
    "Tamil": "ta",
    "Tigrinya": "ti",
    "Turkish": "tr",
    "Twi": "tw",
    "Ukrainian": "uk",
    "Urdu": "ur",
    "Vietnamese": "vi",
    "Welsh": "cy",
    "Yoruba": "yo",
}
_BY_NAME = {name.casefold(): code for name, code in LANGUAGE_CODES.items()}
_BY_CODE = {code: name for name, code in reversed(LANGUAGE_CODES.items()) if code}


def language_code(name: str) -> str:
    """The code of a language name ("" when it is not one we know)."""
    return _BY_NAME.get(" ".join(name.casefold().split()), "")


def language_name(code: str) -> str:
    """The name of a language code ("" when it is not one we know)."""
    return _BY_CODE.get(code.strip().lower(), "")
