"""HTTP API over the KnowledgeBase (FastAPI), with the Gradio UI mounted at "/".

Routes parse input, call the KnowledgeBase and shape the output; nothing here retrieves.
Every error a client sees is JSON `{"detail": "<中文> <English>"}`, never a stack trace.
"""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from typing import Annotated, Callable

from fastapi import Depends, FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException

from kb.serve.documents import add_document_routes
from kb.serve.schemas import (AnswerOut, AskRequest, ClauseContext, DocumentDetail, DocumentOut, Health, Question,
                         SearchRequest, SearchResponse, TargetsResponse)
from kb.errors import IndexError_, KBError, QueryError
from kb.knowledge import KnowledgeBase
from kb.serve.live import LiveKnowledgeBase
from kb.documents.outline import section_tree
from kb.search.query import MAX_QUERY_CHARS
from kb.search.searcher import MAX_K, MODES, Filters
from kb.serve.service import serving_kb
from kb.serve.settings import AppSettings

log = logging.getLogger("kb.serve.api")
MAX_NEIGHBOURS = 10
FRONTENDS = "kb.frontends"
INTERNAL_ERROR = "服务器内部错误，详情见服务器日志。Internal server error; see the server log."


# ---- helpers: parse input, shape output --------------------------------------
async def get_kb(request: Request) -> KnowledgeBase:
    """The current knowledge base; async so that it costs no thread hop (it never blocks)."""
    return request.app.state.live.get()


KB = Annotated[KnowledgeBase, Depends(get_kb)]


def to_filters(kb: KnowledgeBase, req: Question) -> Filters:
    """Filters from a request; document types must be ones the corpus has."""
    known = sorted({d.type for d in kb.documents if d.type})
    unknown = [t for t in req.doc_types if t not in known]
    if unknown:
        raise QueryError(f"未知文件类型：{'、'.join(unknown)}（可选：{'、'.join(known)}）。"
                         f"Unknown document type(s); choose from {', '.join(known)}.")
    return Filters(doc_ids=list(req.doc_ids), doc_types=list(req.doc_types), year=req.year,
                   district=(req.district or "").strip() or None)


def document_out(kb: KnowledgeBase, doc) -> dict:
    return {**doc.to_dict(), "date": doc.date, "n_clauses": sum(c.doc_id == doc.id for c in kb.clauses)}


def clause_out(clause) -> dict:
    return {**clause.to_dict(), "section": clause.section}


# ---- error handling ----------------------------------------------------------
_FIELD_MESSAGES = {
    "q": "问题为空，请输入要查询的内容。The question (q) is empty: type what you want to find.",
    "q/string_type": "问题必须是一段文字。The question (q) must be a string of text.",
    "q/string_unicode": "问题含有无效字符。The question (q) contains invalid characters; send UTF-8 text.",
    "q/string_too_long": f"问题过长，请控制在{MAX_QUERY_CHARS}字以内。"
                         f"The question (q) is longer than {MAX_QUERY_CHARS} characters.",
    "k": f"k 必须是 1 到 {MAX_K} 之间的整数。k must be an integer between 1 and {MAX_K}.",
    "mode": f"检索方式无效，可选 {' / '.join(MODES)}。mode must be one of {', '.join(MODES)}.",
    "year": "年份必须是 2000 到 2100 之间的整数。year must be an integer between 2000 and 2100.",
    "district": "区名过长。district must be at most 20 characters.",
    "neighbours": f"neighbours 必须在 0 到 {MAX_NEIGHBOURS} 之间。neighbours must be between 0 and {MAX_NEIGHBOURS}.",
    "indicator": "请提供 1 到 50 字的指标名称。indicator must be 1 to 50 characters, e.g. 森林覆盖率.",
    "id": "文件编号只能包含字母、数字、汉字和“-”（2–61 个字符）。id must be 2-61 letters, digits, Chinese characters or '-'.",
    "date": "日期格式应为 YYYY-MM-DD。date must look like 2024-08-01.",
}


def _validation_message(exc: RequestValidationError) -> str:
    """One bilingual sentence per bad field, e.g. 'k 必须是 1 到 100 之间的整数。k must be …'."""
    messages = []
    for error in exc.errors():
        name = next((str(p) for p in reversed(error.get("loc", ())) if isinstance(p, str)), "")
        if error.get("type") == "missing" and name in ("body", ""):
            name = "q"
        fallback = f"参数 {name} 无效。Invalid value for {name}: {error.get('msg', 'bad value')}."
        messages.append(_FIELD_MESSAGES.get(f"{name}/{error.get('type')}") or _FIELD_MESSAGES.get(name, fallback))
    return " ".join(dict.fromkeys(messages))


_FRAMEWORK_MESSAGES = {
    "Not Found": "没有这个地址，接口列表见 /docs。No such route; see /docs for the API.",
    "Method Not Allowed": "该地址不支持这种请求方法，见 /docs。This route does not accept that method; see /docs.",
    "There was an error parsing the body": "请求体无法解析，请发送 UTF-8 JSON。The request body could not be parsed; "
                                           "send UTF-8 JSON.",
}


