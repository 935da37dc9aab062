"""Eval runs: every retriever, ablation and naive anchor on each gold set (and BEIR datasets).

A gold set (eval/gold_sets.json) names its questions and the folders added beside corpus/ to
build its corpus; questions may carry a split — "frozen" (set aside before any tuning) or
"dev" — and every table is given per split.
"""
from __future__ import annotations

import json
import re
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from kb.eval.anchors import build_anchors
from kb.eval.metrics import DEPTH, GoldQuestion, load_gold, qrels_of, run_of, scores
from kb.index.keyword import KeywordIndex
from kb.index.store import passage_text
from kb.search.searcher import Searcher

HEADLINE = ["hit_rate@1", "hit_rate@5", "recall@10", "mrr@10", "ndcg@10"]
OUT_OF_SCOPE = "out_of_scope"


def retrievers(kb) -> dict[str, callable]:
    """Name → search(text, k) → clause ids, for each retriever and ablation the engine offers."""
    base = kb.searcher

    def ids(searcher, mode):
        return lambda q, k: [h.clause_id for h in searcher.search(q, k, mode).hits]

    no_syn = Searcher(base.index, base.encoder, replace(base.settings, use_synonyms=False))
    no_parts = Searcher(base.index, base.encoder, replace(base.settings, use_parts=False))
    no_rescore = Searcher(base.index, base.encoder, replace(base.settings, rescorers=()))
    no_legal = Searcher(base.index, base.encoder, replace(
        base.settings, rescorers=tuple(r for r in base.settings.rescorers if r not in ("legal", "asked_article", "penalty_article"))))
    no_ranker = Searcher(base.index, base.encoder, replace(
        base.settings, rescorers=tuple(r for r in base.settings.rescorers if r != "ranker")))
    texts = [passage_text(c, base.docs.get(c.doc_id)) for c in base.index.clauses]
    plain_index = replace(base.index, keyword=KeywordIndex.build(texts, use_domain_dict=False))
    found = {"bm25": ids(base, "bm25")}
    if base.encoder is not None:
        found["dense"] = ids(base, "dense")
        found["hybrid"] = ids(base, "hybrid")
        found["hybrid-no-synonyms"] = ids(no_syn, "hybrid")
        found["hybrid-no-parts"] = ids(no_parts, "hybrid")
        found["hybrid-no-rescoring"] = ids(no_rescore, "hybrid")
        found["hybrid-no-legal"] = ids(no_legal, "hybrid")
        found["hybrid-no-ranker"] = ids(no_ranker, "hybrid")
    found["bm25-no-domain-dict"] = ids(Searcher(plain_index, None, base.settings), "bm25")
    return found


def evaluate_gold(kb, gold_path: Path, anchors: dict | None = None, answers: bool = True) -> dict:
    """Per-split, per-retriever, per-kind metrics plus answer-level checks (refusals, values).

    The top-level "retrievers" and "answers" are for all questions; "splits" has frozen/dev."""
    questions = load_gold(gold_path, kb.clauses, kb.documents)
    kinds = list(dict.fromkeys(q.kind for q in questions if q.kind != OUT_OF_SCOPE))
    searches = retrievers(kb) | {name: anchor.search for name, anchor in (anchors or {}).items()}
    answerable = [q for q in questions if q.kind != OUT_OF_SCOPE]
    runs = {name: run_of(search, {q.id: q.question for q in answerable}, DEPTH) for name, search in searches.items()}
    covers = {name: anchor.covers for name, anchor in (anchors or {}).items()}
    groups = {"all": questions}
    if any(q.split for q in questions):
        groups |= {split: [q for q in questions if q.split == split] for split in ("frozen", "dev")}
    result = {"gold": str(gold_path), "n_questions": len(questions), "kinds": kinds, "splits": {}}
    for split, subset in groups.items():
        result["splits"][split] = {
            "n_questions": len(subset),
            "retrievers": {name: _scored(run, subset, kinds, covers.get(name)) for name, run in runs.items()},
            "answers": answer_checks(kb, subset) if answers else None}
    result["retrievers"], result["answers"] = result["splits"]["all"]["retrievers"], result["splits"]["all"]["answers"]
    return result


