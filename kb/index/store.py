"""Build, publish and load an index directory with a versioned manifest.

Layout of the index root:
  CURRENT              name of the published version (replaced atomically)
  v<time>-<hash>/      manifest.json, clauses.jsonl, documents.json, the vector store's files, bm25/
  embeddings/          embedding cache, one .npz per model
A build writes a hidden temporary directory, renames it into place and only then
switches CURRENT, so readers see the old or the new index, never a mix.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from kb.documents import corpus as corpus_mod
from kb.index.vectors import DEFAULT_STORE, VectorStore, new_store, store_class
from kb.index.embedders import Embedder, EmbeddingCache
from kb.errors import IndexMissing, IndexStale
from kb.index.keyword import KeywordIndex
from kb.model import PART_SEP, Clause, Document

SCHEMA_VERSION = 2  # 2: the dense store also holds a vector per part (sentence, 款) of a long clause
KEEP_VERSIONS = 2
FILES = ("clauses.jsonl", "documents.json", "bm25/params.index.json", "bm25/vocab.index.json")


@dataclass
class LoadedIndex:
    path: Path
    manifest: dict
    documents: list[Document]
    clauses: list[Clause]
    dense: VectorStore
    keyword: KeywordIndex


def _context(clause: Clause, doc: Document | None) -> str:
    title = f"《{doc.title}》" if doc is not None else ""
    label = clause.label if clause.kind == "article" else ""
    return " ".join(p for p in (title, *clause.section_path[-2:], label) if p)


def passage_text(clause: Clause, doc: Document | None = None) -> str:
    """What gets embedded and keyword-indexed: the document's title, the nearest headings and the
    article label, then the clause — so a clause that never names its law or topic is still found
    by them ("停车条例 罚款", "第一百一十八条")."""
    return _context(clause, doc) + "\n" + clause.text


MIN_PART_CHARS = 8
_PART_END = re.compile(r"(?<=[。；！？;!?])|\n")


def clause_parts(clause: Clause, doc: Document | None = None) -> list[str]:
    """The parts of a clause with more than one — sentences, 款 and 项 — each with the clause's
    context, embedded beside the whole clause: a clause is as close to a question as its closest
    part, so one sentence of a long article or paragraph is not drowned by the rest."""
    parts = [p.strip() for p in _PART_END.split(clause.text) if len(p.strip()) >= MIN_PART_CHARS]
    if len(parts) < 2:
        return []
    context = _context(clause, doc)
    return [context + "\n" + p for p in parts]


def current_version(root: Path) -> Path | None:
    pointer = Path(root) / "CURRENT"
    if not pointer.is_file():
        return None
    path = Path(root) / pointer.read_text(encoding="utf-8").strip()
    return path if path.is_dir() else None


# Code and data that turn documents into an index: a change to any of them means a rebuild.
PIPELINE_PACKAGES = ("documents",)
PIPELINE_FILES = ("index/store.py", "index/keyword.py", "data/domain_dict.txt", "data/stopwords.txt")


def pipeline_hash() -> str:
    """A hash of the code and data that turn documents into an index: edits to them mean a rebuild."""
    from importlib import resources

    root = resources.files("kb")
    names = [f"{pkg}/{f.name}" for pkg in PIPELINE_PACKAGES for f in (root / pkg).iterdir()
             if f.name.endswith(".py")] + list(PIPELINE_FILES)
    h = hashlib.sha256()
    for name in sorted(names):
        h.update((root / name).read_bytes())
    return h.hexdigest()[:16]


def is_up_to_date(root: Path, corpus_dir: Path, model_id: str) -> bool:
    """True when the published index was built from this corpus, model and schema."""
    version = current_version(root)
    if version is None:
        return False
    try:
        manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
        docs = corpus_mod.load_manifest(corpus_dir)
    except (OSError, ValueError):
        return False
    return (manifest.get("schema_version") == SCHEMA_VERSION and manifest.get("model_id") == model_id
            and manifest.get("pipeline_hash") == pipeline_hash()
            and manifest.get("corpus_hash") == corpus_mod.corpus_hash(corpus_dir, docs)
            and _damaged(version, manifest) is None)


def build(corpus_dir: Path, root: Path, embedder: Embedder, progress: bool = True,
          cache_dir: Path | None = None, store: str = DEFAULT_STORE) -> Path:
    """Parse the corpus, embed (cached), index and publish a new version; return its path."""
    docs, clauses = corpus_mod.parse_corpus(corpus_dir)
    return build_from(docs, clauses, corpus_mod.corpus_hash(corpus_dir, docs), root, embedder, progress,
                      cache_dir, store)


def build_from(docs: list[Document], clauses: list[Clause], corpus_hash: str, root: Path,
               embedder: Embedder, progress: bool = True, cache_dir: Path | None = None,
               store: str = DEFAULT_STORE, parts: bool = True) -> Path:
    """Index already-parsed clauses and publish them as a new version of `root`.

    `cache_dir` holds the embedding cache (default: inside `root`); `store` names the vector
    store backend (kb.index.vectors.STORES); `parts: False` embeds whole clauses only."""
    root = Path(root)
    root.mkdir(parents=True, exist_ok=True)
    by_id = {d.id: d for d in docs}
    texts = [passage_text(c, by_id.get(c.doc_id)) for c in clauses]
    part_ids, part_texts = [], []
    for c in clauses if parts else ():
        for n, text in enumerate(clause_parts(c, by_id.get(c.doc_id)), 1):
            part_ids.append(f"{c.clause_id}{PART_SEP}{n}")
            part_texts.append(text)
    cache = EmbeddingCache(cache_dir or root / "embeddings", embedder.model_id, embedder.dim)
    vectors = cache.embed(embedder, texts + part_texts, progress=progress)
    tmp = root / f".build-{uuid.uuid4().hex[:8]}"
    tmp.mkdir()
    try:
        _write_jsonl(tmp / "clauses.jsonl", [c.to_dict() for c in clauses])
        (tmp / "documents.json").write_text(
            json.dumps([d.to_dict() for d in docs], ensure_ascii=False, indent=1), encoding="utf-8")
        dense = new_store(store, [c.clause_id for c in clauses] + part_ids, vectors)
        dense.save(tmp)
        KeywordIndex.build(texts).save(tmp / "bm25")
        manifest = {
            "schema_version": SCHEMA_VERSION,
            "model_id": embedder.model_id,
            "dim": embedder.dim,
            "vector_store": dense.backend,
            "dense_index": dense.kind,
            "corpus_hash": corpus_hash,
            "pipeline_hash": pipeline_hash(),
            "clause_set_hash": hashlib.sha256("\n".join(c.clause_id + c.text for c in clauses).encode()).hexdigest()[:16],
            "chunker": {"max_clause_chars": corpus_mod.MAX_CLAUSE_CHARS,
                        "parts": {"split_after": _PART_END.pattern, "min_chars": MIN_PART_CHARS}},
            "n_documents": len(docs),
            "n_clauses": len(clauses),
            "n_parts": len(part_ids),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "files": _file_hashes(tmp),
        }
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        version = root / f"v{time.strftime('%Y%m%d-%H%M%S')}-{uuid.uuid4().hex[:6]}"
        os.rename(tmp, version)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _publish(root, version)
    return version


def _publish(root: Path, version: Path) -> None:
    pointer_tmp = root / f".CURRENT-{uuid.uuid4().hex[:8]}"
    pointer_tmp.write_text(version.name, encoding="utf-8")
    os.replace(pointer_tmp, root / "CURRENT")
    versions = sorted((p for p in root.glob("v*") if p.is_dir()), key=lambda p: p.stat().st_mtime)
    for old in versions[:-KEEP_VERSIONS]:
        if old != version:
            shutil.rmtree(old, ignore_errors=True)
    for stale in root.glob(".build-*"):
        if time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)


def load(root: Path, model_id: str | None = None, verify: bool = True) -> LoadedIndex:
    """Load the published version; say what to run when it is missing, damaged or mismatched."""
    root = Path(root)
    version = current_version(root)
    if version is None:
        raise IndexMissing(f"no index in '{root}'. Run `kb build` (or `make run`) to build it.")
    try:
        manifest = json.loads((version / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise IndexStale(f"index manifest in '{version}' is unreadable ({exc}). Run `kb build`.") from exc
    if manifest.get("schema_version") != SCHEMA_VERSION:
        raise IndexStale(f"index schema {manifest.get('schema_version')} is not the current schema "
                         f"{SCHEMA_VERSION}. Run `kb build` to rebuild it.")
    if model_id and manifest.get("model_id") != model_id:
        raise IndexStale(f"index built with model {manifest.get('model_id')}, settings ask for {model_id}. "
                         "Run `kb build` to rebuild it with the configured model.")
    if verify and (damaged := _damaged(version, manifest)) is not None:
        raise IndexStale(f"index file '{damaged}' is missing or damaged. Run `kb build` to rebuild it.")
    try:
        docs = [Document.from_dict(d) for d in json.loads((version / "documents.json").read_text(encoding="utf-8"))]
        clauses = [Clause.from_dict(json.loads(line)) for line in
                   (version / "clauses.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
        dense = store_class(manifest.get("vector_store", DEFAULT_STORE)).load(version)
        keyword = KeywordIndex.load(version / "bm25")
    except (OSError, ValueError, TypeError, KeyError, RuntimeError) as exc:  # faiss reports damage as RuntimeError
        raise IndexStale(f"index in '{version}' cannot be read ({exc.__class__.__name__}: {str(exc)[:200]}). "
                         "Run `kb build` to rebuild it.") from exc
    expected = len(clauses) + int(manifest.get("n_parts", 0))
    if dense.size != expected:
        raise IndexStale(f"index in '{version}' has {dense.size} vectors for {len(clauses)} clauses and "
                         f"{manifest.get('n_parts', 0)} parts. Run `kb build`.")
    return LoadedIndex(version, manifest, docs, clauses, dense, keyword)


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def _damaged(version: Path, manifest: dict) -> Path | None:
    """The first file of a version that is missing or differs from its manifest hash."""
    files = manifest.get("files") or {}
    for name in sorted(set(files) | set(FILES)):
        path = version / name
        if not path.is_file() or _sha256(path) != files.get(name):
            return path
    return None


def _file_hashes(version: Path) -> dict[str, str]:
    """A hash of every file of a version (the manifest aside), so any damage is caught at load."""
    return {p.relative_to(version).as_posix(): _sha256(p) for p in sorted(version.rglob("*"))
            if p.is_file() and p.name != "manifest.json"}


def _sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
