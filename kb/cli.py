"""`kb` command line: build, inspect, search, ask, targets, eval, bench, serve."""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Optional

import typer

from kb.errors import KBError
from kb.serve.settings import AppSettings

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="北京生态环境政策知识库 — offline clause search and cited answers.")


def _settings() -> AppSettings:
    return AppSettings()


def _fail(exc: Exception) -> None:
    typer.secho(f"错误 / error: {exc}", fg=typer.colors.RED, err=True)
    raise typer.Exit(2)


def _kb(dense: bool = True):
    from kb.knowledge import KnowledgeBase

    s = _settings()
    try:
        return KnowledgeBase.load(s.index_dir, s.embedder if dense else None)
    except KBError as exc:
        _fail(exc)


def _jsonl(path: Path) -> list[dict]:
    try:
        rows = [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        _fail(KBError(f"{path}: cannot read batch file ({exc}); it must be UTF-8 JSONL with {{\"id\", \"text\"}}."))
    for row in rows:
        if not isinstance(row, dict) or "text" not in row:
            _fail(KBError(f"{path}: every line needs a \"text\" field: {row}"))
    return rows


def _print_json(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


@app.command()
def build(force: bool = typer.Option(False, help="Rebuild even when the index is up to date.")) -> None:
    """Parse the corpus and build or refresh index/."""
    import time

    from kb.knowledge import KnowledgeBase

    s = _settings()
    start = time.perf_counter()
    try:
        kb = KnowledgeBase.build(s.corpus_dir, s.index_dir, s.embedder, force=force)
    except KBError as exc:
        _fail(exc)
    info = kb.info
    typer.echo(f"index {info['index']}: {info['n_clauses']} clauses from {info['n_documents']} documents, "
               f"model {info['model_id']} ({time.perf_counter() - start:.1f} s)")


@app.command()
def add(paths: list[Path] = typer.Argument(..., help="Files and folders (recursive): .txt .md .docx .pdf .html."),
        doc_id: Optional[str] = typer.Option(None, "--id", help="Document id (one file only; default: from the title)."),
        title: Optional[str] = typer.Option(None, help="Title (one file only; default: read from the text)."),
        issuer: list[str] = typer.Option([], help="Issuing body; repeat for several (default: read from the text)."),
        date: Optional[str] = typer.Option(None, help="Publication date, YYYY-MM-DD."),
        doc_type: Optional[str] = typer.Option(None, "--type", help="法律, 地方性法规, 规划, 实施意见, 行动计划, 通知 …"),
        number: Optional[str] = typer.Option(None, help="文号, e.g. 京政发〔2021〕35号."),
        scope: Optional[str] = typer.Option(None, help="全国, a province or city, or a district."),
        dry_run: bool = typer.Option(False, "--dry-run", help="Parse and report; change nothing.")) -> None:
    """Add documents to corpus/ and publish one new index (only their clauses are embedded)."""
    import time

    from kb.index.embedders import make_embedder
    from kb.index.ingest import DocumentInfo, add_documents

    info = DocumentInfo(id=doc_id, title=title, issuer=issuer, date=date, type=doc_type, number=number, scope=scope)
    s, start = _settings(), time.perf_counter()
    try:
        report = add_documents(paths, s.corpus_dir, s.index_dir, None if dry_run else make_embedder(s.embedder),
                               info, dry_run=dry_run, progress=True)
    except KBError as exc:
        _fail(exc)
    typer.echo(add_report_table(report))
    refused = len(report.outcomes) - len(report.added)
    if dry_run:
        typer.echo(f"dry run: {len(report.added)} would be added, {refused} refused; nothing was changed.")
    elif report.version is not None:
        typer.echo(f"added {len(report.added)}, refused {refused}; index {report.version.name}: "
                   f"{report.total_clauses} clauses from {report.total_documents} documents "
                   f"({time.perf_counter() - start:.1f} s). A running server switches to it within a second.")
    else:
        typer.echo(f"nothing added: {refused} refused.")
    if refused:
        raise typer.Exit(1)


def add_report_table(report) -> str:
    """One row a file: file → id, title, type, clauses, or the reason it was refused."""
    rows = ["| file | id | title | type | validity | clauses | note |", "|---|---|---|---|---|---|---|"]
    for o in report.outcomes:
        name = Path(o.file).name
        if o.error:
            rows.append(f"| {name} | — | — | — | — | — | refused: {o.error} |")
            continue
        d = o.document
        note = "; ".join(o.warnings + ([f"superseded by {d.superseded_by}"] if d.superseded_by else []))
        rows.append(f"| {name} | {d.id} | {d.title} | {d.type or ''} | {d.status or ''} | {o.n_clauses} | {note} |")
    for doc_id in report.updated:
        rows.append(f"| (in corpus) | {doc_id} | | | 已修订 | | superseded by a document added now |")
    return "\n".join(rows)


@app.command()
def remove(doc_id: str = typer.Argument(..., help="The document id, e.g. bj-plan-2021.")) -> None:
    """Remove a document from corpus/ and publish a new index without it."""
    from kb.index.ingest import remove_document

    _change(lambda s, embedder: remove_document(doc_id, s.corpus_dir, s.index_dir, embedder))


def _change(apply) -> None:
    import time

    from kb.index.embedders import make_embedder

    s, start = _settings(), time.perf_counter()
    try:
        change = apply(s, make_embedder(s.embedder))
    except KBError as exc:
        _fail(exc)
    doc = change.document
    typer.echo(f"{change.action} {doc.id} 《{doc.title}》 ({change.n_clauses} clauses, corpus/{doc.file}); "
               f"index {change.version.name}: {change.total_clauses} clauses from {change.total_documents} "
               f"documents ({time.perf_counter() - start:.1f} s). A running server switches to it within a second.")


@app.command()
def clauses(doc: Optional[str] = typer.Option(None, help="List the clauses of one document id."),
            stats: bool = typer.Option(False, help="Clauses per document and kind."),
            as_json: bool = typer.Option(False, "--json", help="JSONL output.")) -> None:
    """Parse the corpus and show its clauses (no index needed)."""
    from kb.documents.corpus import parse_corpus

    try:
        docs, items = parse_corpus(_settings().corpus_dir)
    except KBError as exc:
        _fail(exc)
    if doc:
        if doc not in {d.id for d in docs}:
            _fail(KBError(f"unknown document '{doc}'; known: {', '.join(d.id for d in docs)}"))
        items = [c for c in items if c.doc_id == doc]
    if stats or not (doc or as_json):
        counts = Counter((c.doc_id, c.kind) for c in items)
        for d in docs:
            kinds = ", ".join(f"{k} {n}" for (di, k), n in sorted(counts.items()) if di == d.id)
            typer.echo(f"{d.id:<16} {sum(n for (di, _), n in counts.items() if di == d.id):>4}  {kinds}  《{d.title}》")
        typer.echo(f"{'total':<16} {len(items):>4}")
        return
    for c in items:
        if as_json:
            _print_json(c.to_dict())
        else:
            typer.echo(f"{c.clause_id}  [{c.kind}] {c.section}\n    {c.text[:120]}")


@app.command()
def show(clause_id: str = typer.Argument(..., help="A clause id (DOC:…) or a document id."),
         neighbours: int = typer.Option(1, help="Clauses to show before and after.")) -> None:
    """A document's metadata, or one clause with its metadata and its neighbours."""
    kb = _kb(dense=False)
    if ":" not in clause_id:
        try:
            doc = kb.document_meta(clause_id)
        except KBError as exc:
            _fail(exc)
        for key, value in doc.to_dict().items():
            if value not in (None, "", []):
                typer.echo(f"{key}: {'、'.join(value) if isinstance(value, list) else value}")
        typer.echo(f"clauses: {len(kb.document_clauses(doc.id))}")
        return
    try:
        clause, before, after = kb.clause(clause_id, neighbours)
    except KBError as exc:
        _fail(exc)
    doc = kb.document_meta(clause.doc_id)
    for c in before:
        typer.secho(f"  ↑ {c.clause_id}: {c.text[:80]}", dim=True)
    typer.echo(f"《{doc.title}》 {doc.number or ''} {doc.date or ''}\n{clause.section}\n"
               f"id {clause.clause_id} · {clause.kind} · {clause.label or '-'} · 行 {clause.start_line}-{clause.end_line}\n")
    typer.echo(clause.text)
    for key, value in clause.fields.items():
        typer.echo(f"  {key}: {value}")
    if clause.links:
        typer.echo(f"  引用 cites: {', '.join(clause.links)}")
    for c in after:
        typer.secho(f"  ↓ {c.clause_id}: {c.text[:80]}", dim=True)


@app.command()
def search(query: Optional[str] = typer.Argument(None), k: int = typer.Option(10, "-k"),
           batch: Optional[Path] = typer.Option(None, help="JSONL file of {\"id\", \"text\"}."),
           mode: str = typer.Option("hybrid", help="hybrid | bm25 | dense"),
           doc: list[str] = typer.Option([], "--doc", help="Only these document ids (repeatable)."),
           doc_type: list[str] = typer.Option([], "--type", help="Only these document types, e.g. 规划."),
           year: Optional[int] = typer.Option(None, help="Only clauses about this year."),
           district: Optional[str] = typer.Option(None, help="Only clauses about this district, e.g. 海淀区."),
           as_json: bool = typer.Option(False, "--json")) -> None:
    """Ranked clauses for a question."""
    from kb.search.searcher import Filters

    kb = _kb(dense=mode != "bm25")
    filters = Filters(doc_ids=list(doc), doc_types=list(doc_type), year=year, district=district)
    rows = _jsonl(batch) if batch else [{"id": None, "text": query or ""}]
    for row in rows:
        try:
            hits = kb.search(row["text"], k=k, mode=mode, filters=filters)
        except KBError as exc:
            if batch:
                _print_json({"id": row.get("id"), "query": row["text"], "error": str(exc), "hits": []})
                continue
            _fail(exc)
        if batch or as_json:
            _print_json({"id": row.get("id"), "query": row["text"], "hits": [h.to_dict() for h in hits]})
        else:
            for n, h in enumerate(hits, 1):
                typer.echo(f"{n}. 《{h.doc_title}》 {h.section} — {h.text[:160]}  [{h.score:.4f}]")


@app.command()
def ask(query: Optional[str] = typer.Argument(None), batch: Optional[Path] = typer.Option(None),
        as_json: bool = typer.Option(False, "--json")) -> None:
    """An extractive answer with its citations."""
    kb = _kb()
    rows = _jsonl(batch) if batch else [{"id": None, "text": query or ""}]
    for row in rows:
        try:
            answer = kb.ask(row["text"])
        except KBError as exc:
            if batch:
                _print_json({"id": row.get("id"), "query": row["text"], "answerable": False,
                             "answer": "", "error": str(exc), "citations": []})
                continue
            _fail(exc)
        answer.id = row.get("id")
        if batch or as_json:
            _print_json(answer.to_dict())
            continue
        typer.echo(f"答：{answer.answer}\n")
        for n, h in enumerate(answer.citations[:5], 1):
            typer.echo(f"[{n}] 《{h.doc_title}》 {h.doc_number or ''} {h.doc_date or ''}\n    {h.section} — {h.text[:200]}")


@app.command()
def targets(indicator: str, year: Optional[int] = typer.Option(None), scope: Optional[str] = typer.Option(None),
            as_json: bool = typer.Option(False, "--json")) -> None:
    """Every target and status figure for one indicator, across documents and years."""
    kb = _kb(dense=False)
    try:
        rows = kb.targets(indicator, year=year, scope=scope)
    except KBError as exc:
        _fail(exc)
    if as_json:
        _print_json(rows)
        return
    if not rows:
        typer.echo(f"没有找到指标“{indicator}”的目标值。")
    for r in rows:
        kind = "目标" if r["kind"] == "target" else "现状"
        typer.echo(f"{r.get('year') or '—'}  {r['indicator']} {r.get('qualifier') or ''}{r['value']}{r.get('unit') or ''}"
                   f"  [{kind}·{r.get('scope')}]  《{r['doc_title']}》 {r['clause_id']}")


def main() -> None:  # pragma: no cover
    app()


@app.command("eval")
def eval_(dataset: Optional[Path] = typer.Option(None, help="A BEIR-layout dataset directory."),
          sets: Path = typer.Option(Path("eval/gold_sets.json"), help="The gold sets and the folders each adds."),
          only: list[str] = typer.Option([], "--set", help="Only these gold sets (repeatable), e.g. laws."),
          report: Optional[Path] = typer.Option(None, help="Write report.md and PNG charts here."),
          no_anchors: bool = typer.Option(False, "--no-anchors", help="Skip the naive anchors (faster)."),
          holdout: bool = typer.Option(False, "--holdout", help="Also the held-out sets (for the final figures only)."),
          as_json: bool = typer.Option(False, "--json")) -> None:
    """Score retrievers, ablations and naive anchors on every gold set (per split), or a BEIR dataset.
    Held-out sets ("holdout": true in the sets file) run only with --holdout or when named by --set."""
    from kb.eval import run as evalrun
    from kb.index.embedders import make_embedder

    s = _settings()
    try:
        embedder = make_embedder(s.embedder)
        if dataset:
            result = evalrun.evaluate_beir(dataset, embedder, cache_dir=s.index_dir / "embeddings")
        else:
            result = evalrun.evaluate_sets(sets, s.corpus_dir, s.index_dir, embedder, only or None,
                                           anchors=not no_anchors, holdout=holdout)
    except KBError as exc:
        _fail(exc)
    if as_json:
        _print_json(result)
    elif dataset:
        for name, metrics in result["retrievers"].items():
            typer.echo(f"{name:<22} " + "  ".join(f"{m} {v:.3f}" for m, v in metrics.items()))
    else:
        typer.echo(evalrun.markdown(result))
    if report and not dataset:
        typer.echo(f"report: {evalrun.write_report(result, report)}", err=True)


@app.command()
def serve() -> None:
    """Build the index if missing or stale, then serve the UI (/) and API (/docs)."""
    from kb.serve.server import serve as run_server

    try:
        run_server(_settings())
    except KBError as exc:
        _fail(exc)