def _scored(run: dict, questions: list[GoldQuestion], kinds: list[str], covers: dict | None = None) -> dict:
    """Metrics overall and by kind; `covers` (chunk → clauses) scores a chunk retriever on its own
    chunks: a chunk is relevant when it covers a gold clause."""
    def qrels(subset):
        gold = qrels_of(subset)
        if covers is None:
            return gold
        return {q: {chunk: 1 for chunk, cl in covers.items() if rel.keys() & set(cl)} for q, rel in gold.items()}

    answerable = [q for q in questions if q.kind != OUT_OF_SCOPE]
    return {"overall": scores(qrels(answerable), run),
            "by_kind": {k: scores(qrels([q for q in questions if q.kind == k]), run) for k in kinds}}


_FIGURE = re.compile(r"\d")  # a stated figure (not a department's name, which the answer lists with the others')


def answer_checks(kb, questions: list[GoldQuestion], errors: list[str] | None = None) -> dict:
    """What `ask` does with the questions: out-of-scope ones refused, or answered "现有文件未规定…"
    (no value asserted); in-scope ones falsely refused or "not stated"; the gold value in the answer
    (a "not stated" answer counts as a miss). Misses are appended to `errors` when given."""
    n = dict.fromkeys(("oos", "refused", "no_value", "in", "false_refusal", "not_stated", "valued", "value_ok",
                       "stated_ok"), 0)
    for q in questions:
        answer = kb.ask(q.question)
        found = answer.answerable and answer.found
        if q.kind == OUT_OF_SCOPE:
            n["oos"] += 1
            n["refused"] += not answer.answerable
            n["no_value"] += not found
            if found and errors is not None:
                errors.append(f"OOS answered  {q.id} {q.question} → {answer.answer[:80]}")
            continue
        n["in"] += 1
        n["false_refusal"] += not answer.answerable
        if not answer.answerable and errors is not None:
            errors.append(f"false refusal {q.id} {q.question}")
        n["not_stated"] += answer.answerable and not found
        if q.answer:
            n["valued"] += 1
            ok = found and _squash(q.answer) in _squash(answer.answer)
            n["value_ok"] += ok
            # Stricter: a figure the answer states first (value（sentence）) must be the one asked, not
            # another figure of the sentence quoted after it.
            value = _squash(answer.value or "")
            stated = ok and (not _FIGURE.search(value) or _squash(q.answer) in value  # 10辆 does not state 110辆
                             or bool(re.search(rf"(?<![\d.]){re.escape(value)}", _squash(q.answer))))
            n["stated_ok"] += stated
            if not ok and errors is not None:
                errors.append(f"value missing {q.id} [{q.answer}] {q.question} → {answer.answer[:100]}")
            elif not stated and errors is not None:
                errors.append(f"value wrong   {q.id} [{q.answer}] {q.question} → {answer.answer[:100]}")
    rate = lambda a, b: round(n[a] / n[b], 4) if n[b] else None  # noqa: E731
    return {
        "refusal_rate": rate("refused", "oos"), "no_value_rate": rate("no_value", "oos"),
        "false_refusal_rate": rate("false_refusal", "in"), "not_stated_rate": rate("not_stated", "in"),
        "value_accuracy": rate("value_ok", "valued"), "value_stated_accuracy": rate("stated_ok", "valued"),
        "n_out_of_scope": n["oos"], "n_answerable": n["in"], "n_valued": n["valued"],
    }


def _squash(text: str) -> str:
    return "".join(text.split())


# ---- gold sets and their corpora ------------------------------------------------------------
def gold_sets(config: Path) -> dict[str, dict]:
    """The gold sets named in eval/gold_sets.json."""
    return {k: v for k, v in json.loads(Path(config).read_text(encoding="utf-8")).items() if not k.startswith("_")}


