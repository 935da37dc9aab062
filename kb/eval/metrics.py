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


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def load_gold(path: Path, clauses) -> list[GoldQuestion]:
    """Read gold questions and re-derive gold clauses from their evidence strings.

    Fails loudly when an evidence string no longer occurs in any clause (a re-chunking
    or a cleaning change moved it); reports when the stored ids drifted.
    """
    texts = [(c.clause_id, _norm(c.text)) for c in clauses]
    questions, missing = [], []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        q = GoldQuestion(row["id"], row["kind"], row["question"], row.get("evidence", []),
                         row.get("clause_ids", []), row.get("answer", "") or "")
        resolved = []
        for ev in q.evidence:
            found = [cid for cid, text in texts if _norm(ev) in text]
            if not found:
                missing.append(f"{q.id}: {ev}")
            resolved += found
        q.clause_ids = list(dict.fromkeys(resolved))
        questions.append(q)
    if missing:
        raise KBError("gold evidence no longer found in any clause (re-chunking or cleaning moved it):\n  "
                      + "\n  ".join(missing))
    return questions


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
    """Ranked clause ids per query id (`queries`: id → text); `search(text, k)` returns hits best first."""
    run = {}
    for qid, text in queries.items():
        hits = search(text, depth)
        run[qid] = {h.clause_id: float(depth - rank) for rank, h in enumerate(hits)}
    return run