def add_error_handlers(app: FastAPI) -> None:
    """Domain errors → 400/404/503, bad input → 422, anything else → a plain 500."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = _FRAMEWORK_MESSAGES.get(exc.detail, exc.detail) if isinstance(exc.detail, str) else exc.detail
        return JSONResponse({"detail": detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def bad_input(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _validation_message(exc)}, status_code=422)

    @app.exception_handler(KBError)
    async def domain_error(request: Request, exc: KBError) -> JSONResponse:
        status = 400 if isinstance(exc, QueryError) else 503 if isinstance(exc, IndexError_) else 404
        return JSONResponse({"detail": str(exc)}, status_code=status)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": INTERNAL_ERROR}, status_code=500)


# ---- routes ------------------------------------------------------------------
def add_routes(app: FastAPI) -> None:
    @app.get("/search", response_model=SearchResponse, tags=["检索 search"])
    def search_get(kb: KB, req: Annotated[SearchRequest, Query()]) -> dict:
        """Ranked clauses for a question (filters: doc_ids, doc_types, year, district)."""
        return search_post(kb, req)

    @app.post("/search", response_model=SearchResponse, tags=["检索 search"])
    def search_post(kb: KB, req: SearchRequest) -> dict:
        """Ranked clauses for a question (JSON body)."""
        found = kb.retrieve(req.q, k=req.k, mode=req.mode, filters=to_filters(kb, req))
        return {"query": req.q, "mode": req.mode, "retrieval": found.mode, "notice": found.notice,
                "count": len(found.hits), "hits": [h.to_dict() for h in found.hits]}

    @app.get("/ask", response_model=AnswerOut, tags=["问答 ask"])
    def ask_get(kb: KB, req: Annotated[AskRequest, Query()]) -> dict:
        """An extractive answer with citations, or answerable=false."""
        return ask_post(kb, req)

    @app.post("/ask", response_model=AnswerOut, tags=["问答 ask"])
    def ask_post(kb: KB, req: AskRequest) -> dict:
        """An extractive answer with citations (JSON body)."""
        return kb.ask(req.q, k=req.k, filters=to_filters(kb, req), history=req.history).to_dict()

    @app.get("/targets", response_model=TargetsResponse, tags=["目标 targets"])
    def targets(kb: KB, indicator: Annotated[str, Query(min_length=1, max_length=50)],
                year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
                scope: Annotated[str | None, Query(max_length=20)] = None) -> dict:
        """Every target and status figure for one indicator, across documents and years."""
        rows = kb.targets(indicator, year=year, scope=scope)
        return {"indicator": indicator, "count": len(rows), "rows": rows}

    @app.get("/documents", response_model=list[DocumentOut], tags=["文件 documents"])
    def documents(kb: KB) -> list[dict]:
        """The documents in the index with their metadata."""
        return [document_out(kb, d) for d in kb.documents]

    @app.get("/documents/{doc_id}", response_model=DocumentDetail, tags=["文件 documents"])
    def document(kb: KB, doc_id: str) -> dict:
        """One document's metadata and its section tree of clause ids."""
        doc = kb.document_meta(doc_id)
        return {**document_out(kb, doc), "outline": section_tree(kb.document_clauses(doc_id)).to_dict()}

    @app.get("/clauses/{clause_id:path}", response_model=ClauseContext, tags=["文件 documents"])
    def clause(kb: KB, clause_id: str,
               neighbours: Annotated[int, Query(ge=0, le=MAX_NEIGHBOURS)] = 2) -> dict:
        """One clause with up to `neighbours` clauses before and after it (encode '#' as %23)."""
        found, before, after = kb.clause(clause_id, neighbours)
        return {"clause": clause_out(found), "document": document_out(kb, kb.document_meta(found.doc_id)),
                "before": [clause_out(c) for c in before], "after": [clause_out(c) for c in after]}

    @app.get("/health", response_model=Health, tags=["状态 health"])
    def health(kb: KB) -> dict:
        """Whether the index is loaded, with its model, size and build time."""
        return {"status": "ok", **kb.info}


# ---- the app -----------------------------------------------------------------
def create_app(kb: KnowledgeBase | None = None, settings: AppSettings | None = None,
               frontends: bool = True) -> FastAPI:
    """The service: loads the index once at start-up (unless given `kb`), API routes, and every
    installed front end (the Gradio UI at "/") unless `frontends` is False."""
    settings = settings or AppSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if app.state.live is None:
            app.state.live = LiveKnowledgeBase(serving_kb(settings, build=False))
        await run_in_threadpool(app.state.live.warm)
        yield

    # Swagger UI served from the package, not a CDN: officials' machines are offline.
    app = FastAPIOffline(title="北京生态环境政策知识库 API", version="0.1.0", lifespan=lifespan,
                  description="条款检索与带引用的问答。Clause search and cited answers over Beijing "
                              "environmental-policy documents. Clause ids contain '#': encode it as %23.")
    app.state.live = LiveKnowledgeBase(kb) if kb is not None else None
    app.state.settings = settings
    add_error_handlers(app)
    add_routes(app)
    add_document_routes(app)
    if frontends:
        for mount in installed_frontends():
            mount(app, lambda: app.state.live.get())
    return app


def installed_frontends() -> list[Callable[[FastAPI, Callable[[], KnowledgeBase]], None]]:
    """Front ends registered under the `kb.frontends` entry point: `mount(app, get_kb)` callables.

    The UI depends on this package, never the other way round; it announces itself in its
    package metadata (pyproject.toml) and the service mounts whatever is installed.
    """
    from importlib.metadata import entry_points

    return [ep.load() for ep in sorted(entry_points(group=FRONTENDS), key=lambda ep: ep.name)]