def set_corpus(spec: dict, root: Path, corpus_dir: Path, work: Path, embedder, progress: bool = False,
               settings=None):
    """The knowledge base a gold set is scored on: corpus/ plus the set's folders, built under
    `work` (the embedding cache in `work/embeddings` is shared between sets), searched with
    `settings` (default ones when None). None when a folder the set needs is missing."""
    from kb.index.ingest import add_documents
    from kb.knowledge import KnowledgeBase

    folders = [(root / f).resolve() for f in spec.get("add", [])]
    if any(not f.is_dir() for f in folders):
        return None
    cache = work / "embeddings"
    if not folders:
        return KnowledgeBase.build(corpus_dir, work, embedder, progress=progress, cache_dir=cache, settings=settings)
    name = "eval-" + "-".join(f.name for f in folders)
    scratch = work / name
    shutil.rmtree(scratch, ignore_errors=True)
    shutil.copytree(corpus_dir, scratch / "corpus", ignore=shutil.ignore_patterns(".*"))
    report = add_documents(folders, scratch / "corpus", scratch / "index", embedder, progress=progress, cache_dir=cache)
    refused = [f"{o.file}: {o.error}" for o in report.outcomes if o.error]
    if refused:
        raise RuntimeError("gold-set corpus incomplete:\n" + "\n".join(refused))
    return KnowledgeBase.load(scratch / "index", embedder, settings=settings)


def evaluate_sets(config: Path, corpus_dir: Path, work: Path, embedder, only: list[str] | None = None,
                  anchors: bool = True, progress: bool = False, holdout: bool = False) -> dict:
    """Every gold set (or those named in `only`), each on its own corpus, with the naive anchors.
    A held-out set is scored only when named or with `holdout`: reading it is for final figures."""
    root = Path(config).resolve().parent.parent
    results, corpora = {}, {}
    for name, spec in gold_sets(config).items():
        if (only and name not in only) or (not only and spec.get("holdout") and not holdout):
            continue
        folders = tuple(spec.get("add", []))
        if folders not in corpora:  # sets over the same folders share one corpus and its anchors
            kb = set_corpus(spec, root, Path(corpus_dir), Path(work), embedder, progress)
            corpora[folders] = kb, (build_anchors(kb.clauses, kb.embedder, Path(work) / "embeddings")
                                    if kb is not None and anchors and kb.embedder else {})
        kb, built = corpora[folders]
        if kb is None:
            results[name] = {"skipped": f"missing {', '.join(spec['add'])}"}
            continue
        results[name] = evaluate_gold(kb, root / spec["questions"], built) | {"note": spec.get("note", "")}
    return results


