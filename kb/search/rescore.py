"""Rescoring stages after fusion: each takes the fused candidates and returns them re-scored.

A stage is any object with `rescore(query, candidates) -> candidates`, registered in
`RESCORERS` by name and listed in the searcher's settings; a cross-encoder reranker would be
one more module and one more entry. `MetadataBoosts` is the first stage: it favours clauses
whose document, place, year or unit match what the question names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable, Protocol

from kb.model import Clause, Document
from kb.search.query import Query

if TYPE_CHECKING:
    from kb.search.searcher import Settings


@dataclass(frozen=True)
class Candidate:
    """One clause in the running for an answer, with its current score."""

    row: int
    clause: Clause
    doc: Document
    score: float


class Rescorer(Protocol):
    """Re-scores candidates; may reorder or drop them, never adds new ones."""

    def rescore(self, query: Query, candidates: list[Candidate]) -> list[Candidate]: ...


class MetadataBoosts:
    """Multiply a clause's score by 1 + the boosts it earns from what the question names."""

    def __init__(self, settings: "Settings", documents: list[Document]):
        self.settings = settings
        self.documents = documents

    def rescore(self, query: Query, candidates: list[Candidate]) -> list[Candidate]:
        named = {d.id for d in self.documents if any(alias in query.text for alias in d.aliases)}
        units = re.compile(r"\d\s*(?:万|亿)?余?(?:" + "|".join(map(re.escape, query.units)) + ")") if query.units else None
        return [replace(c, score=c.score * self._boost(c.clause, c.doc, query, named, units)) for c in candidates]

    def _boost(self, clause: Clause, doc: Document, query: Query, named_docs: set[str],
               units: re.Pattern | None) -> float:
        s, boost = self.settings, 1.0
        if clause.doc_id in named_docs:
            boost += s.doc_boost
        if query.districts and any(d == clause.label or d in clause.text or doc.scope == d for d in query.districts):
            boost += s.district_boost
        if not query.districts and doc.scope == "全市":
            boost += s.city_boost
        if units is not None and units.search(clause.text):
            boost += s.unit_boost
        if query.periods and any(p in clause.section for p in query.periods):
            boost += s.year_boost
        if query.years and (any(str(y) in clause.text for y in query.years) or doc.target_year in query.years):
            boost += s.year_boost
        return boost


RESCORERS: dict[str, Callable[["Settings", list[Document]], Rescorer]] = {"boosts": MetadataBoosts}
