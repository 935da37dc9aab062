"""Rescoring stages after fusion: each takes the fused candidates and returns them re-scored.

A stage is any object with `rescore(query, candidates) -> candidates`, registered in
`RESCORERS` by name and listed in the searcher's settings; a cross-encoder reranker would be
one more module and one more entry. `MetadataBoosts` is the first stage: it favours clauses
whose document, place, year or unit match what the question names.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable, Protocol

from kb import vocab
from kb.model import Clause, Document
from kb.search.legal import (LegalAsk, defined_terms, defines_asked, imposes_penalty, other_version, pattern,
                             reading)
from kb.search.query import Query
from kb.search.rerank import LearnedRanker
from kb.search.settings import Settings


@dataclass(frozen=True)
class Candidate:
    """One clause in the running for an answer, with its current score."""

    row: int
    clause: Clause
    doc: Document
    score: float
    dense: float = 0.0  # cosine of its closest vector, 0 when not among the dense neighbours
    bm25: float = 0.0


class Rescorer(Protocol):
    """Re-scores candidates; may reorder or drop them, never adds new ones."""

    def rescore(self, query: Query, candidates: list[Candidate]) -> list[Candidate]: ...


class MetadataBoosts:
    """Multiply a clause's score by 1 + the boosts it earns from what the question names."""

    def __init__(self, settings: Settings, documents: list[Document]):
        self.settings = settings
        self.documents = documents

    def rescore(self, query: Query, candidates: list[Candidate]) -> list[Candidate]:
        named = {d.id for d in self.documents if vocab.names_document(query.text, d.names, d.scope)}
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


class LegalBoosts:
    """What laws need: the law the question names (that version when it gives a year), the article
    it asks for, articles that impose penalties for questions about consequences, the article that
    defines the term a question asks about, the article giving the date an act takes effect, and
    the version in force (the current one, or the one in force in the year the question gives)."""

    def __init__(self, settings: Settings, documents: list[Document]):
        self.settings = settings
        self.documents = documents
        self.by_id = {d.id: d for d in documents}

    def rescore(self, query: Query, candidates: list[Candidate]) -> list[Candidate]:
        ask = reading(query, self.documents)
        return [replace(c, score=c.score * self._boost(c, ask, query.text)) for c in candidates]

    def _boost(self, c: Candidate, ask: LegalAsk, question: str) -> float:
        s, boost = self.settings, 1.0
        if ask.definition and defines_asked(question, defined_terms(c.clause.text)):
            boost += s.definition_boost
        named = c.doc.id in ask.named
        if ask.effective and named and c.clause.kind == "article" and pattern("effective_text").search(c.clause.text):
            boost += s.effective_boost
        if named:
            boost += s.law_boost
        if ask.article and c.clause.label == ask.article:
            boost += s.article_boost if named or not ask.named else 0.0
        if ask.penalty and imposes_penalty(c.clause):
            boost += s.penalty_boost
        if other_version(c.doc, ask, self.by_id):  # "2022年按当时的停车条例": the version then in force
            boost *= s.amended_factor
        return boost


class AskedArticle:
    """A question naming an act and an article (2023年修订前的海洋环境保护法第八十八条) is a lookup: that
    article of that act, in the version wanted, goes first whatever the learnt ranker made of it. Runs
    after the ranker, which weighs the article number and the version among other evidence."""

    def __init__(self, settings: Settings, documents: list[Document]):
        self.documents = documents
        self.by_id = {d.id: d for d in documents}

    def rescore(self, query: Query, candidates: list[Candidate]) -> list[Candidate]:
        ask = reading(query, self.documents)
        if not candidates or not ask.article or not ask.named:
            return candidates
        asked = [c for c in candidates if c.doc.id in ask.named and c.clause.label == ask.article
                 and not other_version(c.doc, ask, self.by_id)]
        if not asked:
            return candidates
        first = max(asked, key=lambda c: c.score)
        top = max(c.score for c in candidates)
        return [replace(c, score=top + abs(top) * 1e-6 + 1e-9) if c is first else c for c in candidates]


CITING_DEPTH = 10  # how far down the penalty article citing the first clause may be


class PenaltyArticle:
    """A question about consequences whose first clause is the rule broken, not its penalty: the
    article that punishes breaking it ("违反本办法第十八条规定，…处七万元以上十万元以下的罚款") goes
    first, since laws that put penalties in a chapter of their own state the rule and the penalty
    apart. Runs last: it reorders only the first place, by the citations the text itself makes."""

    def __init__(self, settings: Settings, documents: list[Document]):
        self.documents = documents

    def rescore(self, query: Query, candidates: list[Candidate]) -> list[Candidate]:
        if not candidates or not reading(query, self.documents).penalty:
            return candidates
        ordered = sorted(candidates, key=lambda c: -c.score)
        top = ordered[0]
        if imposes_penalty(top.clause):
            return candidates
        citing = next((c for c in ordered[1:CITING_DEPTH]
                       if imposes_penalty(c.clause) and top.clause.clause_id in c.clause.links), None)
        if citing is None:
            return candidates
        return [replace(c, score=top.score + abs(top.score) * 1e-6 + 1e-9) if c is citing else c for c in candidates]


RESCORERS: dict[str, Callable[[Settings, list[Document]], Rescorer]] = {
    "boosts": MetadataBoosts, "legal": LegalBoosts, "ranker": LearnedRanker, "asked_article": AskedArticle,
    "penalty_article": PenaltyArticle}
