"""The query encoder under concurrency: shared work, a fixed pool, and the keyword-only fallback."""
from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from fastapi.testclient import TestClient

from kb.serve.api import create_app
from kb.search.encoder import QueryEncoder
from kb.search.searcher import BUSY_NOTICE, Searcher
from kb.search.settings import Settings
from test_retrieval import _tiny_index


class GatedEmbedder:
    """A FakeEmbedder whose query encoding blocks until the test opens the gate; counts calls."""

    def __init__(self, inner):
        self.inner, self.model_id, self.dim = inner, inner.model_id, inner.dim
        self.gate = threading.Event()
        self.calls: list[str] = []
        self.threads: set[str] = set()
        self.one_thread_calls = 0

    def encode_passages(self, texts):
        return self.inner.encode_passages(texts)

    def encode_query(self, text):
        self.calls.append(text)
        self.threads.add(threading.current_thread().name)
        self.gate.wait(10)
        return self.inner.encode_query(text)

    def use_one_thread(self):
        self.one_thread_calls += 1


def test_identical_questions_in_flight_share_one_computation(fake_embedder):
    model = GatedEmbedder(fake_embedder)
    encoder = QueryEncoder(model, workers=2)
    results = []
    threads = [threading.Thread(target=lambda: results.append(encoder.encode_query("降尘量"))) for _ in range(8)]
    for t in threads:
        t.start()
    time.sleep(0.2)
    model.gate.set()
    for t in threads:
        t.join(5)
    assert len(results) == 8 and model.calls == ["降尘量"]
    assert all(np.array_equal(r, fake_embedder.encode_query("降尘量")) for r in results)
    encoder.encode_query("降尘量")
    assert model.calls == ["降尘量"]  # now from the cache


