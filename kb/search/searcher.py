"""Hybrid retrieval: BM25 and dense rankings fused by RRF, boosted by what the question names."""
from __future__ import annotations

import logging
import re
from functools import lru_cache
from dataclasses import dataclass, field, fields
from typing import NamedTuple

import numpy as np

from kb.index.embedders import Embedder
from kb.search.encoder import QueryEncoder
from kb import vocab
from kb.errors import QueryError
from kb.search.fusion import rrf
from kb.index.store import LoadedIndex
from kb.index.keyword import tokenize
from kb.model import PART_SEP, Document, part_owner
from kb.search.query import Query, analyse
from kb.search.rescore import RESCORERS, Candidate
from kb.search.settings import Settings

log = logging.getLogger(__name__)
MODES = ("hybrid", "bm25", "dense")
BUSY_NOTICE = ("服务繁忙：本次只用了关键词检索（语义检索未能及时完成），结果可能不如平时全面，稍后重试可得完整结果。"
               "Busy: these results are keyword-only; retry later for hybrid results.")
MAX_K = 100
CANDIDATES = 100
PART_FANOUT = 4  # dense neighbours fetched per candidate clause: parts of one clause crowd the list


@dataclass
class Filters:
    """Explicit restrictions chosen by the user."""

    doc_ids: list[str] = field(default_factory=list)
    doc_types: list[str] = field(default_factory=list)
    year: int | None = None
    district: str | None = None


@dataclass
class Hit:
    """One retrieved clause with everything needed to cite it."""

    clause_id: str
    doc_id: str
    doc_title: str
    doc_number: str | None
    doc_date: str | None
    doc_type: str | None
    section: str
    label: str
    kind: str
    text: str
    score: float
    matched_terms: list[str]
    numbers: list[str]
    fields: dict[str, str]
    dense_score: float = 0.0
    bm25_score: float = 0.0

    def to_dict(self) -> dict:
        # Shallow, unlike dataclasses.asdict (a deep copy that costs a lot per request under load).
        return {f.name: getattr(self, f.name) for f in fields(self)}


class Retrieval(NamedTuple):
    """The analysed question, its hits, and the retrievers that actually ran."""

    query: Query
    hits: list[Hit]
    mode: str
    busy: bool = False  # the model was there but the query vector missed its deadline: keyword-only

    @property
    def notice(self) -> str | None:
        """What to tell the user about these results, if anything."""
        return BUSY_NOTICE if self.busy else None


