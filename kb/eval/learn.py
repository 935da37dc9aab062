"""What the learnt stages' training scripts share: the dev questions of every set on its corpus,
and folds that keep a question in one fold when two sets ask it over different corpora."""
from __future__ import annotations

import random
from pathlib import Path
from typing import Iterator

from kb.eval.metrics import GoldQuestion, load_gold
from kb.eval.run import gold_sets, set_corpus

FOLDS = 5


def dev_pools(root: Path, embedder, settings=None) -> Iterator[tuple[str, object, list[GoldQuestion]]]:
    """(set name, knowledge base searched with `settings`, dev questions) for every set that is not
    held out; frozen splits and held-out sets are never read."""
    for name, spec in gold_sets(root / "eval" / "gold_sets.json").items():
        if spec.get("holdout"):
            continue
        kb = set_corpus(spec, root, root / "corpus", root / "index", embedder, settings=settings)
        if kb is None:
            print(f"{name}: skipped (its folders are missing)")
            continue
        questions = [q for q in load_gold(root / spec["questions"], kb.clauses, kb.documents) if q.split != "frozen"]
        print(f"{name}: {len(questions)} dev questions")
        yield name, kb, questions


def folds(ids: list[str], k: int = FOLDS, seed: int = 13) -> list[int]:
    """A fold per item; items with the same question id share one."""
    distinct = sorted(set(ids))
    random.Random(seed).shuffle(distinct)
    fold = {q: i % k for i, q in enumerate(distinct)}
    return [fold[q] for q in ids]