def test_the_model_runs_on_the_pool_not_the_request_threads(fake_embedder):
    model = GatedEmbedder(fake_embedder)
    model.gate.set()
    encoder = QueryEncoder(model, workers=2)
    threads = [threading.Thread(target=encoder.encode_query, args=(f"问题{i}",)) for i in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(5)
    assert len(model.calls) == 12
    assert model.threads and all(name.startswith("query-encoder") for name in model.threads)
    assert len(model.threads) <= 2 and model.one_thread_calls == len(model.threads)


def test_a_missed_deadline_returns_none_and_drops_the_queued_job(fake_embedder):
    model = GatedEmbedder(fake_embedder)
    encoder = QueryEncoder(model, workers=1)
    assert encoder.try_encode_query("第一个", wait=0.05) is None  # running: the worker is stuck on it
    assert encoder.try_encode_query("第二个", wait=0.05) is None  # queued behind it, then dropped
    model.gate.set()
    assert encoder.try_encode_query("第三个", wait=5) is not None
    assert model.calls == ["第一个", "第三个"]  # the dropped one never ran
    assert encoder.try_encode_query("第一个", wait=0) is not None  # the started one still filled the cache


def test_a_busy_encoder_gives_keyword_only_results_flagged(tmp_path, fake_embedder):
    model = GatedEmbedder(fake_embedder)
    kb = _tiny_index(tmp_path, model)
    kb.searcher.settings = Settings(dense_wait=0.05)
    found = kb.retrieve("降尘量控制在多少", k=2)
    assert found.mode == "bm25" and found.busy and found.notice == BUSY_NOTICE
    assert found.hits[0].text.startswith("到2025年") and found.hits[0].dense_score == 0.0
    assert kb.ask("降尘量控制在多少").retrieval == "bm25"
    with TestClient(create_app(kb, frontends=False)) as client:
        body = client.get("/search", params={"q": "各区降尘量控制"}).json()
        assert body["retrieval"] == "bm25" and body["notice"] == BUSY_NOTICE and body["hits"]
        model.gate.set()
        kb.searcher.settings = Settings(dense_wait=10)  # a slow CI machine must not make this flaky
        body = client.get("/search", params={"q": "新能源汽车推广"}).json()
        assert body["retrieval"] == "hybrid" and body["notice"] is None
        assert client.get("/ask", params={"q": "森林覆盖率达到多少"}).json()["notice"] is None


def test_explicit_dense_mode_always_waits(tmp_path, fake_embedder):
    model = GatedEmbedder(fake_embedder)
    kb = _tiny_index(tmp_path, model)
    searcher = Searcher(kb.loaded, kb.embedder, Settings(dense_wait=0.01))
    threading.Timer(0.2, model.gate.set).start()
    found = searcher.search("降尘量", k=1, mode="dense")
    assert found.mode == "dense" and not found.busy and found.hits[0].dense_score > 0


def test_workers_must_be_positive(fake_embedder):
    with pytest.raises(ValueError):
        QueryEncoder(fake_embedder, workers=0)


def test_a_full_backlog_turns_callers_away_at_once_but_never_those_without_deadline(fake_embedder):
    model = GatedEmbedder(fake_embedder)
    encoder = QueryEncoder(model, workers=1, backlog=0)
    assert encoder.try_encode_query("第一个", wait=0.01) is None  # running, stuck at the gate
    start = time.perf_counter()
    assert encoder.try_encode_query("第二个", wait=5) is None
    assert time.perf_counter() - start < 1  # turned away, not made to wait out its deadline
    threading.Timer(0.2, model.gate.set).start()
    assert encoder.try_encode_query("第三个", wait=None) is not None  # no deadline: always queued
    assert model.calls == ["第一个", "第三个"]


def test_the_ui_says_when_results_are_keyword_only(tmp_path, fake_embedder):
    from ui.app import Callbacks

    model = GatedEmbedder(fake_embedder)
    kb = _tiny_index(tmp_path, model)
    kb.searcher.settings = Settings(dense_wait=0.05)
    ui = Callbacks(lambda: kb)
    assert "服务繁忙" in ui.search("降尘量控制在多少", 5, "hybrid", [], [], "", "")
    assert "服务繁忙" in ui.ask("降尘量控制在多少")
    model.gate.set()
    kb.searcher.settings = Settings(dense_wait=10)
    assert "服务繁忙" not in ui.search("新能源汽车推广", 5, "hybrid", [], [], "", "")
    assert "服务繁忙" not in ui.search("新能源汽车推广", 5, "bm25", [], [], "", "")


def test_the_service_takes_workers_and_deadline_from_its_settings(real_kb):
    from kb.serve.service import serving_kb
    from kb.serve.settings import AppSettings

    settings = AppSettings(index_dir=real_kb.loaded.path.parent, query_workers=3, dense_wait_ms=50)
    kb = serving_kb(settings, build=False)
    assert kb.embedder.workers == 3 and kb.searcher.settings.dense_wait == pytest.approx(0.05)
    assert kb.retrieve("到2025年各区降尘量要控制在多少？", k=3).mode in ("hybrid", "bm25")
    assert kb.embedder.encode_query("降尘量").shape == (kb.embedder.dim,)
    assert AppSettings().query_workers >= 1 and AppSettings().dense_wait_ms == 120


def test_passages_split_across_workers_come_back_in_order(fake_embedder):
    texts = [f"第{i}条 降尘量控制" for i in range(7)]
    for workers in (1, 2, 3):
        encoded = QueryEncoder(fake_embedder, workers=workers).encode_passages(texts)
        assert np.array_equal(encoded, fake_embedder.encode_passages(texts))
    assert QueryEncoder(fake_embedder, workers=2).encode_passages([]).shape == (0, fake_embedder.dim)


def test_a_service_without_a_model_is_never_called_busy(tmp_path, fake_embedder):
    kb = _tiny_index(tmp_path, fake_embedder)
    keyword_only = type(kb)(kb.loaded, None)
    found = keyword_only.retrieve("各区降尘量控制")
    assert found.mode == "bm25" and not found.busy and found.notice is None
    with TestClient(create_app(keyword_only, frontends=False)) as client:
        body = client.get("/search", params={"q": "各区降尘量控制"}).json()
        assert body["retrieval"] == "bm25" and body["notice"] is None and body["hits"]
        assert client.get("/ask", params={"q": "降尘量控制在多少"}).json()["notice"] is None
