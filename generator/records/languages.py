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