def evaluate_beir(dataset: Path, embedder, progress: bool = True, cache_dir: Path | None = None) -> dict:
    """Index a BEIR-layout dataset with the same pipeline and score every retriever."""
    from kb.index import store as index_mod
    from kb.knowledge import KnowledgeBase
    from kb.model import Clause, Document

    dataset = Path(dataset)
    corpus = _read_jsonl(dataset / "corpus.jsonl")
    queries = {str(r["_id"]): r["text"] for r in _read_jsonl(dataset / "queries.jsonl")}
    qrels: dict[str, dict[str, int]] = {}
    lines = (dataset / "qrels" / "test.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        if line.strip():
            qid, cid, score = line.split("\t")[:3]
            if int(score) > 0:
                qrels.setdefault(qid, {})[cid] = int(score)
    doc = Document(id="beir", file="", title=dataset.name)
    clauses = [Clause(str(r["_id"]), "beir", [r["title"]] if r.get("title") else [], "", "paragraph",
                      r.get("text", ""), 0, 0) for r in corpus]
    with tempfile.TemporaryDirectory() as tmp:
        index_mod.build_from([doc], clauses, "beir", Path(tmp), embedder, progress, cache_dir)
        kb = KnowledgeBase(index_mod.load(Path(tmp), embedder.model_id if embedder else None), embedder)
        result = {"dataset": dataset.name, "n_queries": len([q for q in qrels if q in queries]), "retrievers": {}}
        judged = {qid: queries[qid] for qid in qrels if qid in queries}
        for name, search in retrievers(kb).items():
            result["retrievers"][name] = scores({q: qrels[q] for q in judged}, run_of(search, judged, DEPTH))
    return result


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def markdown(results: dict) -> str:
    """The README tables: one per gold set and split, retrievers and anchors by question kind."""
    out = []
    for name, result in results.items():
        if "skipped" in result:
            out.append(f"### {name}: skipped ({result['skipped']})\n")
            continue
        splits = [s for s in ("frozen", "dev") if result["splits"].get(s, {}).get("n_questions")]
        for split in splits or ["all"]:
            out.append(_split_table(name, result, split))
    return "\n".join(out)


def _split_table(name: str, result: dict, split: str) -> str:
    part = result["splits"][split]
    kinds = result["kinds"]
    label = {"frozen": "frozen split (not tuned on)", "dev": "dev split (tuned on)", "all": "all questions"}[split]
    rows = [f"### {name} — {label}, {part['n_questions']} questions\n",
            "| retriever | " + " | ".join(kinds) + " | hit@1 | hit@5 | recall@10 | MRR@10 |",
            "|---" * (len(kinds) + 5) + "|"]
    for retriever, r in part["retrievers"].items():
        o = r["overall"]
        cells = " | ".join(f"{r['by_kind'][k]['hit_rate@5']:.2f}" for k in kinds)
        rows.append(f"| {retriever} | {cells} | {o['hit_rate@1']:.2f} | {o['hit_rate@5']:.2f} | "
                    f"{o['recall@10']:.2f} | {o['mrr@10']:.2f} |")
    notes = ["", "Kind cells are hit@5."]
    anchors = [a for a in ("naive-300", "clause-rrf") if a in part["retrievers"]]
    if "hybrid" in part["retrievers"] and anchors:
        best = max(anchors, key=lambda a: part["retrievers"][a]["overall"]["hit_rate@1"])
        margin = part["retrievers"]["hybrid"]["overall"]["hit_rate@1"] - part["retrievers"][best]["overall"]["hit_rate@1"]
        notes.append(f"Margin over the best naive anchor ({best}): hit@1 {margin:+.2f}.")
    a = part["answers"]
    if a:
        fmt = lambda v: "—" if v is None else f"{v:.2f}"  # noqa: E731
        notes.append(f"`ask`: out-of-scope refused {fmt(a['refusal_rate'])} ({a['n_out_of_scope']}), "
                     f"refused or 未规定 {fmt(a['no_value_rate'])}, "
                     f"false refusals {fmt(a['false_refusal_rate'])} ({a['n_answerable']}), "
                     f"value in answer {fmt(a['value_accuracy'])} ({a['n_valued']} with a value; "
                     f"the figure stated first the one asked {fmt(a['value_stated_accuracy'])}).")
    return "\n".join(rows + notes) + "\n"


def write_report(results: dict, directory: Path) -> Path:
    """Markdown report plus a PNG chart per gold set of hit@5 by retriever and question kind."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    charts = []
    for name, result in results.items():
        if "skipped" in result:
            continue
        split = "frozen" if "frozen" in result["splits"] else "all"
        part, kinds = result["splits"][split]["retrievers"], result["kinds"]
        fig, ax = plt.subplots(figsize=(11, 4.5))
        width = 0.8 / len(part)
        for i, (retriever, r) in enumerate(part.items()):
            ax.bar(np.arange(len(kinds)) + i * width, [r["by_kind"][k]["hit_rate@5"] for k in kinds], width, label=retriever)
        ax.set_xticks(np.arange(len(kinds)) + 0.4 - width / 2, kinds, fontsize=8)
        ax.set_ylim(0, 1.05)
        ax.set_ylabel("hit@5")
        ax.set_title(f"{name} ({split}): hit@5 by question kind")
        ax.legend(fontsize=7, ncol=4, loc="lower left")
        fig.tight_layout()
        fig.savefig(directory / f"hit5_{name}.png", dpi=110)
        plt.close(fig)
        charts.append(f"![{name}](hit5_{name}.png)")
    report = directory / "report.md"
    report.write_text("# Retrieval evaluation\n\n" + markdown(results) + "\n" + "\n".join(charts) + "\n\n```json\n"
                      + json.dumps(results, ensure_ascii=False, indent=1) + "\n```\n", encoding="utf-8")
    return report
