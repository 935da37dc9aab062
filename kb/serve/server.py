"""`kb serve`: make sure the index is current, then run the API and UI with uvicorn."""
from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from kb.serve.settings import AppSettings



def serve(settings: AppSettings | None = None) -> None:
    """Build the index if missing or stale (an up-to-date one is reused), print the URL, serve."""
    import uvicorn

    from kb.serve.api import create_app
    from kb.serve.service import serving_kb

    settings = settings or AppSettings()
    kb = serving_kb(settings, build=True)
    info = kb.info
    url = f"http://{settings.host}:{settings.port}/"
    print(f"北京生态环境政策知识库 · {info['n_clauses']} 条条款 / {info['n_documents']} 份文件 · 模型 {info['model_id']}")
    print(f"界面 UI: {url}    接口文档 API docs: {url}docs", flush=True)
    uvicorn.run(create_app(kb, settings), host=settings.host, port=settings.port, log_level="info")


class ServerFailed(RuntimeError):
    """The background server exited or never became healthy; the message holds its log tail."""


@contextmanager
def background_server(env: dict[str, str] | None = None, timeout: float = 600,
                      log: Path | None = None, cwd: Path | None = None) -> Iterator[str]:
    """`kb serve` in a subprocess on a free 127.0.0.1 port until the block ends; yields its URL.

    For the load script and the browser tests; `env` overrides settings (KB_INDEX_DIR, …).
    """
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    full_env = {**os.environ, "HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False",
                **(env or {}), "KB_HOST": "127.0.0.1", "KB_PORT": str(port)}
    log = log or Path(tempfile.mkstemp(prefix="kb-server-", suffix=".log")[1])
    with open(log, "wb") as out:
        proc = subprocess.Popen([sys.executable, "-c", "from kb.serve.server import serve; serve()"],
                                cwd=cwd, env=full_env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise ServerFailed(f"server did not start; log {log}:\n{log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.5)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def _healthy(port: int) -> bool:
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        conn.request("GET", "/health")
        return conn.getresponse().status == 200
    except (OSError, http.client.HTTPException):
        return False
