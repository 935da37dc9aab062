"""`kb serve`: make sure the index is current, then run the API and UI with uvicorn."""
from __future__ import annotations

from .settings import AppSettings


def serve(settings: AppSettings | None = None) -> None:
    """Build the index if missing or stale (an up-to-date one is reused), print the URL, serve."""
    import uvicorn

    from .api import create_app
    from .knowledge import KnowledgeBase

    settings = settings or AppSettings()
    kb = KnowledgeBase.build(settings.corpus_dir, settings.index_dir, settings.embedder)
    info = kb.info
    url = f"http://{settings.host}:{settings.port}/"
    print(f"北京生态环境政策知识库 · {info['n_clauses']} 条条款 / {info['n_documents']} 份文件 · 模型 {info['model_id']}")
    print(f"界面 UI: {url}    接口文档 API docs: {url}docs", flush=True)
    uvicorn.run(create_app(kb, settings), host=settings.host, port=settings.port, log_level="info")
