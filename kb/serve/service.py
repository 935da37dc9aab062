"""The knowledge base as the service runs it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kb.serve.settings import AppSettings

if TYPE_CHECKING:
    from kb.knowledge import KnowledgeBase


def serving_kb(settings: AppSettings, build: bool) -> "KnowledgeBase":
    """The knowledge base as the service runs it: a pool of query-encoder workers, and a deadline
    after which a search answers from keywords alone rather than queue behind other requests."""
    from kb.index.embedders import make_embedder
    from kb.search.encoder import QueryEncoder
    from kb.knowledge import KnowledgeBase
    from kb.search.settings import Settings

    encoder = QueryEncoder(make_embedder(settings.embedder), workers=settings.query_workers)
    search = Settings(dense_wait=settings.dense_wait_ms / 1000 if settings.dense_wait_ms else None)
    if build:
        return KnowledgeBase.build(settings.corpus_dir, settings.index_dir, encoder, settings=search)
    return KnowledgeBase.load(settings.index_dir, encoder, settings=search)
