"""HTTP API over the KnowledgeBase (FastAPI), with the Gradio UI mounted at "/".

Routes parse input, call the KnowledgeBase and shape the output; nothing here retrieves.
Every error a client sees is JSON `{"detail": "<中文> <English>"}`, never a stack trace.
"""
from __future__ import annotations

import hmac
import ipaddress
import logging
import re
import tempfile
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Callable

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import ingest
from .api_models import (AnswerOut, AskRequest, ClauseContext, DocumentChange, DocumentDetail, DocumentOut,
                         DocumentUpload, Health, Question, SearchRequest, SearchResponse, TargetsResponse)
from .errors import CorpusError, IndexError_, KBError, QueryError, UnsupportedFormat
from .knowledge import KnowledgeBase
from .outline import section_tree
from .query import MAX_QUERY_CHARS
from .reader import MAX_BYTES
from .search import MAX_K, MODES, Filters
from .settings import AppSettings

log = logging.getLogger("kb.api")
MAX_NEIGHBOURS = 10
TARGETS_UNAVAILABLE = ("目标对比暂不可用：指标台账模块（kb.ledger）未安装。"
                       "Targets are not available: the kb.ledger module is missing from this build.")
INTERNAL_ERROR = "服务器内部错误，详情见服务器日志。Internal server error; see the server log."
ADMIN_ONLY = ("只有本机或持有管理令牌（X-Admin-Token）的客户端可以增删文件。"
              "Adding or removing documents is allowed only from this machine or with the X-Admin-Token header.")
TOO_LARGE = (f"文件超过 {MAX_BYTES // 1_000_000} MB 上限。The file is larger than the "
             f"{MAX_BYTES // 1_000_000} MB limit for one document; split it.")
NOT_A_FORM = ("请以 multipart/form-data 上传，文件放在 file 字段。Upload as multipart/form-data "
              "with the document in the 'file' field (curl -F file=@plan.docx).")
FORM_OVERHEAD = 64 * 1024  # multipart boundaries and metadata fields around the file


# ---- helpers: parse input, shape output --------------------------------------
def get_kb(request: Request) -> KnowledgeBase:
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
    "id": "文件编号只能包含小写字母、数字和“-”（2–41 个字符）。id must be 2-41 lower-case letters, digits and '-'.",
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
        hits = kb.search(req.q, k=req.k, mode=req.mode, filters=to_filters(kb, req))
        return {"query": req.q, "mode": req.mode, "count": len(hits), "hits": [h.to_dict() for h in hits]}

    @app.get("/ask", response_model=AnswerOut, tags=["问答 ask"])
    def ask_get(kb: KB, req: Annotated[AskRequest, Query()]) -> dict:
        """An extractive answer with citations, or answerable=false."""
        return ask_post(kb, req)

    @app.post("/ask", response_model=AnswerOut, tags=["问答 ask"])
    def ask_post(kb: KB, req: AskRequest) -> dict:
        """An extractive answer with citations (JSON body)."""
        return kb.ask(req.q, k=req.k, filters=to_filters(kb, req)).to_dict()

    @app.get("/targets", response_model=TargetsResponse, tags=["目标 targets"])
    def targets(kb: KB, indicator: Annotated[str, Query(min_length=1, max_length=50)],
                year: Annotated[int | None, Query(ge=2000, le=2100)] = None,
                scope: Annotated[str | None, Query(max_length=20)] = None) -> dict:
        """Every target and status figure for one indicator, across documents and years."""
        try:
            rows = kb.targets(indicator, year=year, scope=scope)
        except ImportError as exc:
            log.warning("targets unavailable: %s", exc)
            raise HTTPException(503, TARGETS_UNAVAILABLE) from None
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


# ---- adding and removing documents -------------------------------------------
def require_admin(request: Request) -> None:
    """Corpus changes come from this machine, or carry the configured X-Admin-Token."""
    expected = request.app.state.settings.admin_token
    given = request.headers.get("x-admin-token")
    if expected and given and hmac.compare_digest(given.encode(), expected.encode()):
        return
    try:
        if request.client and ipaddress.ip_address(request.client.host).is_loopback:
            return
    except ValueError:  # not an IP address (e.g. a test client's placeholder)
        pass
    raise HTTPException(403, ADMIN_ONLY)


