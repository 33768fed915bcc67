"""Stable concept ids for user-added entries (a hash of the preferred zh and en terms)."""

from __future__ import annotations

import hashlib

from untm.glossary.normalize import norm_key


def concept_id_for(zh: str, en: str) -> str:
    """`u-` + 12 hex digits of SHA-1 over the normalized preferred terms: same pair, same id."""
    digest = hashlib.sha1(f"{norm_key(zh)}\t{norm_key(en)}".encode()).hexdigest()
    return f"u-{digest[:12]}"
