"""The corpus: a manifest of documents and their parsed clauses."""
from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

from kb.documents.cleaning import split_metadata, drop_toc
from kb.errors import CorpusError
from kb.model import DOC_ID, Clause, Document
from kb.documents.readers import read_lines
from kb.documents.articles import resolve_links
from kb.documents.profiles import profile_for
from kb.documents.tables import task_text

MANIFEST = "manifest.json"
MAX_CLAUSE_CHARS = 500
MIN_MEASURE_CHARS = 150  # a task part keeps at least this much of its measures


def load_manifest(corpus_dir: Path) -> list[Document]:
    """Read corpus/manifest.json; each entry becomes a Document."""
    path = Path(corpus_dir) / MANIFEST
    if not path.is_file():
        raise CorpusError(f"{path}: corpus manifest not found; create it (see README, 'Adding a document').")
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))["documents"]
    except (json.JSONDecodeError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: not a valid manifest ({exc}); it must be UTF-8 JSON with a 'documents' list.") from exc
    if not isinstance(entries, list):
        raise CorpusError(f"{path}: not a valid manifest; 'documents' must be a list of entries.")
    docs = [_document(path, entry) for entry in entries]
    ids = [d.id for d in docs]
    if len(set(ids)) != len(ids):
        raise CorpusError(f"{path}: duplicate document ids in the manifest.")
    return docs


def _document(path: Path, entry: object) -> Document:
    if not isinstance(entry, dict):
        raise CorpusError(f"{path}: every entry must be an object with id, file and title, not {entry!r}.")
    for key in ("id", "file", "title"):
        if not entry.get(key):
            raise CorpusError(f"{path}: an entry lacks '{key}': {entry}")
    if not DOC_ID.match(str(entry["id"])):
        raise CorpusError(f"{path}: document id '{entry['id']}' must be 2-61 letters, digits, Chinese characters or '-'.")
    if isinstance(entry.get("issuer"), str):
        entry = {**entry, "issuer": [entry["issuer"]]}  # one issuer written without a list
    try:
        return Document.from_dict(entry)
    except TypeError as exc:
        raise CorpusError(f"{path}: entry '{entry['id']}' has a field of the wrong type ({exc}).") from exc


def parse_document(doc: Document, corpus_dir: Path) -> list[Clause]:
    """All clauses of one document, long ones split into parts."""
    return parse_document_with_profile(doc, corpus_dir)[0]


def parse_document_with_profile(doc: Document, corpus_dir: Path) -> tuple[list[Clause], str]:
    """The document's clauses and the name of the source profile that read it."""
    lines = read_lines(Path(corpus_dir) / doc.file)
    _meta, body = split_metadata(lines)
    body = drop_toc(body)
    profile = profile_for(body)
    clauses = profile.parse(doc, body)
    if not clauses:
        raise CorpusError(f"{doc.file}: no clauses could be read from the text.")
    return [part for clause in clauses for part in split_long(clause)], profile.name


def parse_corpus(corpus_dir: Path) -> tuple[list[Document], list[Clause]]:
    """Every document in the manifest and all their clauses; the first unusable file stops it."""
    docs = load_manifest(corpus_dir)
    clauses: list[Clause] = []
    for doc in docs:
        clauses.extend(parse_document(doc, corpus_dir))
    resolve_links(docs, clauses)
    return docs, clauses


def corpus_hash(corpus_dir: Path, docs: list[Document]) -> str:
    """A hash of the manifest and every document's bytes: changes when any source changes."""
    h = hashlib.sha256((Path(corpus_dir) / MANIFEST).read_bytes())
    for doc in docs:
        h.update(doc.id.encode())
        h.update(hashlib.sha256((Path(corpus_dir) / doc.file).read_bytes()).digest())
    return h.hexdigest()[:16]


def _splitter(size: int = MAX_CLAUSE_CHARS):
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    return RecursiveCharacterTextSplitter(
        separators=["\n", "。", "；", "！", "？", "，"], chunk_size=size,
        chunk_overlap=0, keep_separator="end", length_function=len,
    )


def split_long(clause: Clause) -> list[Clause]:
    """Split a clause over MAX_CLAUSE_CHARS on sentence boundaries; parts keep id and path."""
    if len(clause.text) <= MAX_CLAUSE_CHARS or clause.kind in ("indicator_row", "article"):  # articles split at 款/项
        return [clause]
    if clause.kind == "task_row":
        # every part repeats the task's name and duties, so only the measures share the budget
        budget = max(MIN_MEASURE_CHARS, MAX_CLAUSE_CHARS - len(task_text(clause.fields, "")))
        chunks = _splitter(budget).split_text(clause.fields.get("工作措施", ""))
        texts = [task_text(clause.fields, chunk.strip()) for chunk in chunks]
    else:
        texts = [chunk.strip() for chunk in _splitter().split_text(clause.text)]
    if len(texts) <= 1:
        return [clause]
    return [replace(clause, clause_id=f"{clause.clause_id}#{i}", part=i, text=text,
                    section_path=list(clause.section_path))
            for i, text in enumerate(texts, start=1)]
