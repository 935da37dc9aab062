"""A learned reranking stage: a linear model over features any clause of any document has.

Fusion sees ranks; this stage sees what ranks hide: how close the dense scores are, how much of
the question's wording a clause (or its title and headings) actually contains, whether the clause
is an article that imposes a penalty or defines the asked term, and the score fusion and the
boosts gave it. The weights are data (kb/data/ranker.json), learnt by eval/train_ranker.py from
the gold sets' dev questions (never a held-out set) as a pairwise logistic regression: gold clause
above the other candidates of its question. A model file that names other features than these is
refused at load, so code and weights cannot drift apart silently.
"""
from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from importlib import resources

import numpy as np

from kb.errors import IndexError_
from kb.index.keyword import tokenize
from kb.model import Document
from kb.search.legal import (LegalAsk, defined_terms, defines_asked, imposes_penalty, other_version, pattern,
                             read_question)
from kb.search.query import Query
from kb.search.settings import Settings

FEATURES = (
    "fused",  # log of the fused and boosted score over the best candidate's
    "rank",  # 1 / rank after fusion and boosts
    "dense",  # cosine of the closest vector of the clause (0 when not among the dense neighbours)
    "dense_gap",  # that cosine minus the best candidate's
    "bm25",  # BM25 over the best candidate's
    "cover",  # share of the question's words found in the clause
    "cover_expanded",  # share of its synonyms and legal terms found in the clause
    "cover_context",  # share of the question's words found in the document title and headings
    "bigrams",  # share of the question's character pairs found in the clause
    "length",  # log of the clause length in characters
    "penalty",  # the question asks about consequences and the article imposes a penalty
    "named",  # the question names the clause's act
    "article_no",  # … and the clause is the article it asks for
    "defines",  # the clause defines the term the question asks about
    "other_version",  # the clause's document is not the version wanted (amended, or not in force in the year asked)
    "doc_support",  # share of the first candidates that come from the clause's document
    "title_asked",  # share of the document title's character pairs found in the question
    "figure_asked",  # the question asks for a quantity and the clause states a figure
    "duty_asked",  # the question asks who is responsible and the clause names a department or a 牵头 field
    "time_asked",  # the question asks for a deadline and the clause states a date or a number of days
    "row",  # the clause is a table row (task or indicator)
    "dense_rank",  # 1 / rank among the dense neighbours
    "bm25_rank",  # 1 / rank by BM25
    "doc_dense",  # the best cosine among candidates of the same document, minus the best overall
    "section_dense",  # the same within its chapter or section
    "cited_dense",  # the best cosine among the candidate articles this clause cites ("违反本条例第X条")
    "penalty_cited",  # … when the question asks about consequences
)

CONTEXT = 40  # candidates the relative features are computed over
_HAN_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")


