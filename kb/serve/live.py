"""The service's current KnowledgeBase, swapped whole when the index on disk changes."""
from __future__ import annotations

import logging
import threading
import time
from typing import TYPE_CHECKING, Callable, TypeVar

from kb.index import store as index_mod

if TYPE_CHECKING:
    from kb.knowledge import KnowledgeBase

log = logging.getLogger("kb.serve.live")
T = TypeVar("T")


class LiveKnowledgeBase:
    """The service's current KnowledgeBase, replaced whole (never edited) when the index changes.

    A request takes `get()` once and keeps that object, so it finishes on the index it started
    with. `change()` runs one add or remove at a time, then swaps in the new index; `get()` also
    notices, within `check_every` seconds, a version published by another process (`kb add`).
    """

    def __init__(self, kb: "KnowledgeBase", check_every: float = 1.0):
        self._kb = kb
        self.index_dir = kb.loaded.path.parent  # the index root it was loaded from, and is changed in
        self.check_every = check_every
        self._lock = threading.Lock()
        self._checked = time.monotonic()
        self._failed: str | None = None

    def get(self) -> "KnowledgeBase":
        """The knowledge base to answer this request with; never waits for a reload."""
        now = time.monotonic()
        if now - self._checked > self.check_every:
            self._checked = now
            version = index_mod.current_version(self.index_dir)
            if (version is not None and version.name not in (self._kb.loaded.path.name, self._failed)
                    and self._lock.acquire(blocking=False)):
                threading.Thread(target=self._follow, args=(version.name,), daemon=True).start()
        return self._kb

    def _follow(self, name: str) -> None:
        """Switch, in the background, to a version another process published; the caller took the lock."""
        try:
            self._reload()
        except Exception as exc:  # a damaged new version: keep serving the one we have
            self._failed = name
            log.warning("not switching to index %s: %s", name, exc)
        finally:
            self._lock.release()

    def warm(self) -> None:
        """Do the first request's one-off work now: tokenizer dictionary, model, targets ledger."""
        _warm(self._kb)

    def change(self, apply: Callable[["KnowledgeBase"], T]) -> T:
        """Run `apply(current_kb)` (an add or remove) alone, then serve the index it published."""
        with self._lock:
            result = apply(self._kb)
            self._reload()
            return result

    def _reload(self) -> None:
        from kb.knowledge import KnowledgeBase

        old = self._kb
        new = KnowledgeBase.load(self.index_dir, old.embedder, settings=old.searcher.settings)
        new.refusal = old.refusal
        _warm(new)
        self._kb = new  # one reference assignment: readers see the old object or the new one


def _warm(kb: "KnowledgeBase") -> None:
    # Without this, the first requests after start-up all load jieba's dictionary at once and
    # queue behind each other for seconds. A failure here only costs speed, so it is logged.
    try:
        kb.targets_ledger  # noqa: B018
        kb.ask("到2025年生态环境保护目标是什么？")  # tokenizer, model, answer composition
    except Exception:  # noqa: BLE001
        log.warning("warm-up failed; the first requests will be slower", exc_info=True)
