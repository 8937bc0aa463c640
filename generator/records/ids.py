"""Ids compared by what they mean, not how they are written: a UUID in any case, with or without braces, hyphens or
`urn:uuid:` is one UUID; and the id a service has in the Open Referral feed, made the same way everywhere."""

from __future__ import annotations

import uuid
from functools import lru_cache


def canonical_uuid(text: str) -> str | None:
    """The UUID `text` writes, in its one standard form (lower case, hyphens), or None when it is not one."""
    try:
        return str(uuid.UUID(text.strip()))
    except ValueError:
        return None


def feed_id(namespace: str, *parts: str) -> str:
    """The UUID of an object in the feed, from the council's namespace and what it is: ("service", record id)."""
    return str(uuid.uuid5(uuid.UUID(namespace), "/".join(parts)))


def service_feed_id(record_id: str, source_id: str | None, namespace: str) -> str:
    """A service's id in the feed: the id it had in the directory it was imported from when that is a UUID (so
    consumers of both see one service), else one made from the namespace and the record's id."""
    return (canonical_uuid(source_id) if source_id else None) or feed_id(namespace, "service", record_id)


def source_key(source_id: str) -> str:
    """What two `source_id`s are compared by: the UUID, or the text without case or surrounding spaces."""
    return canonical_uuid(source_id) or " ".join(source_id.split()).casefold()


@lru_cache(maxsize=65536)
def setting_service_feed_id(setting_id: str, namespace: str) -> str:
    """The id of the service a school or other setting is in the feed (the places it offers)."""
    return feed_id(namespace, f"setting/{setting_id}", "service")
