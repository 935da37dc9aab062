"""FAISS behind the vector-store seam: exact inner product for small corpora, HNSW above a threshold."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from kb.model import part_owner

HNSW_THRESHOLD = 20_000  # below this many vectors (clauses and their parts) exact search is fast enough
INDEX_FILE, IDS_FILE = "dense.faiss", "dense.ids.json"


class FaissStore:
    """A FAISS index over L2-normalised vectors (inner product = cosine), rows named by clause id."""

    backend = "faiss"

    def __init__(self, index, ids: list[str]):
        self._index = index
        self._ids = ids

    @classmethod
    def empty(cls, dim: int, expected: int = 0, hnsw_threshold: int = HNSW_THRESHOLD) -> "FaissStore":
        """An empty store; HNSW when about `expected` vectors make exact search slow."""
        import faiss

        if expected >= hnsw_threshold:
            index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = 80
            index.hnsw.efSearch = 64
        else:
            index = faiss.IndexFlatIP(dim)
        return cls(index, [])

    @property
    def kind(self) -> str:
        return type(self._index).__name__

    @property
    def size(self) -> int:
        return int(self._index.ntotal)

    def add(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        if len(ids) != len(vectors):
            raise ValueError(f"{len(ids)} ids for {len(vectors)} vectors")
        if len(ids):
            self._index.add(np.ascontiguousarray(vectors, dtype=np.float32))
            self._ids.extend(ids)

    def remove(self, ids: Iterable[str]) -> None:
        """Drop vectors by clause id, with the clause's parts ("<id>|<n>"); the index is rebuilt from
        the kept rows (FAISS flat and HNSW indexes cannot delete in place)."""
        gone = set(ids)
        keep = [i for i, cid in enumerate(self._ids) if part_owner(cid) not in gone]
        if len(keep) == len(self._ids):
            return
        vectors = self._index.reconstruct_n(0, self.size)[keep] if keep else np.zeros((0, self._index.d), np.float32)
        kept_ids = [self._ids[i] for i in keep]
        fresh = FaissStore.empty(self._index.d, len(kept_ids))
        fresh.add(kept_ids, vectors)
        self._index, self._ids = fresh._index, fresh._ids

    def search(self, query: np.ndarray, k: int) -> list[tuple[str, float]]:
        """Top-k (clause id, score) for one query vector."""
        if self.size == 0:
            return []
        k = max(1, min(k, self.size))
        scores, rows = self._index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
        return [(self._ids[r], float(s)) for s, r in zip(scores[0], rows[0]) if r >= 0]

    def save(self, directory: Path) -> None:
        import faiss

        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        faiss.write_index(self._index, str(directory / INDEX_FILE))
        (directory / IDS_FILE).write_text(json.dumps(self._ids, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> "FaissStore":
        import faiss

        directory = Path(directory)
        ids = json.loads((directory / IDS_FILE).read_text(encoding="utf-8"))
        index = faiss.read_index(str(directory / INDEX_FILE))
        if index.ntotal != len(ids):
            raise ValueError(f"{index.ntotal} vectors for {len(ids)} ids")
        return cls(index, ids)
