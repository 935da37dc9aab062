"""Eval runs: every retriever and ablation on the gold set, BEIR datasets, Markdown + PNG report."""
from __future__ import annotations

import json
import tempfile
from dataclasses import replace
from pathlib import Path

from kb.eval.metrics import DEPTH, GoldQuestion, load_gold, qrels_of, run_of, scores
from kb.index.keyword import KeywordIndex
from kb.index.store import passage_text
from kb.search.searcher import Searcher

KINDS = ["fact", "responsibility", "district", "cross_doc", "paraphrase", "howto", "out_of_scope"]
HEADLINE = ["hit_rate@1", "hit_rate@5", "recall@10", "mrr@10", "ndcg@10"]


def retrievers(kb) -> dict[str, callable]:
    """Name → search(text, k) for each retriever and ablation the engine offers."""
    base = kb.searcher
    no_syn = Searcher(base.index, base.encoder, replace(base.settings, use_synonyms=False))
    texts = [passage_text(c) for c in base.index.clauses]
    plain_index = replace(base.index, keyword=KeywordIndex.build(texts, use_domain_dict=False))
    no_dict = Searcher(plain_index, None, base.settings)
    found = {"bm25": lambda q, k: base.search(q, k, "bm25")[1]}
    if base.encoder is not None:
        found["dense"] = lambda q, k: base.search(q, k, "dense")[1]
        found["hybrid"] = lambda q, k: base.search(q, k, "hybrid")[1]
        found["hybrid-no-synonyms"] = lambda q, k: no_syn.search(q, k, "hybrid")[1]
    found["bm25-no-domain-dict"] = lambda q, k: no_dict.search(q, k, "bm25")[1]
    return found


def evaluate_gold(kb, gold_path: Path) -> dict:
    """Per-retriever, per-kind metrics plus answer-level checks (refusals, values)."""
    questions = load_gold(gold_path, kb.clauses)
    result = {"n_questions": len(questions), "retrievers": {}, "answers": answer_checks(kb, questions)}
    for name, search in retrievers(kb).items():
        run = run_of(search, {q.id: q.question for q in questions if q.kind != "out_of_scope"}, DEPTH)
        per_kind = {}
        for kind in KINDS[:-1]:
            subset = [q for q in questions if q.kind == kind]
            per_kind[kind] = scores(qrels_of(subset), run)
        answerable = [q for q in questions if q.kind != "out_of_scope"]
        result["retrievers"][name] = {"overall": scores(qrels_of(answerable), run), "by_kind": per_kind}
    return result


def answer_checks(kb, questions: list[GoldQuestion]) -> dict:
    """Refusal rate on out-of-scope questions, false refusals, and values in answers."""
    refused, false_refusals, valued, value_ok = 0, 0, 0, 0
    out = [q for q in questions if q.kind == "out_of_scope"]
    answerable = [q for q in questions if q.kind != "out_of_scope"]
    for q in out:
        refused += not kb.ask(q.question).answerable
    for q in answerable:
        answer = kb.ask(q.question)
        false_refusals += not answer.answerable
        if q.kind in ("fact", "district") and q.answer:
            valued += 1
            value_ok += q.answer.replace(" ", "") in answer.answer.replace(" ", "")
    return {
        "refusal_rate": round(refused / len(out), 4) if out else None,
        "false_refusal_rate": round(false_refusals / len(answerable), 4) if answerable else None,
        "value_accuracy": round(value_ok / valued, 4) if valued else None,
        "n_out_of_scope": len(out), "n_answerable": len(answerable), "n_valued": valued,
    }


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


def markdown(result: dict) -> str:
    """The README table: hybrid and friends by question kind, then overall and answer checks."""
    rows = ["| retriever | " + " | ".join(KINDS[:-1]) + " | overall hit@1 | overall hit@5 | recall@10 | MRR@10 | nDCG@10 |",
            "|---" * (len(KINDS) + 5) + "|"]
    for name, r in result["retrievers"].items():
        kinds = " | ".join(f"{r['by_kind'][k]['hit_rate@5']:.2f}" for k in KINDS[:-1])
        o = r["overall"]
        rows.append(f"| {name} | {kinds} | {o['hit_rate@1']:.2f} | {o['hit_rate@5']:.2f} | "
                    f"{o['recall@10']:.2f} | {o['mrr@10']:.2f} | {o['ndcg@10']:.2f} |")
    a = result["answers"]
    rows.append("")
    rows.append(f"Per-kind cells are hit@5 (cross_doc: recall@10 = share of gold clauses in the top 10 is "
                f"{result['retrievers'].get('hybrid', next(iter(result['retrievers'].values())))['by_kind']['cross_doc']['recall@10']:.2f} for hybrid). "
                f"`ask`: refusals on out-of-scope {a['refusal_rate']:.2f} ({a['n_out_of_scope']} questions), "
                f"false refusals {a['false_refusal_rate']:.2f} ({a['n_answerable']}), "
                f"value in answer {a['value_accuracy']:.2f} ({a['n_valued']} fact/district questions).")
    return "\n".join(rows)


def write_report(result: dict, directory: Path) -> Path:
    """Markdown report plus a PNG chart of hit@5 by retriever and question kind."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    names = list(result["retrievers"])
    kinds = KINDS[:-1]
    fig, ax = plt.subplots(figsize=(10, 4.5))
    width = 0.8 / len(names)
    for i, name in enumerate(names):
        values = [result["retrievers"][name]["by_kind"][k]["hit_rate@5"] for k in kinds]
        ax.bar(np.arange(len(kinds)) + i * width, values, width, label=name)
    ax.set_xticks(np.arange(len(kinds)) + 0.4 - width / 2, kinds)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("hit@5")
    ax.set_title(f"Retrieval hit@5 by question kind ({result['n_questions']} gold questions)")
    ax.legend(fontsize=8, ncol=3, loc="lower left")
    fig.tight_layout()
    fig.savefig(directory / "hit5_by_kind.png", dpi=110)
    plt.close(fig)
    report = directory / "report.md"
    report.write_text("# Retrieval evaluation\n\n" + markdown(result) + "\n\n![hit@5](hit5_by_kind.png)\n\n```json\n"
                      + json.dumps(result, ensure_ascii=False, indent=1) + "\n```\n", encoding="utf-8")
    return report
