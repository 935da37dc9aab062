"""The vector-store seam: clause vectors keyed by clause id, nearest-neighbour search, save/load.

Besides one vector per clause the store holds one per part of a long clause, "<clause id>|<n>"
(kb.index.store.clause_parts); search returns them like any other id.

A backend is a class with this shape registered in `STORES` under its name; the index manifest
records the name, and loading picks the class from it. FAISS is the default (`faiss_store.py`);
a Milvus or other store would be one more module and one more entry.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Protocol, Sequence

import numpy as np

from kb.errors import IndexStale

DEFAULT_STORE = "faiss"


class VectorStore(Protocol):
    """L2-normalised vectors by clause id; `search` returns (clause id, cosine) best first."""

    backend: str

    @property
    def size(self) -> int: ...

    @property
    def kind(self) -> str: ...

    def add(self, ids: Sequence[str], vectors: np.ndarray) -> None: ...

    def remove(self, ids: Iterable[str]) -> None: ...  # the clauses and their parts ("<id>|<n>")

    def search(self, query: np.ndarray, k: int) -> list[tuple[str, float]]: ...

    def save(self, directory: Path) -> None: ...

    @classmethod
    def load(cls, directory: Path) -> "VectorStore": ...


def _faiss() -> type:
    from kb.index.faiss_store import FaissStore

    return FaissStore


# name -> a function returning the class, so that importing this module loads no backend
STORES: dict[str, callable] = {"faiss": _faiss}


def store_class(name: str) -> type:
    """The store class registered under `name`; a clear error naming the known ones otherwise."""
    if name not in STORES:
        raise IndexStale(f"vector store '{name}' is not available (known: {', '.join(STORES)}). "
                         "Run `kb build` to rebuild the index with an available store.")
    return STORES[name]()


def new_store(name: str, ids: Sequence[str], vectors: np.ndarray) -> VectorStore:
    """A store of backend `name` holding `vectors` under `ids`."""
    store = store_class(name).empty(vectors.shape[1] if vectors.ndim == 2 else 0, len(ids))
    store.add(ids, vectors)
    return store