def _read_model() -> dict:
    return json.loads((resources.files("kb") / "data" / "ranker.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def model() -> dict:
    """The trained weights (kb/data/ranker.json), checked against the features computed here."""
    data = _read_model()
    retrain = "retrain it: python eval/train_ranker.py --write"
    if tuple(data["features"]) != FEATURES:
        raise IndexError_(f"kb/data/ranker.json was trained on other features than kb.search.rerank.FEATURES; {retrain}")
    if not len(data["weights"]) == len(data["mean"]) == len(data["scale"]) == len(FEATURES):
        raise IndexError_(f"kb/data/ranker.json has {len(data['weights'])} weights for {len(FEATURES)} features; {retrain}")
    if not 1 <= data["depth"] <= CONTEXT:
        raise IndexError_(f"kb/data/ranker.json reranks {data['depth']} candidates; at most {CONTEXT}; {retrain}")
    return data


def _share(words: set[str], text: str) -> float:
    return sum(w in text for w in words) / len(words) if words else 0.0


def features(query: Query, candidates: list, ask: LegalAsk, docs: dict[str, Document]) -> np.ndarray:
    """One row for each of the first CONTEXT candidates (given best first), columns as FEATURES.
    What is relative (ranks, shares, gaps) is taken over those CONTEXT candidates whatever the
    depth reranked, so training and serving compute every row alike."""
    candidates = candidates[:CONTEXT]
    linked_dense = {c.clause.clause_id: c.dense for c in candidates}
    words = {w for w in tokenize(query.text) if len(w) > 1}
    expanded = {w for e in query.expansions for w in tokenize(e) if len(w) > 1} - words
    pairs = set(_HAN_PAIR.findall(query.text))
    asks = set(query.intents)
    by_doc = Counter(c.doc.id for c in candidates)
    doc_best, section_best = {}, {}
    for c in candidates:
        doc_best[c.doc.id] = max(doc_best.get(c.doc.id, 0.0), c.dense)
        key = (c.doc.id, c.clause.section)
        section_best[key] = max(section_best.get(key, 0.0), c.dense)
    dense_rank = {id(c): r for r, c in enumerate(sorted((c for c in candidates if c.dense), key=lambda c: -c.dense), 1)}
    bm25_rank = {id(c): r for r, c in enumerate(sorted((c for c in candidates if c.bm25), key=lambda c: -c.bm25), 1)}
    top_score = max(c.score for c in candidates)
    top_dense = max((c.dense for c in candidates), default=0.0)
    top_bm25 = max((c.bm25 for c in candidates), default=0.0) or 1.0
    rows = []
    for rank, c in enumerate(candidates, start=1):
        clause, doc = c.clause, c.doc
        text = clause.text.upper()
        context = (doc.title + " " + clause.section).upper()
        named = doc.id in ask.named
        rows.append((
            math.log(max(c.score, 1e-9) / top_score),
            1.0 / rank,
            c.dense,
            c.dense - top_dense if c.dense else -1.0,
            c.bm25 / top_bm25,
            _share({w.upper() for w in words}, text),
            _share({w.upper() for w in expanded}, text),
            _share({w.upper() for w in words}, context),
            _share(pairs, clause.text),
            math.log1p(len(clause.text)),
            float(ask.penalty and imposes_penalty(clause)),
            float(named),
            float(named and ask.article is not None and clause.label == ask.article),
            float(ask.definition and defines_asked(query.text, defined_terms(clause.text))),
            float(other_version(doc, ask, docs)),
            by_doc[doc.id] / len(candidates),
            _share(set(_HAN_PAIR.findall(doc.title)), query.text),
            float("quantity" in asks and bool(pattern("figure_text").search(clause.text))),
            float("responsibility" in asks and (bool(pattern("duty_text").search(clause.text)) or bool(clause.fields))),
            float("deadline" in asks and bool(pattern("time_text").search(clause.text))),
            float(clause.kind in ("task_row", "indicator_row")),
            1.0 / dense_rank[id(c)] if id(c) in dense_rank else 0.0,
            1.0 / bm25_rank[id(c)] if id(c) in bm25_rank else 0.0,
            doc_best[doc.id] - top_dense,
            section_best[(doc.id, clause.section)] - top_dense,
            (cited := max((linked_dense.get(i, 0.0) for i in clause.links), default=0.0)),
            cited if ask.penalty else 0.0,
        ))
    return np.asarray(rows, dtype=np.float64)


class LearnedRanker:
    """Re-orders the first `depth` candidates by the learnt linear score; the rest follow, in order."""

    def __init__(self, settings: Settings, documents: list[Document]):
        self.documents = documents
        self.by_id = {d.id: d for d in documents}
        self.model = model()  # a stale weights file fails when the index loads, not on a query

    def rescore(self, query: Query, candidates: list) -> list:
        if not any(c.dense for c in candidates):
            return candidates  # keyword-only (no model, or the busy fallback): not what it was trained on
        m = self.model
        ordered = sorted(candidates, key=lambda c: -c.score)
        head, tail = ordered[:m["depth"]], ordered[m["depth"]:]
        x = features(query, ordered, read_question(query.text, self.documents), self.by_id)[:len(head)]
        x = (x - m["mean"]) / m["scale"]
        learnt = 1.0 / (1.0 + np.exp(-(x @ np.asarray(m["weights"]))))
        # The head scores in (1, 2), above every tail score, which keeps its order in (0, 1).
        low = min((c.score for c in tail), default=0.0)
        high = max((c.score for c in tail), default=1.0)
        span = (high - low) or 1.0
        return ([replace(c, score=1.0 + float(s)) for c, s in zip(head, learnt)]
                + [replace(c, score=0.5 * (c.score - low) / span) for c in tail])
