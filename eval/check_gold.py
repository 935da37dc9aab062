"""Validate eval/gold.jsonl against the parsed clauses.

Usage: python eval/check_gold.py [--gold eval/gold.jsonl] [--clauses clauses.jsonl] [--min-scale 1.0]

Exits non-zero and lists every problem when the gold set is out of step with the
clauses (for example after the parser changes how it cleans or splits text).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

KINDS = ("fact", "responsibility", "district", "cross_doc", "paraphrase", "howto", "out_of_scope")
MIN_PER_KIND = {kind: 15 for kind in KINDS} | {"fact": 20}
MIN_TOTAL = 130
ANSWER_KINDS = ("fact", "district", "responsibility")
BROAD_EVIDENCE = 3  # evidence matching more clauses than this is reported, not rejected


def load_jsonl(path: Path) -> list[dict]:
    """Read a JSONL file; a line that does not parse is reported with its number."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}:{n}: not valid JSON ({exc})") from exc
    return rows


def check_item(item: dict, clauses: list[dict], doc_of: dict[str, str]) -> tuple[list[str], list[str]]:
    """Return (errors, notes) for one gold question."""
    qid, kind = item.get("id", "?"), item.get("kind")
    errors, notes = [], []
    if kind not in KINDS:
        errors.append(f"{qid}: unknown kind {kind!r}")
    if not item.get("question"):
        errors.append(f"{qid}: empty question")
    evidence, clause_ids = item.get("evidence", []), item.get("clause_ids", [])
    if kind == "out_of_scope":
        if evidence or clause_ids:
            errors.append(f"{qid}: out_of_scope must have empty evidence and clause_ids")
        return errors, notes
    if not evidence:
        errors.append(f"{qid}: no evidence")
    expected: list[str] = []
    for ev in evidence:
        if not 8 <= len(ev) <= 40:
            errors.append(f"{qid}: evidence is {len(ev)} chars (want 8-40): {ev}")
        hits = [c["clause_id"] for c in clauses if ev in c["text"]]
        if not hits:
            errors.append(f"{qid}: evidence occurs in no clause: {ev}")
        elif len(hits) > BROAD_EVIDENCE:
            notes.append(f"{qid}: evidence matches {len(hits)} clauses: {ev}")
        expected.extend(h for h in hits if h not in expected)
    if set(clause_ids) != set(expected):
        errors.append(f"{qid}: clause_ids {sorted(clause_ids)} != clauses containing evidence {sorted(expected)}")
    if kind == "cross_doc" and len({doc_of[c] for c in expected}) < 2:
        errors.append(f"{qid}: cross_doc evidence comes from fewer than two documents")
    if kind in ANSWER_KINDS:
        answer = item.get("answer", "")
        if not answer:
            errors.append(f"{qid}: {kind} question needs an answer")
        else:
            gold = [c for c in clauses if c["clause_id"] in expected]
            haystack = "".join(c["text"] + json.dumps(c.get("fields", {}), ensure_ascii=False) for c in gold)
            if answer not in haystack:
                errors.append(f"{qid}: answer {answer!r} not found in its gold clauses")
    return errors, notes


def main() -> int:
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=here / "gold.jsonl")
    parser.add_argument("--clauses", type=Path, default=None,
                        help="clauses JSONL (`kb clauses --json`); default: parse corpus/ now")
    parser.add_argument("--min-scale", type=float, default=1.0,
                        help="scale the minimum counts per kind and in total (e.g. 0 for a small held-out set)")
    args = parser.parse_args()

    gold = load_jsonl(args.gold)
    if args.clauses is None:
        from kb.documents.corpus import parse_corpus

        clauses = [c.to_dict() for c in parse_corpus(Path(__file__).resolve().parent.parent / "corpus")[1]]
    else:
        clauses = load_jsonl(args.clauses)
    doc_of = {c["clause_id"]: c["doc_id"] for c in clauses}
    errors, notes = [], []
    ids = Counter(item.get("id") for item in gold)
    errors += [f"duplicate id {qid} ({n} times)" for qid, n in ids.items() if n > 1]
    for item in gold:
        item_errors, item_notes = check_item(item, clauses, doc_of)
        errors += item_errors
        notes += item_notes

    counts = Counter(item.get("kind") for item in gold)
    minimum = {k: int(n * args.min_scale) for k, n in MIN_PER_KIND.items()}
    errors += [f"kind {k}: {counts[k]} questions, need {n}" for k, n in minimum.items() if counts[k] < n]
    if len(gold) < int(MIN_TOTAL * args.min_scale):
        errors.append(f"{len(gold)} questions in total, need {int(MIN_TOTAL * args.min_scale)}")
    docs = Counter(doc_of[c] for item in gold for c in item.get("clause_ids", []))

    print(f"{len(gold)} questions: " + ", ".join(f"{k} {counts[k]}" for k in KINDS))
    print("gold clauses per document: " + ", ".join(f"{d} {n}" for d, n in sorted(docs.items())))
    for note in notes:
        print("note:", note)
    for error in errors:
        print("ERROR:", error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