class Searcher:
    """Runs one question against a loaded index."""

    def __init__(self, index: LoadedIndex, embedder: Embedder | None, settings: Settings | None = None):
        self.index = index
        self.encoder = as_encoder(embedder)
        self.settings = settings or Settings()
        self.docs: dict[str, Document] = {d.id: d for d in index.documents}
        self._rows = {c.clause_id: i for i, c in enumerate(index.clauses)}
        self.rescorers = [stage for stage in (RESCORERS[name](self.settings, index.documents)
                                              for name in self.settings.rescorers) if _suits(stage, index.manifest)]

    def search(self, text: str, k: int = 10, mode: str = "hybrid", filters: Filters | None = None) -> Retrieval:
        if mode not in MODES:
            raise QueryError(f"检索方式 '{mode}' 无效。mode must be one of {', '.join(MODES)}.")
        if not 1 <= int(k) <= MAX_K:
            raise QueryError(f"k 必须在 1 到 {MAX_K} 之间。k must be between 1 and {MAX_K}.")
        query = analyse(text, use_synonyms=self.settings.use_synonyms)
        if mode == "dense" and self.encoder is None:
            raise QueryError("向量检索不可用（未加载模型）。Dense search is unavailable: no embedding model loaded.")
        allowed = self._allowed(filters)
        bm25 = self.index.keyword.scores(tokenize(query.expanded_text, self.index.keyword.use_domain_dict))
        wants_dense = mode != "bm25" and self.encoder is not None
        dense = self._dense_scores(query, mode) if wants_dense else None
        used = mode if dense is not None or mode == "bm25" else "bm25"
        scores = self._fuse(query, bm25, dense, used, allowed)
        order = sorted(scores, key=lambda i: -scores[i])
        if self.settings.diversify and "compare" in query.intents:
            order = self._by_document(order)
        order = order[:k]
        terms = highlight_terms(query)
        hits = [self.hit(i, scores[i], terms, bm25, dense) for i in order]
        return Retrieval(query, hits, used, busy=wants_dense and dense is None)

    def _dense_scores(self, query: Query, mode: str) -> dict[int, float] | None:
        """Cosine scores of the nearest clauses; None when the vector missed `dense_wait` (hybrid only)."""
        wait = self.settings.dense_wait if mode == "hybrid" else None
        vec = self.encoder.try_encode_query(query.text, wait)
        if vec is None:
            return None
        scores: dict[int, float] = {}
        for vector_id, score in self.index.dense.search(vec, CANDIDATES * PART_FANOUT):
            if PART_SEP in vector_id and not self.settings.use_parts:
                continue
            row = self._rows[part_owner(vector_id)]
            if score > scores.get(row, -1.0):  # a clause is as close as its closest part
                scores[row] = score
        return dict(sorted(scores.items(), key=lambda kv: -kv[1])[:CANDIDATES])

    def _fuse(self, query: Query, bm25: np.ndarray, dense: dict[int, float] | None, mode: str,
              allowed: np.ndarray | None) -> dict[int, float]:
        rankings, weights = [], []
        if mode in ("hybrid", "bm25"):
            top = np.argsort(-bm25)[:CANDIDATES]
            rankings.append([int(i) for i in top if bm25[i] > 0])
            weights.append(self.settings.bm25_weight)
        if mode in ("hybrid", "dense") and dense is not None:
            rankings.append(sorted(dense, key=lambda i: -dense[i]))
            weights.append(self.settings.dense_weight)
        fused = rrf(rankings, weights, self.settings.rrf_k)
        if allowed is not None:
            fused = {i: s for i, s in fused.items() if allowed[i]}
        dense = dense or {}
        candidates = [Candidate(i, self.index.clauses[i], self.docs[self.index.clauses[i].doc_id], s,
                                dense.get(i, 0.0), float(bm25[i])) for i, s in fused.items()]
        for stage in self.rescorers:
            candidates = stage.rescore(query, candidates)
        return {c.row: c.score for c in candidates}

    def _by_document(self, order: list[int]) -> list[int]:
        """Round-robin over documents so a comparison sees every document's best clause."""
        firsts, seen = [], set()
        for i in order:
            doc_id = self.index.clauses[i].doc_id
            if doc_id not in seen:
                seen.add(doc_id)
                firsts.append(i)
        return firsts + [i for i in order if i not in set(firsts)]

    def _allowed(self, filters: Filters | None) -> np.ndarray | None:
        if filters is None or not (filters.doc_ids or filters.doc_types or filters.year or filters.district):
            return None
        unknown = [d for d in filters.doc_ids if d not in self.docs]
        if unknown:
            raise QueryError(f"未知文件：{', '.join(unknown)}。Unknown document id(s); see GET /documents.")
        mask = np.ones(len(self.index.clauses), dtype=bool)
        for i, clause in enumerate(self.index.clauses):
            doc = self.docs[clause.doc_id]
            if filters.doc_ids and clause.doc_id not in filters.doc_ids:
                mask[i] = False
            elif filters.doc_types and doc.type not in filters.doc_types:
                mask[i] = False
            elif filters.year and not (str(filters.year) in clause.text or doc.target_year == filters.year):
                mask[i] = False
            elif filters.district and not (filters.district in clause.text or doc.scope == filters.district):
                mask[i] = False
        return mask

    def hit(self, i: int, score: float, terms: list[str], bm25: np.ndarray | None = None,
            dense: dict[int, float] | None = None) -> Hit:
        """The citable hit for clause row i."""
        clause = self.index.clauses[i]
        doc = self.docs[clause.doc_id]
        upper = clause.text.upper()
        matched = [t for t in terms if t.upper() in upper]
        return Hit(
            clause_id=clause.clause_id, doc_id=doc.id, doc_title=doc.title, doc_number=doc.number,
            doc_date=doc.date, doc_type=doc.type, section=clause.section, label=clause.label,
            kind=clause.kind, text=clause.text, score=round(float(score), 6),
            matched_terms=matched, numbers=numbers_in(clause.text), fields=dict(clause.fields),
            dense_score=round(float((dense or {}).get(i, 0.0)), 4), bm25_score=round(float(bm25[i]), 4) if bm25 is not None else 0.0,
        )


def _suits(stage, manifest: dict) -> bool:
    """A stage trained for one embedding model (the learnt ranker) steps aside on an index built with another."""
    if getattr(stage, "suits", None) is None or stage.suits(manifest):
        return True
    log.warning("rescoring stage %s skipped: trained for another embedding model than this index's %s",
                type(stage).__name__, manifest.get("model_id"))
    return False


def as_encoder(embedder: Embedder | None) -> QueryEncoder | None:
    """The embedder wrapped for serving queries (unchanged if it already is a QueryEncoder)."""
    if embedder is None or isinstance(embedder, QueryEncoder):
        return embedder
    return QueryEncoder(embedder)


def highlight_terms(query: Query) -> list[str]:
    """The question's words (and their synonyms) worth marking in a cited clause."""
    return [t for t in dict.fromkeys(tokenize(query.expanded_text)) if len(t) > 1]


def numbers_in(text: str) -> list[str]:
    """Numbers with their units, for highlighting."""
    return list(dict.fromkeys(m.group(0).strip() for m in _number().finditer(text) if m.group(0).strip()))


@lru_cache(maxsize=1)
def _number() -> re.Pattern[str]:
    """A number with its unit (万吨, 微克/立方米…); never a digit inside a longer number."""
    units = "|".join(map(re.escape, vocab.units()))
    return re.compile(rf"(?<![\d.])\d+(?:\.\d+)?(?![\d.])\s*(?:[万亿]?(?:{units})|％)?")
