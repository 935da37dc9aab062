"""Routes that change the corpus: POST /documents and DELETE /documents/{id}.

Only clients on this machine, or those sending the configured X-Admin-Token, may use them. A
change runs alone (see `LiveKnowledgeBase.change`); requests in flight finish on the old index.
"""
from __future__ import annotations

import hmac
import ipaddress
import re
import tempfile
from pathlib import Path
from typing import Callable

from fastapi import FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from kb.index import ingest
from kb.serve.schemas import BatchChange, DocumentChange, DocumentUpload
from kb.errors import CorpusError, UnsupportedFormat
from kb.knowledge import KnowledgeBase
from kb.serve.live import LiveKnowledgeBase
from kb.documents.readers import MAX_BYTES

ADMIN_ONLY = ("只有本机或持有管理令牌（X-Admin-Token）的客户端可以增删文件。"
              "Adding or removing documents is allowed only from this machine or with the X-Admin-Token header.")
TOO_LARGE = (f"文件超过 {MAX_BYTES // 1_000_000} MB 上限。The file is larger than the "
             f"{MAX_BYTES // 1_000_000} MB limit for one document; split it.")
NOT_A_FORM = ("请以 multipart/form-data 上传，文件放在 file 字段。Upload as multipart/form-data "
              "with the document in the 'file' field (curl -F file=@plan.docx).")
FORM_OVERHEAD = 64 * 1024  # multipart boundaries and metadata fields around the file
MAX_FILES = 50  # files in one batch upload


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


async def read_uploads(request: Request, folder: Path) -> dict[Path, str]:
    """Save every uploaded `files` part (each at most MAX_BYTES) in `folder`; saved path → name sent."""
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_FILES * (MAX_BYTES + FORM_OVERHEAD):
        raise HTTPException(413, TOO_LARGE)
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise HTTPException(415, NOT_A_FORM)
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=MAX_FILES + 5)
    except HTTPException as exc:
        raise HTTPException(400, f"上传内容无法解析。{NOT_A_FORM} ({exc.detail})") from None
    try:
        uploads = [u for u in form.getlist("files") if isinstance(u, UploadFile)]
        if not uploads:
            raise HTTPException(422, NOT_A_FORM.replace("'file'", "'files'").replace("file=@", "files=@"))
        saved = {}
        for n, upload in enumerate(uploads):
            path, size = folder / f"{n}", 0
            path.mkdir()
            path = path / ingest.plain_name(upload.filename or "document")
            with open(path, "wb") as out:
                while chunk := await upload.read(1 << 20):
                    size += len(chunk)
                    if size > MAX_BYTES:
                        raise HTTPException(413, f"{path.name}: {TOO_LARGE}")
                    out.write(chunk)
            saved[path] = path.name
        return saved
    finally:
        await form.close()


def apply_batch(request: Request, saved: dict[Path, str]) -> dict:
    """Add several uploaded files in one publish; each file's outcome is reported."""
    settings = request.app.state.settings
    live: LiveKnowledgeBase = request.app.state.live

    def run(kb: KnowledgeBase) -> ingest.AddReport:
        from kb.index.embedders import make_embedder

        return ingest.add_documents(list(saved), settings.corpus_dir, live.index_dir,
                                    kb.embedder or make_embedder(settings.embedder))

    report = live.change(run)
    return {"index": report.version.name if report.version else None, "total_documents": report.total_documents,
            "total_clauses": report.total_clauses, "files": [
                {"file": Path(o.file).name, "error": o.error, "warnings": o.warnings, "n_clauses": o.n_clauses,
                 **({"id": o.document.id, "title": o.document.title, "type": o.document.type} if o.document else {})}
                for o in report.outcomes]}


def apply_change(request: Request, apply: Callable[..., ingest.Change]) -> dict:
    """Run one add/remove (serialised), swap in the new index, describe the result."""
    settings = request.app.state.settings
    live: LiveKnowledgeBase = request.app.state.live

    def run(kb: KnowledgeBase) -> ingest.Change:
        from kb.index.embedders import make_embedder

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

    @app.post("/documents/batch", response_model=BatchChange, tags=["文件 documents"],
              openapi_extra={"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
                  "type": "object", "required": ["files"], "properties": {"files": {
                      "type": "array", "items": {"type": "string", "format": "binary"}}}}}}}})
    async def add_documents(request: Request) -> dict:
        """Add several documents (multipart `files`, repeated) in one publish; metadata is read from
        each text; every file's result or reason for refusal is listed. Local or X-Admin-Token."""
        require_admin(request)
        with tempfile.TemporaryDirectory(prefix="kb-upload-") as tmp:
            saved = await read_uploads(request, Path(tmp))
            return await run_in_threadpool(apply_batch, request, saved)

    @app.delete("/documents/{doc_id}", response_model=DocumentChange, tags=["文件 documents"])
    def remove_document(request: Request, doc_id: str) -> dict:
        """Remove a document from the corpus and the index; from this machine or with X-Admin-Token."""
        require_admin(request)
        return apply_change(request, lambda corpus, index, embedder: ingest.remove_document(
            doc_id, corpus, index, embedder))
