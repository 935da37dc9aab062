"""Add documents (files or whole folders, one publish) or remove one, while the service runs.

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
from kb.errors import CorpusError, KBError, UnsupportedFormat
from kb.model import DOC_ID, Document
from kb.documents.metadata import DocMeta, document_id, infer_metadata, title_key
from kb.documents.readers import check_file, read_lines

LOCK_FILE = ".ingest.lock"


@dataclass
class DocumentInfo:
    """What the person adding a document says about it; anything given overrides what the text says."""

    id: str | None = None
    title: str | None = None
    issuer: list[str] = field(default_factory=list)
    date: str | None = None  # publication date, YYYY-MM-DD
    type: str | None = None  # 法律, 地方性法规, 规划, 实施意见, 行动计划, 通知 …
    number: str | None = None  # 文号
    scope: str | None = None  # 全国, a province or city, a district


@dataclass
class Change:
    """What an add or remove did and which index version is now published."""

    action: str  # "added" | "removed"
    document: Document
    n_clauses: int  # the document's own clauses
    version: Path
    total_documents: int
    total_clauses: int


@dataclass
class FileOutcome:
    """One file of an add: the document it became, or why it was refused."""

    file: str
    document: Document | None = None
    n_clauses: int = 0
    profile: str | None = None  # how it was read: law, official-document, scraped-page
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    entry: dict = field(default_factory=dict, repr=False)
    staged: Path | None = field(default=None, repr=False)


@dataclass
class AddReport:
    """Every file's outcome and the index version published for them (None on a dry run or when none went in)."""

    outcomes: list[FileOutcome]
    version: Path | None = None
    total_documents: int = 0
    total_clauses: int = 0
    updated: list[str] = field(default_factory=list)  # existing documents marked as amended by a new version

    @property
    def added(self) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.error is None]


def add_document(source: Path | str, corpus_dir: Path | str, index_dir: Path | str, embedder: Embedder,
                 info: DocumentInfo | None = None, filename: str | None = None,
                 progress: bool = False) -> Change:
    """Add one file; a refused file raises CorpusError (UnsupportedFormat for a format) and changes nothing."""
    report = add_documents([Path(source)], corpus_dir, index_dir, embedder, info,
                           names={Path(source): filename} if filename else None, progress=progress)
    outcome = report.outcomes[0]
    if outcome.error is not None:
        raise (UnsupportedFormat if outcome.error.startswith("unsupported") else CorpusError)(
            f"{outcome.file}: {outcome.error}")
    return Change("added", outcome.document, outcome.n_clauses, report.version,
                  report.total_documents, report.total_clauses)


def add_documents(paths: list[Path], corpus_dir: Path | str, index_dir: Path | str, embedder: Embedder | None,
                  info: DocumentInfo | None = None, dry_run: bool = False, names: dict[Path, str] | None = None,
                  progress: bool = False, cache_dir: Path | None = None) -> AddReport:
    """Add files and folders (recursively) in one publish: every file is read and parsed first,
    refused ones are reported with the reason, the rest go into the corpus and one new index.

    Metadata comes from each document's text; `info` overrides it (with one file only for id and
    title). A new version of a document already in the corpus marks the older one amended.
    `dry_run` reports what would happen and changes nothing."""
    corpus_dir, index_dir = Path(corpus_dir), Path(index_dir)
    files = collect_files(paths)
    if not files:
        raise CorpusError(f"no files found in {', '.join(str(p) for p in paths)}.")
    info = info or DocumentInfo()
    if len(files) > 1 and (info.id or info.title):
        raise CorpusError("--id and --title name one document; give them with a single file.")
    with tempfile.TemporaryDirectory(prefix="kb-add-") as tmp, exclusive(index_dir):
        raw = _read_raw_manifest(corpus_dir)
        known = _known_files(corpus_dir, raw)
        taken = {e["id"] for e in raw["documents"]}
        outcomes = []
        for n, path in enumerate(files):
            staged = Path(tmp) / f"{n}" / plain_name((names or {}).get(path) or path.name)
            outcomes.append(stage_file(path, staged, info, taken, known))
        report = AddReport(outcomes)
        report.updated = link_versions(raw["documents"], [o for o in outcomes if o.error is None])
        if dry_run or not report.added:
            return report
        added = [corpus_dir / o.entry["file"] for o in report.added]
        with _restore_on_failure(corpus_dir, added=added):
            for o, target in zip(report.added, added):
                _write_atomic(target, o.staged.read_bytes())
            _write_manifest(corpus_dir, {**raw, "documents": raw["documents"] + [o.entry for o in report.added]})
            report.version = index_mod.build(corpus_dir, index_dir, embedder, progress=progress, cache_dir=cache_dir)
        manifest = json.loads((report.version / "manifest.json").read_text(encoding="utf-8"))
        report.total_documents, report.total_clauses = manifest["n_documents"], manifest["n_clauses"]
        return report


