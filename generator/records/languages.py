"""Languages a page may be translated into: the code used in addresses (/pl/), the language's name in English and in
itself (for the language switcher, which names each language in its own words), and its writing direction."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # BCP 47, as in <html lang> and hreflang: pl, pt, ar
    english: str  # Polish
    own: str  # polski
    rtl: bool = False

    @property
    def direction(self) -> str:
        return "rtl" if self.rtl else "ltr"


ENGLISH = Language("en", "English", "English")

# The languages most spoken by families in English councils after English (school census, ONS 2021). A council can
# translate into any of them; a code not here is refused with the list (a wrong code would publish a wrong lang).
LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("ar", "Arabic", "العربية", rtl=True),
        Language("bn", "Bengali", "বাংলা"),
        Language("cy", "Welsh", "Cymraeg"),
        Language("es", "Spanish", "español"),
        Language("fa", "Persian", "فارسی", rtl=True),
        Language("fr", "French", "français"),
        Language("gu", "Gujarati", "ગુજરાતી"),
        Language("it", "Italian", "italiano"),
        Language("lt", "Lithuanian", "lietuvių"),
        Language("pa", "Punjabi", "ਪੰਜਾਬੀ"),
        Language("pl", "Polish", "polski"),
        Language("ps", "Pashto", "پښتو", rtl=True),
        Language("pt", "Portuguese", "português"),
        Language("ro", "Romanian", "română"),
        Language("so", "Somali", "Soomaali"),
        Language("ta", "Tamil", "தமிழ்"),
        Language("ti", "Tigrinya", "ትግርኛ"),
        Language("tr", "Turkish", "Türkçe"),
        Language("tw", "Twi", "Twi"),
        Language("uk", "Ukrainian", "українська"),
        Language("ur", "Urdu", "اردو", rtl=True),
        Language("yo", "Yoruba", "Yorùbá"),
        Language("zh", "Chinese", "中文"),
    )
}


def language(code: str) -> Language:
    return ENGLISH if code == "en" else LANGUAGES[code]


# Language names as records write them, and their codes (ISO 639-1, or ISO 639-3 where there is no two-letter
# code, as HSDS 3.0 asks): the languages most spoken in England after English (2021 Census), and sign languages.
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


# Each spoken language's name in its own words, for the languages records name that are not among the translation
# languages above (those carry their own). Sign languages and Makaton have no written name of their own: they are
# named in English only.
OWN_NAMES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("am", "Amharic", "አማርኛ"),
        Language("bg", "Bulgarian", "български"),
        Language("cmn", "Mandarin", "普通话"),
        Language("cs", "Czech", "čeština"),
        Language("de", "German", "Deutsch"),
        Language("el", "Greek", "Ελληνικά"),
        Language("hi", "Hindi", "हिन्दी"),
        Language("hu", "Hungarian", "magyar"),
        Language("ku", "Kurdish", "Kurdî"),
        Language("lv", "Latvian", "latviešu"),
        Language("ml", "Malayalam", "മലയാളം"),
        Language("ne", "Nepali", "नेपाली"),
        Language("prs", "Dari", "دری", rtl=True),
        Language("ru", "Russian", "русский"),
        Language("sk", "Slovak", "slovenčina"),
        Language("sq", "Albanian", "shqip"),
        Language("sw", "Swahili", "Kiswahili"),
        Language("tl", "Tagalog", "Tagalog"),
        Language("vi", "Vietnamese", "Tiếng Việt"),
        Language("yue", "Cantonese", "粵語"),
    )
}
SIGN_LANGUAGES = frozenset({"bfi", "isg"})


def spoken(name: str) -> tuple[str, Language | None]:
    """A language as a record names it: (a key that groups spellings of one language, the language with its own
    name and code where it is known and written; None for a sign language or one not in the tables)."""
    code = language_code(name)
    if not code:
        return " ".join(name.casefold().split()), None
    if code in SIGN_LANGUAGES:
        return code, None
    return code, LANGUAGES.get(code) or OWN_NAMES.get(code) or Language(code, language_name(code), language_name(code))


def anchor_of(key: str) -> str:
    """The anchor of a language's section on the "Help in your language" page, from its key (see `spoken`)."""
    return "lang-" + "".join(c if c.isalnum() else "-" for c in key)


def spoken_filter(name: str) -> tuple[str, str]:
    """A language a record names, as search filters and links use it: (its English name, its section's anchor),
    one for every spelling of a language ("Farsi" and "Persian" are both Persian)."""
    key, lang = spoken(name)
    english = lang.english if lang else language_name(key) or " ".join(name.split())
    return english, anchor_of(key)
