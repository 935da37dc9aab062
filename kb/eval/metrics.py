"""Retrieval evaluation on the project's gold set or any BEIR-layout dataset (metrics by ranx)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from kb.errors import KBError

METRICS = ["hit_rate@1", "hit_rate@5", "recall@1", "recall@5", "recall@10", "recall@20", "mrr@10", "ndcg@10"]
DEPTH = 20


@dataclass
class GoldQuestion:
    id: str
    kind: str
    question: str
    evidence: list[str]
    clause_ids: list[str] = field(default_factory=list)
    answer: str = ""
    split: str = ""  # "frozen": written and set aside before any tuning; "dev": tuned on; "": no split
    targets: list[dict] = field(default_factory=list)  # [{file, article, evidence}] when the gold names articles


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def load_gold(path: Path, clauses, documents=()) -> list[GoldQuestion]:
    """Read gold questions and re-derive gold clauses from their evidence strings.

    A question either gives evidence strings alone (any clause containing one is gold) or names
    the answering articles: `file` + `article` + `evidence`, or a `gold` list of those, for
    documents added under that file name. Fails loudly when evidence no longer occurs where it
    should (a re-chunking or a cleaning change moved it).
    """
    resolver = _Resolver(clauses, documents)
    questions, missing = [], []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        targets = row.get("gold") or ([{k: row[k] for k in ("file", "article", "evidence") if k in row}]
                                      if row.get("file") else [])
        q = GoldQuestion(row["id"], row["kind"], row["question"], row.get("evidence", []),
                         row.get("clause_ids", []), row.get("answer", "") or "", row.get("split", ""), targets)
        resolved = []
        for target in targets or [{"evidence": [ev]} for ev in q.evidence]:
            found = resolver.find(target)
            if not found:
                missing.append(f"{q.id}: {target}")
            resolved += found
        q.clause_ids = list(dict.fromkeys(resolved))
        questions.append(q)
    if missing:
        raise KBError("gold evidence no longer found in any clause (re-chunking or cleaning moved it):\n  "
                      + "\n  ".join(missing))
    return questions


class _Resolver:
    """Finds the clauses a gold target names, by file, article label and evidence."""

    def __init__(self, clauses, documents):
        self.texts = [(c.clause_id, c.doc_id, c.label, _norm(c.text)) for c in clauses]
        self.by_file = {}
        for d in documents:
            self.by_file[d.file] = d.id
            if d.source:
                self.by_file[d.source] = d.id

    def find(self, target: dict) -> list[str]:
        doc_id = self.by_file.get(target["file"]) if target.get("file") else None
        if target.get("file") and doc_id is None:
            return []
        rows = [r for r in self.texts if (doc_id is None or r[1] == doc_id)
                and (not target.get("article") or r[2] == target["article"])]
        evidence = [_norm(e) for e in target.get("evidence", [])]
        return [cid for cid, _, _, text in rows if not evidence or any(e in text for e in evidence)]


def qrels_of(questions: list[GoldQuestion]) -> dict[str, dict[str, int]]:
    return {q.id: {cid: 1 for cid in q.clause_ids} for q in questions if q.clause_ids}


def scores(qrels: dict, run: dict, metrics: list[str] = METRICS) -> dict[str, float]:
    """ranx metrics averaged over the queries in qrels."""
    import warnings

    from ranx import Qrels, Run, evaluate

    if not qrels:
        return {m: float("nan") for m in metrics}
    run = {q: (run.get(q) or {"∅": 0.0}) for q in qrels}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = evaluate(Qrels(qrels), Run(run), metrics, make_comparable=True)
    return {m: round(float(result[m]), 4) for m in metrics}


def run_of(search, queries: dict[str, str], depth: int = DEPTH) -> dict[str, dict[str, float]]:
    """Ranked clause ids per query id (`queries`: id → text); `search(text, k)` returns clause ids best first."""
    return {qid: {cid: float(depth - rank) for rank, cid in enumerate(search(text, depth))}
            for qid, text in queries.items()}
