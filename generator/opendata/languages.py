"""Language names as records write them and their codes: kept with the record model (generator.records.languages),
where pages name languages too; here for the open data's use."""

from __future__ import annotations

from generator.records.languages import LANGUAGE_CODES, language_code, language_name

__all__ = ["LANGUAGE_CODES", "language_code", "language_name"]
