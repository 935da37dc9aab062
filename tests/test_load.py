"""The load script: loopback only, bounded, and a short real run against the live service."""
from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from _server import ROOT, index_dir, live_server  # noqa: F401  (fixtures)
from conftest import EMBEDDING_CACHE
from kb.serve.server import background_server

spec = importlib.util.spec_from_file_location("load", Path(__file__).parents[1] / "eval" / "load.py")
load = importlib.util.module_from_spec(spec)
spec.loader.exec_module(load)
FIXTURES = ROOT / "tests" / "fixtures" / "corpus"


@pytest.mark.parametrize("url", ["http://8.8.8.8:80", "http://10.0.0.1:7860", "http://192.168.1.10",
                                 "https://127.0.0.1:7860", "ftp://127.0.0.1", "127.0.0.1:7860", "http://:80"])
def test_only_loopback_urls_are_accepted(url):
    with pytest.raises(SystemExit):
        load.check_url(url)


@pytest.mark.parametrize("url, host", [("http://127.0.0.1:7860", "127.0.0.1"), ("http://[::1]:7860", "::1"),
                                       ("http://localhost:7860", "localhost")])
def test_loopback_urls_pass(url, host):
    assert load.check_url(url) == (host, 7860)


def test_percentiles_are_nearest_rank():
    values = list(range(1, 101))
    assert [load.percentile(values, q) for q in (0.5, 0.95, 0.99)] == [50, 95, 99]
    assert load.percentile([7.0], 0.99) == 7.0 and load.percentile([], 0.5) == 0.0


def test_short_run_against_the_live_service(live_server):  # noqa: F811
    report = load.run(live_server, clients=4, seconds=3, max_requests=60, warmup=0)
    overall = report["overall"]
    assert overall["errors"] == 0 and 0 < overall["requests"] <= 60
    assert all(report["endpoints"][e]["requests"] > 0 for e in load.ENDPOINTS)
    assert 0 < overall["p50_ms"] <= overall["p95_ms"] <= overall["p99_ms"] <= overall["max_ms"]


def test_documents_added_and_removed_under_load_cost_no_errors(index_dir, tmp_path):
    env = load.server_env(FIXTURES / "notice.txt", tmp_path)
    assert Path(env["KB_CORPUS_DIR"]) != ROOT / "corpus"  # the project's own corpus is never touched
    # The server builds its scratch index at start: give it the session's embeddings (a fresh
    # clone has none in index/), so only the churned document is embedded while it starts.
    shutil.copytree(EMBEDDING_CACHE, Path(env["KB_INDEX_DIR"]) / "embeddings", dirs_exist_ok=True)
    with background_server(env, timeout=180, cwd=ROOT) as url:
        report = load.run(url, clients=4, seconds=8, max_requests=400, warmup=0, churn=FIXTURES / "notice.txt")
    changes = report["index_changes"]
    assert report["overall"]["errors"] == 0 and report["overall"]["requests"] > 0
    assert changes["done"] >= 2 and changes["failed"] == []
    manifest = (tmp_path / "corpus" / "manifest.json").read_text(encoding="utf-8")
    assert ("load-test-churn" in manifest) == (changes["done"] % 2 == 1)  # adds and removes alternate
