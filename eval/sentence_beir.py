"""Write the corpus as a sentence-level BEIR dataset (a few thousand passages) for `kb eval --dataset`.

Passages are the sentences of every clause; queries are the gold questions; a sentence is
relevant when it contains one of the question's evidence strings. Usage:
    python eval/sentence_beir.py OUT_DIR && kb eval --dataset OUT_DIR
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from kb.documents.cleaning import split_sentences
from kb.documents.corpus import parse_corpus

ROOT = Path(__file__).resolve().parent.parent


def main(out: Path) -> None:
    _, clauses = parse_corpus(ROOT / "corpus")
    (out / "qrels").mkdir(parents=True, exist_ok=True)
    passages = []
    for clause in clauses:
        for n, sentence in enumerate(s for line in clause.text.split("\n") for s in split_sentences(line)):
            if len(sentence) >= 8:
                passages.append({"_id": f"{clause.clause_id}/s{n}", "title": clause.section_path[-1] if clause.section_path else "",
                                 "text": sentence})
    gold = [json.loads(line) for line in (ROOT / "eval/gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    qrels = []
    for q in gold:
        for ev in q["evidence"]:
            key = re.sub(r"\s+", "", ev)
            qrels += [(q["id"], p["_id"]) for p in passages if key in re.sub(r"\s+", "", p["text"])]
    with open(out / "corpus.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps(p, ensure_ascii=False) + "\n" for p in passages)
    with open(out / "queries.jsonl", "w", encoding="utf-8") as f:
        f.writelines(json.dumps({"_id": q["id"], "text": q["question"]}, ensure_ascii=False) + "\n" for q in gold)
    with open(out / "qrels" / "test.tsv", "w", encoding="utf-8") as f:
        f.write("query-id\tcorpus-id\tscore\n")
        f.writelines(f"{q}\t{p}\t1\n" for q, p in dict.fromkeys(qrels))
    print(f"{len(passages)} passages, {len(gold)} queries, {len(set(qrels))} judgements -> {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/kb-sentences-beir"))
