"""Naive retrieval anchors built by the harness on the same corpus, so every report shows the
margin over what a plain RAG would do.

- naive-300: each document's text packed sentence by sentence into chunks of at most 300
  characters, jieba BM25 and e5 dense over the bare chunks, equal-weight RRF (k=60). It is
  scored on its own chunks: a chunk is relevant when it overlaps a gold clause.
- clause-rrf: our clauses (one article per clause for laws) with the same plain BM25 + dense +
  RRF: no query analysis, no contextual passages, no rescoring.
"""
from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kb.index import store as index_mod
from kb.index.keyword import KeywordIndex, tokenize
from kb.model import Clause, Document
from kb.search.fusion import rrf

CHUNK_CHARS = 300
RRF_K = 60
_SENTENCE = re.compile(r"(?<=[。；！？\n])")


@dataclass
class Anchor:
    """A plain hybrid retriever over its own chunks; `covers` maps a chunk to the clauses in it."""

    keyword: KeywordIndex
    dense: object  # a VectorStore
    embedder: object
    covers: dict[str, list[str]]

    def search(self, text: str, k: int) -> list[str]:
        bm25 = self.keyword.scores(tokenize(text, use_domain_dict=False))
        ids = list(self.covers)
        ranked_bm25 = [ids[i] for i in bm25.argsort()[::-1][:100] if bm25[i] > 0]
        ranked_dense = [cid for cid, _ in self.dense.search(self.embedder.encode_query(text), 100)]
        fused = rrf([ranked_bm25, ranked_dense], k=RRF_K)
        return sorted(fused, key=lambda c: -fused[c])[:k]  # chunk ids, scored against the chunks' clauses


def naive_chunks(clauses: list[Clause], size: int = CHUNK_CHARS) -> dict[str, tuple[str, list[str]]]:
    """Chunk id → (text, clause ids covered): sentences of each document packed up to `size` chars."""
    chunks: dict[str, tuple[str, list[str]]] = {}
    by_doc: dict[str, list[Clause]] = {}
    for c in clauses:
        by_doc.setdefault(c.doc_id, []).append(c)
    for doc_id, items in by_doc.items():
        text, covered = "", []
        for clause in items:
            for sentence in (s for s in _SENTENCE.split(clause.text) if s.strip()):
                if text and len(text) + len(sentence) > size:
                    chunks[f"{doc_id}#{len(chunks)}"] = (text, covered)
                    text, covered = "", []
                text += sentence
                if clause.clause_id not in covered:
                    covered.append(clause.clause_id)
        if text:
            chunks[f"{doc_id}#{len(chunks)}"] = (text, covered)
    return chunks


def build_anchors(clauses: list[Clause], embedder, cache_dir: Path | None) -> dict[str, Anchor]:
    """The naive anchors over `clauses` (embeddings cached like the real index's)."""
    naive = naive_chunks(clauses)
    plain = {c.clause_id: (c.text, [c.clause_id]) for c in clauses}
    return {name: _anchor(chunks, embedder, cache_dir) for name, chunks in (("naive-300", naive), ("clause-rrf", plain))}


def _anchor(chunks: dict[str, tuple[str, list[str]]], embedder, cache_dir: Path | None) -> Anchor:
    doc = Document(id="anchor", file="", title="anchor")
    pseudo = [Clause(cid, "anchor", [], "", "paragraph", text, 0, 0) for cid, (text, _) in chunks.items()]
    with tempfile.TemporaryDirectory(prefix="kb-anchor-") as tmp:
        index_mod.build_from([doc], pseudo, "anchor", Path(tmp), embedder, progress=False, cache_dir=cache_dir,
                             parts=False)  # naive: one vector per chunk
        loaded = index_mod.load(Path(tmp), embedder.model_id)
    return Anchor(KeywordIndex.build([t for t, _ in chunks.values()], use_domain_dict=False), loaded.dense, embedder,
                  {cid: covered for cid, (_, covered) in chunks.items()})
