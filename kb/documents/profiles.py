"""Source profiles: how a document's body becomes clauses, chosen by what the text looks like.

Profiles are tried in order; the first whose `detect` accepts the body parses it. A web scrape
with interleaved, repeated sentences and a law organised in 条 each need their own parser;
everything else is read as an official document (GB/T 9704 numbering, tables).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from kb.documents.articles import parse_articles
from kb.documents.law import looks_like_law
from kb.documents.scrape import looks_like_scrape, parse_scrape
from kb.documents.structure import parse_lines
from kb.model import Clause, Document

Body = list[tuple[int, str]]


@dataclass(frozen=True)
class Profile:
    """A kind of source: a test on its body and the parser for it."""

    name: str
    detect: Callable[[Body], bool]
    parse: Callable[[Document, Body], list[Clause]]


PROFILES: list[Profile] = [
    Profile("scraped-page", looks_like_scrape, parse_scrape),
    Profile("law", looks_like_law, parse_articles),
    Profile("official-document", lambda body: True, parse_lines),
]


def profile_for(body: Body) -> Profile:
    """The first profile that recognises the body."""
    return next(p for p in PROFILES if p.detect(body))
