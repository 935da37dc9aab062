"""Add or remove one document while the service runs.

Nothing on disk is touched until the change is known to be good: the file is copied into a
temporary folder and parsed there, next to a candidate manifest. Only then is it copied into
corpus/, recorded in corpus/manifest.json (written atomically) and the index rebuilt and
published as a new version; the embedding cache means only the new clauses are embedded. If the
rebuild fails, the corpus and its manifest are put back as they were. A lock file in the index
directory makes changes from several processes (`kb add`, the API) run one at a time; kb.live
swaps the running service over to the new version.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import json
import os
import re
import shutil
import tempfile
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

from kb.documents import corpus as corpus_mod
from kb.index import store as index_mod
from kb.index.embedders import Embedder
from kb.errors import CorpusError, KBError
from kb.model import Document
from kb.documents.readers import check_file

LOCK_FILE = ".ingest.lock"
DOC_ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,40}$")  # the rule corpus.load_manifest enforces


@dataclass
class DocumentInfo:
    """What the person adding a document knows about it; everything is optional."""

    id: str | None = None
    title: str | None = None
    issuer: list[str] = field(default_factory=list)
    date: str | None = None  # publication date, YYYY-MM-DD
    type: str | None = None  # 规划, 实施意见, 行动计划, 通知 …
    number: str | None = None  # 文号
    scope: str | None = None  # 全市 or a district


@dataclass
class Change:
    """What an add or remove did and which index version is now published."""

    action: str  # "added" | "removed"
    document: Document
    n_clauses: int  # the document's own clauses
    version: Path
    total_documents: int
    total_clauses: int


def add_document(source: Path | str, corpus_dir: Path | str, index_dir: Path | str, embedder: Embedder,
                 info: DocumentInfo | None = None, filename: str | None = None,
                 progress: bool = False) -> Change:
    """Validate a file, copy it into the corpus, record it and publish a new index version.

    `filename` is the name the file had for its owner (an upload's name); it gives the format
    and the default title. A refused file raises CorpusError and leaves everything unchanged.
    """
    source, corpus_dir, index_dir = Path(source), Path(corpus_dir), Path(index_dir)
    name = _plain_name(filename or source.name)
    check_file(source, name)
    with tempfile.TemporaryDirectory(prefix="kb-add-") as tmp:
        staged = Path(tmp) / name
        shutil.copyfile(source, staged)  # parse and publish these bytes, whatever happens to `source`
        entry = _entry(info or DocumentInfo(), name, staged)
        (Path(tmp) / corpus_mod.MANIFEST).write_text(
            json.dumps({"documents": [{**entry, "file": name}]}, ensure_ascii=False), encoding="utf-8")
        doc = corpus_mod.load_manifest(Path(tmp))[0]  # the entry is checked as `kb build` would
        clauses = corpus_mod.parse_document(doc, Path(tmp))  # an unusable file is refused here
        with exclusive(index_dir):
            raw = _read_raw_manifest(corpus_dir)
            _check_new(entry, raw, corpus_dir)
            target = corpus_dir / entry["file"]
            with _restore_on_failure(corpus_dir, added=target):
                _write_atomic(target, staged.read_bytes())
                _write_manifest(corpus_dir, {**raw, "documents": raw["documents"] + [entry]})
                version = index_mod.build(corpus_dir, index_dir, embedder, progress=progress)
    return _change("added", replace(doc, file=entry["file"]), len(clauses), version)


def remove_document(doc_id: str, corpus_dir: Path | str, index_dir: Path | str, embedder: Embedder,
                    progress: bool = False) -> Change:
    """Drop a document from the manifest and the index, then delete its file from the corpus."""
    corpus_dir, index_dir = Path(corpus_dir), Path(index_dir)
    if not isinstance(doc_id, str) or not DOC_ID.match(doc_id):
        raise KBError(f"未知文件 {str(doc_id)[:60]!r}。No such document: ids are lower-case letters, digits "
                      "and '-'; see GET /documents or `kb clauses --stats`.")
    with exclusive(index_dir):
        docs = corpus_mod.load_manifest(corpus_dir)
        doc = next((d for d in docs if d.id == doc_id), None)
        if doc is None:
            raise KBError(f"未知文件 '{doc_id}'。No such document; known ids: {', '.join(d.id for d in docs)}.")
        if len(docs) == 1:
            raise CorpusError(f"'{doc_id}' is the only document; the corpus cannot be empty. Add another first.")
        before = _published_clauses(index_dir)
        raw = _read_raw_manifest(corpus_dir)
        with _restore_on_failure(corpus_dir):
            _write_manifest(corpus_dir, {**raw, "documents": [e for e in raw["documents"] if e.get("id") != doc_id]})
            version = index_mod.build(corpus_dir, index_dir, embedder, progress=progress)
        path = (corpus_dir / doc.file).resolve()
        if path.parent == corpus_dir.resolve() and all(d.file != doc.file for d in docs if d.id != doc_id):
            path.unlink(missing_ok=True)
    change = _change("removed", doc, 0, version)
    change.n_clauses = max(0, before - change.total_clauses)
    return change


@contextmanager
def exclusive(index_dir: Path) -> Iterator[None]:
    """Hold the index directory's change lock (blocks while another process or thread holds it)."""
    Path(index_dir).mkdir(parents=True, exist_ok=True)
    with open(Path(index_dir) / LOCK_FILE, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# ---- the manifest entry --------------------------------------------------------
def _entry(info: DocumentInfo, name: str, staged: Path) -> dict:
    doc_id = info.id or _slug(Path(name).stem) or "doc-" + hashlib.sha256(staged.read_bytes()).hexdigest()[:8]
    if not DOC_ID.match(doc_id):
        raise CorpusError(f"document id '{doc_id[:60]}' is not valid: use 2-41 lower-case letters, digits and '-'.")
    if info.date:
        try:
            dt.date.fromisoformat(info.date)
        except ValueError:
            raise CorpusError(f"date '{info.date[:40]}' is not a date; write it as YYYY-MM-DD, e.g. 2024-08-01.") from None
    entry = {"id": doc_id, "file": doc_id + Path(name).suffix.lower(),
             "title": (info.title or Path(name).stem).strip() or doc_id,
             "issuer": [i.strip() for i in info.issuer if i.strip()], "number": info.number,
             "date_published": info.date, "type": info.type, "scope": info.scope}
    return {k: v for k, v in entry.items() if v not in (None, "", [])}


def _check_new(entry: dict, raw: dict, corpus_dir: Path) -> None:
    if any(e.get("id") == entry["id"] for e in raw["documents"]):
        raise CorpusError(f"document '{entry['id']}' is already in the corpus; choose another id or remove it first.")
    if (corpus_dir / entry["file"]).exists() or any(e.get("file") == entry["file"] for e in raw["documents"]):
        raise CorpusError(f"corpus/{entry['file']} already exists; choose another id or move that file away.")


def _slug(stem: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:41].strip("-")
    return slug if DOC_ID.match(slug) else ""


def _plain_name(name: str) -> str:
    """The last path component of a name a client sent, safe to create in a temporary folder."""
    base = re.split(r"[\\/]", str(name))[-1].replace("\x00", "").encode("utf-8", "replace").decode("utf-8")
    stem, suffix = os.path.splitext(base)
    return stem[:60] + suffix[:12] if stem.strip(". ") else "document" + suffix[:12]  # under 255 bytes


# ---- writing the corpus safely ---------------------------------------------------
def _read_raw_manifest(corpus_dir: Path) -> dict:
    corpus_mod.load_manifest(corpus_dir)  # a clear error when the current manifest is unusable
    return json.loads((corpus_dir / corpus_mod.MANIFEST).read_text(encoding="utf-8"))


def _write_manifest(corpus_dir: Path, raw: dict) -> None:
    _write_atomic(corpus_dir / corpus_mod.MANIFEST,
                  (json.dumps(raw, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def _restore_on_failure(corpus_dir: Path, added: Path | None = None) -> Iterator[None]:
    """Put the manifest back (and delete an added file) if the block fails, even on Ctrl-C."""
    manifest = corpus_dir / corpus_mod.MANIFEST
    before = manifest.read_bytes()
    try:
        yield
    except BaseException:
        _write_atomic(manifest, before)
        if added is not None:
            added.unlink(missing_ok=True)
        raise


def _published_clauses(index_dir: Path) -> int:
    version = index_mod.current_version(index_dir)
    try:
        return int(json.loads((version / "manifest.json").read_text(encoding="utf-8"))["n_clauses"])
    except (TypeError, OSError, ValueError, KeyError):
        return 0


def _change(action: str, doc: Document, n_clauses: int, version: Path) -> Change:
    manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
    return Change(action, doc, n_clauses, version, manifest["n_documents"], manifest["n_clauses"])