async def read_upload(request: Request, folder: Path) -> tuple[Path, str, DocumentUpload]:
    """Save the uploaded file (at most MAX_BYTES) in `folder`; return its path, its name and the fields."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BYTES + FORM_OVERHEAD:
        raise HTTPException(413, TOO_LARGE)  # refused before a byte of the body is read
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise HTTPException(415, NOT_A_FORM)
    try:
        form = await request.form(max_files=1, max_fields=20)
    except HTTPException as exc:
        raise HTTPException(400, f"上传内容无法解析。{NOT_A_FORM} ({exc.detail})") from None
    try:
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise HTTPException(422, NOT_A_FORM)
        path, size = folder / "upload", 0
        with open(path, "wb") as out:
            while chunk := await upload.read(1 << 20):
                size += len(chunk)
                if size > MAX_BYTES:
                    raise HTTPException(413, TOO_LARGE)
                out.write(chunk)
        fields = {k: v.strip() for k, v in form.multi_items() if k in DocumentUpload.model_fields
                  and k != "issuer" and isinstance(v, str) and v.strip()}
        issuer = [p.strip() for v in form.getlist("issuer") if isinstance(v, str)
                  for p in re.split(r"[,，、;；]", v) if p.strip()]
        try:
            meta = DocumentUpload(**fields, issuer=issuer)
        except ValidationError as exc:
            raise RequestValidationError(exc.errors()) from None
        return path, upload.filename or "document", meta
    finally:
        await form.close()


def apply_change(request: Request, apply: Callable[..., ingest.Change]) -> dict:
    """Run one add/remove (serialised), swap in the new index, describe the result."""
    settings = request.app.state.settings
    live: ingest.LiveKnowledgeBase = request.app.state.live

    def run(kb: KnowledgeBase) -> ingest.Change:
        from .embed import make_embedder

        return apply(settings.corpus_dir, live.index_dir, kb.embedder or make_embedder(settings.embedder))

    try:
        change = live.change(run)
    except UnsupportedFormat as exc:
        raise HTTPException(415, str(exc)) from None
    except CorpusError as exc:
        raise HTTPException(400, str(exc)) from None
    doc = change.document
    return {"action": change.action, "id": doc.id, "title": doc.title, "file": doc.file, "n_clauses": change.n_clauses,
            "index": change.version.name, "total_documents": change.total_documents,
            "total_clauses": change.total_clauses}


def _upload_body() -> dict:
    fields = DocumentUpload.model_json_schema()["properties"]
    file = {"type": "string", "format": "binary", "description": ".txt / .md / .docx / .pdf, UTF-8 或 GB18030"}
    return {"required": True, "content": {"multipart/form-data": {"schema": {
        "type": "object", "required": ["file"], "properties": {"file": file, **fields}}}}}


def add_document_routes(app: FastAPI) -> None:
    @app.post("/documents", status_code=201, response_model=DocumentChange, tags=["文件 documents"],
              openapi_extra={"requestBody": _upload_body()})
    async def add_document(request: Request) -> dict:
        """Add a document (multipart `file` + optional fields); from this machine or with X-Admin-Token."""
        require_admin(request)
        with tempfile.TemporaryDirectory(prefix="kb-upload-") as tmp:
            path, name, meta = await read_upload(request, Path(tmp))
            info = ingest.DocumentInfo(**meta.model_dump())
            return await run_in_threadpool(apply_change, request, lambda corpus, index, embedder: ingest.add_document(
                path, corpus, index, embedder, info, filename=name))

    @app.delete("/documents/{doc_id}", response_model=DocumentChange, tags=["文件 documents"])
    def remove_document(request: Request, doc_id: str) -> dict:
        """Remove a document from the corpus and the index; from this machine or with X-Admin-Token."""
        require_admin(request)
        return apply_change(request, lambda corpus, index, embedder: ingest.remove_document(
            doc_id, corpus, index, embedder))


# ---- the app -----------------------------------------------------------------
def create_app(kb: KnowledgeBase | None = None, settings: AppSettings | None = None,
               ui: bool = True) -> FastAPI:
    """The service: loads the index once at start-up (unless given `kb`), API routes, UI at "/"."""
    settings = settings or AppSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if app.state.live is None:
            app.state.live = ingest.LiveKnowledgeBase(KnowledgeBase.load(settings.index_dir, settings.embedder))
        yield

    app = FastAPI(title="北京生态环境政策知识库 API", version="0.1.0", lifespan=lifespan,
                  description="条款检索与带引用的问答。Clause search and cited answers over Beijing "
                              "environmental-policy documents. Clause ids contain '#': encode it as %23.")
    app.state.live = ingest.LiveKnowledgeBase(kb) if kb is not None else None
    app.state.settings = settings
    add_error_handlers(app)
    add_routes(app)
    add_document_routes(app)
    if ui:
        from ui.app import mount_ui

        mount_ui(app, lambda: app.state.live.get())
    return app
