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
from kb.search.legal import (LegalAsk, asks_permission, defined_terms, defines_asked, imposes_penalty,
                             other_version, pattern, reading)
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
    "penalty_unasked",  # the question does not, and the article imposes a penalty (it repeats the duty's words)
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
    "forbids_asked",  # the question asks whether something is allowed (能不能…) and the clause forbids (禁止, 不得)
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
    pool = _Pool(query, candidates[:CONTEXT])
    rows = [_row(c, rank, pool, query, ask, docs) for rank, c in enumerate(pool.candidates, start=1)]
    return np.asarray([[row[name] for name in FEATURES] for row in rows], dtype=np.float64)


class _Pool:
    """What the features of one candidate are relative to: the question's words and the other candidates."""

    def __init__(self, query: Query, candidates: list):
        self.candidates = candidates
        self.words = {w.upper() for w in tokenize(query.text) if len(w) > 1}
        self.expanded = {w.upper() for e in query.expansions for w in tokenize(e) if len(w) > 1} - self.words
        self.pairs = set(_HAN_PAIR.findall(query.text))
        self.asks = set(query.intents)
        self.permission = asks_permission(query.text)
        self.by_doc = Counter(c.doc.id for c in candidates)
        self.doc_best: dict[str, float] = {}
        self.section_best: dict[tuple[str, str], float] = {}
        for c in candidates:
            self.doc_best[c.doc.id] = max(self.doc_best.get(c.doc.id, 0.0), c.dense)
            key = (c.doc.id, c.clause.section)
            self.section_best[key] = max(self.section_best.get(key, 0.0), c.dense)
        self.dense_of = {c.clause.clause_id: c.dense for c in candidates}
        self.dense_rank = _ranks(candidates, lambda c: c.dense)
        self.bm25_rank = _ranks(candidates, lambda c: c.bm25)
        self.top_score = max(c.score for c in candidates)
        self.top_dense = max((c.dense for c in candidates), default=0.0)
        self.top_bm25 = max((c.bm25 for c in candidates), default=0.0) or 1.0


def _ranks(candidates: list, key) -> dict[int, int]:
    """Rank (from 1) of each candidate with a non-zero key, by object id."""
    return {id(c): r for r, c in enumerate(sorted((c for c in candidates if key(c)), key=lambda c: -key(c)), 1)}


def _row(c, rank: int, pool: _Pool, query: Query, ask: LegalAsk, docs: dict[str, Document]) -> dict[str, float]:
    clause, doc = c.clause, c.doc
    text, context = clause.text.upper(), (doc.title + " " + clause.section).upper()
    named = doc.id in ask.named
    cited = max((pool.dense_of.get(i, 0.0) for i in clause.links), default=0.0)
    return {
        "fused": math.log(max(c.score, 1e-9) / pool.top_score),
        "rank": 1.0 / rank,
        "dense": c.dense,
        "dense_gap": c.dense - pool.top_dense if c.dense else -1.0,
        "bm25": c.bm25 / pool.top_bm25,
        "cover": _share(pool.words, text),
        "cover_expanded": _share(pool.expanded, text),
        "cover_context": _share(pool.words, context),
        "bigrams": _share(pool.pairs, clause.text),
        "length": math.log1p(len(clause.text)),
        "penalty": float(ask.penalty and imposes_penalty(clause)),
        "penalty_unasked": float(not ask.penalty and imposes_penalty(clause)),
        "named": float(named),
        "article_no": float(named and ask.article is not None and clause.label == ask.article),
        "defines": float(ask.definition and defines_asked(query.text, defined_terms(clause.text))),
        "other_version": float(other_version(doc, ask, docs)),
        "doc_support": pool.by_doc[doc.id] / len(pool.candidates),
        "title_asked": _share(set(_HAN_PAIR.findall(doc.title)), query.text),
        "figure_asked": float("quantity" in pool.asks and bool(pattern("figure_text").search(clause.text))),
        "duty_asked": float("responsibility" in pool.asks
                            and (bool(pattern("duty_text").search(clause.text)) or bool(clause.fields))),
        "time_asked": float("deadline" in pool.asks and bool(pattern("time_text").search(clause.text))),
        "row": float(clause.kind in ("task_row", "indicator_row")),
        "dense_rank": 1.0 / pool.dense_rank[id(c)] if id(c) in pool.dense_rank else 0.0,
        "bm25_rank": 1.0 / pool.bm25_rank[id(c)] if id(c) in pool.bm25_rank else 0.0,
        "doc_dense": pool.doc_best[doc.id] - pool.top_dense,
        "section_dense": pool.section_best[(doc.id, clause.section)] - pool.top_dense,
        "cited_dense": cited,
        "penalty_cited": cited if ask.penalty else 0.0,
        "forbids_asked": float(pool.permission and bool(pattern("prohibition_text").search(clause.text))),
    }


class LearnedRanker:
    """Re-orders the first `depth` candidates by the learnt linear score; the rest follow, in order."""

    def __init__(self, settings: Settings, documents: list[Document]):
        self.documents = documents
        self.by_id = {d.id: d for d in documents}
        self.model = model()  # a stale weights file fails when the index loads, not on a query

    def suits(self, manifest: dict) -> bool:
        """The weights hold for the embedding model they were trained with (raw cosines are features)."""
        return manifest.get("model_id") == self.model.get("embedder")

    def rescore(self, query: Query, candidates: list) -> list:
        if not any(c.dense for c in candidates):
            return candidates  # keyword-only (no model, or the busy fallback): not what it was trained on
        m = self.model
        ordered = sorted(candidates, key=lambda c: -c.score)
        head, tail = ordered[:m["depth"]], ordered[m["depth"]:]
        x = features(query, ordered, reading(query, self.documents), self.by_id)[:len(head)]
        x = (x - m["mean"]) / m["scale"]
        learnt = 1.0 / (1.0 + np.exp(-(x @ np.asarray(m["weights"]))))
        # The head scores in (1, 2), above every tail score, which keeps its order in (0, 1).
        low = min((c.score for c in tail), default=0.0)
        high = max((c.score for c in tail), default=1.0)
        span = (high - low) or 1.0
        return ([replace(c, score=1.0 + float(s)) for c, s in zip(head, learnt)]
                + [replace(c, score=0.5 * (c.score - low) / span) for c in tail])
