"""The learnt reranking stage: its model file, its features, and what it may and may not do."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from kb.model import Clause, Document
from kb.search import rerank
from kb.search.legal import read_question
from kb.search.query import analyse
from kb.search.rescore import RESCORERS, Candidate
from kb.search.settings import Settings

PARKING = Document(id="park", file="park.md", title="北京市机动车停车条例", type="地方性法规")
PLAN = Document(id="plan", file="plan.md", title="北京市生态环境保护规划")


def _candidate(row: int, doc: Document, text: str, score: float, kind: str = "article", label: str = "",
               section: list[str] | None = None, dense: float = 0.0, bm25: float = 0.0) -> Candidate:
    clause = Clause(f"{doc.id}:{row}", doc.id, section or [], label or f"第{row}条", kind, text, row, row)
    return Candidate(row, clause, doc, score, dense, bm25)


def _pool() -> list[Candidate]:
    return [
        _candidate(1, PLAN, "加强停车设施规划建设，推进智慧停车。", 0.30, kind="measure", dense=0.86, bm25=5.0),
        _candidate(2, PARKING, "违反本条例第二十二条规定，逾期未改正的，由城市管理综合执法部门处两千元罚款。", 0.25,
                   section=["第六章 法律责任"], dense=0.84, bm25=4.0),
        _candidate(3, PARKING, "停车设施应当按照规定向区交通行政部门备案。", 0.20, dense=0.83, bm25=3.0),
    ] + [_candidate(10 + i, PLAN, f"其他内容{i}，与问题无关。", 0.1 / (i + 1), kind="paragraph") for i in range(12)]


def test_the_shipped_model_matches_the_code_and_says_what_it_was_trained_on():
    m = rerank.model()
    assert m["features"] == list(rerank.FEATURES)
    assert len(m["weights"]) == len(m["mean"]) == len(m["scale"]) == len(rerank.FEATURES)
    assert all(s > 0 for s in m["scale"])
    sets = json.loads((Path(__file__).parent.parent / "eval" / "gold_sets.json").read_text(encoding="utf-8"))
    held_out = {name for name, spec in sets.items() if isinstance(spec, dict) and spec.get("holdout")}
    assert held_out and not held_out & set(m["trained_on"])  # never fitted on a held-out set
    assert set(m["trained_on"]) <= set(sets)
    assert m["questions"] >= 300 and m["depth"] >= 5


@pytest.mark.parametrize("change", [{"features": ["fused", "something_else"]}, {"weights": [1.0]}, {"depth": 500}])
def test_a_stale_model_file_is_refused_when_the_index_loads_with_the_command_to_retrain(monkeypatch, change):
    from kb.errors import IndexError_

    stale = {**rerank.model(), **change}
    rerank.model.cache_clear()
    monkeypatch.setattr(rerank, "_read_model", lambda: stale)
    try:
        with pytest.raises(IndexError_, match="train_ranker.py"):
            RESCORERS["ranker"](Settings(), [PARKING, PLAN])
    finally:
        monkeypatch.undo()
        rerank.model.cache_clear()


def test_keyword_only_candidates_keep_their_order():  # no model loaded, or the busy fallback
    pool = [replace(c, dense=0.0) for c in _pool()]
    out = RESCORERS["ranker"](Settings(), [PARKING, PLAN]).rescore(analyse("停车场逾期不改正罚多少钱？"), pool)
    assert out == pool


def test_features_read_the_question_and_the_clause():
    query = analyse("停车场逾期不改正罚多少钱？")
    pool = _pool()
    x = rerank.features(query, pool, read_question(query.text, [PARKING, PLAN]), {d.id: d for d in (PARKING, PLAN)})
    col = {name: x[:, i] for i, name in enumerate(rerank.FEATURES)}
    assert x.shape == (len(pool), len(rerank.FEATURES))
    assert col["fused"][0] == 0.0 and (col["fused"][1:] < 0).all()  # log of the score over the best one
    assert col["penalty"][1] == 1.0 and col["penalty"][0] == 0.0 and col["penalty"][2] == 0.0
    assert col["figure_asked"][1] == 1.0  # 多少 asked, 两千元 stated
    assert col["cover"][1] > col["cover"][0]  # 逾期 / 改正 are in the penalty article, not the plan
    assert col["dense_rank"][0] == 1.0 and col["dense_rank"][5] == 0.0  # not among the dense neighbours
    assert not col["forbids_asked"].any()  # 罚多少 does not ask whether something is allowed
    assert not col["penalty_unasked"].any()  # the penalty is what is asked


def test_a_penalty_article_is_marked_when_the_question_asks_for_the_duty():
    query = analyse("停车设施要向哪个部门备案？")
    x = rerank.features(query, _pool(), read_question(query.text, [PARKING, PLAN]), {d.id: d for d in (PARKING, PLAN)})
    col = {name: x[:, i] for i, name in enumerate(rerank.FEATURES)}
    assert col["penalty_unasked"][1] == 1.0 and col["penalty_unasked"][2] == 0.0 and col["penalty"][1] == 0.0
    assert rerank.model()["weights"][rerank.FEATURES.index("penalty_unasked")] < 0  # learnt to stand back


def test_a_question_whether_something_is_allowed_marks_the_articles_that_forbid_it():
    pool = _pool()[:3] + [_candidate(4, PARKING, "禁止在人行道上停放机动车。", 0.15, dense=0.82)]
    docs = {d.id: d for d in (PARKING, PLAN)}
    for question, marked in (("车能不能停在人行道上？", True), ("车停在人行道上合法吗？", True),
                             ("车停在人行道上罚多少？", False)):
        query = analyse(question)
        x = rerank.features(query, pool, read_question(query.text, [PARKING, PLAN]), docs)
        forbids = x[:, rerank.FEATURES.index("forbids_asked")]
        assert list(forbids) == [0.0, 0.0, 0.0, float(marked)], question


def test_the_ranker_reorders_the_head_and_keeps_every_candidate():
    ranker = RESCORERS["ranker"](Settings(), [PARKING, PLAN])
    pool = _pool()
    query = analyse("停车场逾期不改正罚多少钱？")
    out = ranker.rescore(query, pool)
    assert sorted(c.row for c in out) == sorted(c.row for c in pool)
    depth = rerank.model()["depth"]
    head = {c.row for c in sorted(pool, key=lambda c: -c.score)[:depth]}
    ranked = sorted(out, key=lambda c: -c.score)
    assert {c.row for c in ranked[:depth]} == head  # the tail stays below the head, in its order
    tail = [c.row for c in ranked[depth:]]
    assert tail == [c.row for c in sorted(pool, key=lambda c: -c.score)[depth:]]
    assert ranked[0].row == 2  # the article that states the fine, over the plan's parking measure


def test_no_candidates_is_no_candidates():
    assert RESCORERS["ranker"](Settings(), []).rescore(analyse("停车"), []) == []


def test_training_learns_what_separates_gold_from_the_rest():
    import importlib.util
    import sys
    from pathlib import Path

    import numpy as np

    spec = importlib.util.spec_from_file_location("train_ranker", Path(__file__).parent.parent / "eval" / "train_ranker.py")
    train = importlib.util.module_from_spec(spec)
    sys.modules["train_ranker"] = train
    spec.loader.exec_module(train)
    rng = np.random.default_rng(0)
    items = []
    for q in range(60):  # the gold clause is never first as fused, but always has the most question words
        x = rng.normal(size=(40, len(rerank.FEATURES)))
        gold = int(rng.integers(1, 10))
        x[:, rerank.FEATURES.index("cover")] = rng.uniform(0, 0.5, size=40)
        x[gold, rerank.FEATURES.index("cover")] = 0.9
        items.append({"set": "s", "id": f"q{q}", "x": x, "y": np.arange(40) == gold})
    assert train.measure(train.ranks(items, None))[0] == 0.0
    model = train.fit(items, 10, 1.0)
    assert train.measure(train.ranks(items, model))[0] == 1.0
    assert train.measure(train.cross_validate(items, 10, 1.0))[0] >= 0.9


def test_the_ranker_steps_aside_on_an_index_built_with_another_embedding_model(tmp_path, fake_embedder, caplog):
    from kb import KnowledgeBase
    from kb.index.store import build_from, load

    ranker = RESCORERS["ranker"](Settings(), [])
    assert ranker.suits({"model_id": rerank.model()["embedder"]})  # its cosines are that model's
    doc = Document(id="demo", file="demo.txt", title="演示文件")
    clauses = [Clause(f"demo:{i}", "demo", ["一、总体要求"], "", "paragraph", t, i, i)
               for i, t in enumerate(["降尘量控制在5吨以内。", "加强停车设施建设。"])]
    build_from([doc], clauses, "h", tmp_path, fake_embedder, progress=False)
    kb = KnowledgeBase(load(tmp_path, fake_embedder.model_id), fake_embedder)
    stages = [type(s).__name__ for s in kb.searcher.rescorers]
    assert "LearnedRanker" not in stages and "LegalBoosts" in stages
    assert "trained for another embedding model" in caplog.text