def collect_files(paths: list[Path]) -> list[Path]:
    """Files named, and every file inside folders named (recursively, sorted); hidden files and a
    folder's README are not documents."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and not _skipped(p.relative_to(path)))
        else:
            files.append(path)
    return list(dict.fromkeys(files))


def _skipped(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts) or relative.stem.upper() == "README"


def stage_file(path: Path, staged: Path, info: DocumentInfo, taken: set[str],
               known: dict[str, str]) -> FileOutcome:
    """Copy, read, describe and parse one file in the staging folder; never raises for a bad file."""
    outcome = FileOutcome(str(path))
    try:
        check_file(path, staged.name)
        staged.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, staged)  # parse and publish these bytes, whatever happens to `path`
        digest = hashlib.sha256(staged.read_bytes()).hexdigest()
        if digest in known:
            raise CorpusError(f"already in the corpus as '{known[digest]}' (same content)")
        meta = infer_metadata(read_lines(staged), staged.name)
        outcome.entry = {**_entry(meta, info, staged.suffix.lower(), taken), "source": staged.name}
        doc = corpus_mod._document(staged, {**outcome.entry, "file": staged.name})
        clauses, outcome.profile = corpus_mod.parse_document_with_profile(doc, staged.parent)
    except (CorpusError, OSError) as exc:
        outcome.error = str(exc).removeprefix(f"{staged.name}: ").removeprefix(f"{staged}: ")
        return outcome
    known[digest] = doc.id
    taken.add(doc.id)
    outcome.document, outcome.n_clauses, outcome.staged = replace(doc, file=outcome.entry["file"]), len(clauses), staged
    outcome.warnings = list(meta.warnings)
    if outcome.profile == "official-document" and all(c.kind in ("preamble", "paragraph") for c in clauses):
        outcome.warnings.append("no recognisable numbering (第X条, 一、, （一）…): read as paragraphs")
    return outcome


def remove_document(doc_id: str, corpus_dir: Path | str, index_dir: Path | str, embedder: Embedder,
                    progress: bool = False) -> Change:
    """Drop a document from the manifest and the index, then delete its file from the corpus."""
    corpus_dir, index_dir = Path(corpus_dir), Path(index_dir)
    if not isinstance(doc_id, str) or not DOC_ID.match(doc_id):
        raise KBError(f"未知文件 {str(doc_id)[:60]!r}。No such document: ids are letters, digits, Chinese "
                      "characters and '-'; see GET /documents or `kb clauses --stats`.")
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
def _entry(meta: DocMeta, info: DocumentInfo, suffix: str, taken: set[str]) -> dict:
    """The manifest entry: what the text says, overridden by what the person said."""
    if info.date:
        try:
            dt.date.fromisoformat(info.date)
        except ValueError:
            raise CorpusError(f"date '{info.date[:40]}' is not a date; write it as YYYY-MM-DD, e.g. 2024-08-01.") from None
    title = (info.title or meta.title or "").strip()
    if not title:
        raise CorpusError("no title found in the text; give one with --title")
    doc_id = info.id or document_id(title, meta.version_date or info.date, taken)
    if not DOC_ID.match(doc_id):
        raise CorpusError(f"document id '{doc_id[:60]}' is not valid: use 2-61 letters, digits, Chinese characters or '-'.")
    if doc_id in taken:
        raise CorpusError(f"document '{doc_id}' is already in the corpus; choose another id or remove it first.")
    entry = {"id": doc_id, "file": doc_id + suffix, "title": title,
             "issuer": [i.strip() for i in info.issuer if i.strip()] or meta.issuer,
             "number": info.number or meta.number, "date_written": meta.date_written,
             "date_published": info.date or meta.date_published, "date_adopted": meta.date_adopted,
             "date_amended": meta.date_amended, "date_effective": meta.date_effective,
             "status": meta.validity, "type": info.type or meta.type, "scope": info.scope or meta.scope or "全市"}
    return {k: v for k, v in entry.items() if v not in (None, "", [])}


def version_date(entry: dict) -> str:
    """The date that orders versions of one document: the latest amendment, else adoption, else publication."""
    return entry.get("date_amended") or entry.get("date_adopted") or entry.get("date_published") \
        or entry.get("date_written") or ""


def link_versions(existing: list[dict], new: list[FileOutcome]) -> list[str]:
    """Documents with the same title: the newest is current, older ones are amended and point to
    the next newer (`superseded_by`). Returns the ids of existing entries this changed."""
    entries = existing + [o.entry for o in new]
    groups: dict[str, list[dict]] = {}
    for entry in entries:
        groups.setdefault(title_key(entry["title"]), []).append(entry)
    updated = []
    for versions in groups.values():
        dated = sorted((e for e in versions if version_date(e)), key=version_date)
        for older, newer in zip(dated, dated[1:]):
            if version_date(older) == version_date(newer) or older.get("superseded_by") == newer["id"]:
                continue
            older["superseded_by"], older["status"] = newer["id"], "已修订"
            if older in existing:
                updated.append(older["id"])
    for o in new:  # the documents reported must say what the manifest will say
        o.document = replace(o.document, status=o.entry.get("status"), superseded_by=o.entry.get("superseded_by"))
    return updated


def _known_files(corpus_dir: Path, raw: dict) -> dict[str, str]:
    """Content hash → id of every document already in the corpus: the same file is not added twice."""
    known = {}
    for entry in raw["documents"]:
        path = corpus_dir / entry["file"]
        if path.is_file():
            known[hashlib.sha256(path.read_bytes()).hexdigest()] = entry["id"]
    return known


def plain_name(name: str) -> str:
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
def _restore_on_failure(corpus_dir: Path, added: list[Path] = ()) -> Iterator[None]:
    """Put the manifest back (and delete added files) if the block fails, even on Ctrl-C."""
    manifest = corpus_dir / corpus_mod.MANIFEST
    before = manifest.read_bytes()
    try:
        yield
    except BaseException:
        _write_atomic(manifest, before)
        for path in added:
            path.unlink(missing_ok=True)
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
