"""Query vectors for concurrent requests: cached, computed by a fixed pool, waited for with a budget.

Under load the query embedding is the one expensive step (tens of ms of CPU per new question).
Letting every request thread run the model at once oversubscribes the cores and slows all of
them; here a fixed number of workers runs the model, identical questions in flight share one
computation, and a caller may give up after `wait` seconds (its job is dropped if it has not
started) and fall back to keyword search instead of queueing without bound.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

import numpy as np

from .embed import Embedder


class QueryEncoder:
    """Wraps an Embedder (and satisfies the same interface) for serving many questions at once."""

    def __init__(self, embedder: Embedder, workers: int = 1, cache_size: int = 1024):
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.embedder = embedder
        self.model_id, self.dim = embedder.model_id, embedder.dim
        self.workers = workers
        self.cache_size = cache_size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._pending: dict[str, Future] = {}
        self._lock = threading.Lock()
        # With several workers each runs the model on one core: parallel requests, not parallel maths.
        one_thread = getattr(embedder, "use_one_thread", None) if workers > 1 else None
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="query-encoder", initializer=one_thread)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        return self.embedder.encode_passages(texts)

    def encode_query(self, text: str) -> np.ndarray:
        while (vec := self.try_encode_query(text, wait=None)) is None:
            pass  # only when another caller's deadline cancelled the shared job: submit it again
        return vec

    def try_encode_query(self, text: str, wait: float | None) -> np.ndarray | None:
        """The query's vector, or None if it is not ready within `wait` seconds (None: no limit)."""
        with self._lock:
            vec = self._cache.get(text)
            if vec is not None:
                self._cache.move_to_end(text)
                return vec
            future = self._pending.get(text)
            if future is None:
                future = self._pool.submit(self._compute, text)
                self._pending[text] = future
                future.add_done_callback(lambda _f: self._forget(text))
        try:
            return future.result(timeout=wait)
        except FutureTimeout:
            future.cancel()  # only succeeds if no worker has started it; a started one still fills the cache
            return None
        except CancelledError:  # a caller sharing this job gave up before it started
            return None

    def _compute(self, text: str) -> np.ndarray:
        vec = self.embedder.encode_query(text)
        with self._lock:
            self._cache[text] = vec
            if len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return vec

    def _forget(self, text: str) -> None:
        with self._lock:
            self._pending.pop(text, None)

    def clear_cache(self) -> None:
        """Forget cached query vectors (benchmarks measure the model, not the cache)."""
        with self._lock:
            self._cache.clear()
