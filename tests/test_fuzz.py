"""Bad input: hypothesis against the API on the real index, and random bytes through the parser.

Every request must get a 2xx or a clear 4xx with a one-sentence JSON `detail` — never a 500 or a
stack trace — and the service and its index must be unchanged afterwards.
"""
from __future__ import annotations

import hashlib
import io
import json
import tempfile
import time
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kb.serve.api import create_app
from kb.documents.corpus import parse_document
from kb.errors import CorpusError
from kb.model import Document
from kb.documents.readers import READERS, read_lines

FUZZ = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NASTY = ["", " ", "\u3000\t\n ", "\x00", "\x00\x01\x02\x7f", "\x1b[31m红色", "<script>alert(1)</script>",
         "<img src=x onerror=alert(1)>", "' OR 1=1; DROP TABLE clauses; --", "\" UNION SELECT * FROM users --",
         "../../etc/passwd", "..\\..\\windows\\win.ini", "%00%2e%2e%2f", "\ufeff\u200b\u202e反转", "𠀀𠀁𪚥😀",
         "{{7*7}} ${jndi:ldap://x}", "a" * 100_000, "降尘量" * 200, "null", "NaN", "-1"]
SHORT_NASTY = [s for s in NASTY if len(s) <= 100]
queries = st.one_of(st.sampled_from(NASTY), st.text(max_size=80), st.text(max_size=600))
numbers = st.one_of(st.integers(), st.sampled_from([0, -1, 101, 2**31, 10**30, -(10**30)]), st.floats(),
                    st.text(max_size=8), st.none())
url_queries = st.one_of(st.sampled_from([s for s in NASTY if len(s) < 1000]), st.text(max_size=600))  # URLs stop at 64k
short_texts = st.one_of(st.sampled_from(SHORT_NASTY), st.text(max_size=30))
OK = {200}
REFUSED = {400, 404, 413, 415, 422}


@pytest.fixture(scope="module")
def client(real_kb):
    """The real index behind the API; the test client is not a loopback client, so it cannot change the corpus."""
    fingerprint = _fingerprint(real_kb.loaded.path)
    with TestClient(create_app(real_kb, frontends=False), raise_server_exceptions=False) as c:
        yield c
        assert c.get("/health").json()["n_clauses"] == len(real_kb.clauses)
    assert _fingerprint(real_kb.loaded.path) == fingerprint, "the fuzzing changed the index on disk"


def _fingerprint(version: Path) -> dict[str, str]:
    files = [version.parent / "CURRENT", *sorted(p for p in version.rglob("*") if p.is_file())]
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def check(response, allowed: set[int] = OK | REFUSED) -> dict | list:
    """A handled status and a JSON body; an error is one readable sentence, never a trace."""
    assert response.status_code in allowed, (response.status_code, response.text[:300])
    body = response.json()
    if response.status_code >= 400:
        assert set(body) == {"detail"} and isinstance(body["detail"], str) and body["detail"], body
        assert "Traceback" not in body["detail"] and len(body["detail"]) < 2000
    return body


# ---- the API --------------------------------------------------------------------

@FUZZ
@given(q=queries, k=numbers, mode=short_texts, doc_ids=st.lists(short_texts, max_size=3),
       doc_types=st.lists(short_texts, max_size=2), year=numbers, district=st.one_of(st.none(), short_texts))
def test_search_body_never_breaks(client, q, k, mode, doc_ids, doc_types, year, district):
    body = {"q": q, "k": k, "mode": mode, "doc_ids": doc_ids, "doc_types": doc_types, "year": year, "district": district}
    # Encoded here, not by httpx (which refuses them): NaN and inf go out as bare NaN/Infinity.
    response = client.post("/search", content=json.dumps(body, ensure_ascii=False),
                           headers={"Content-Type": "application/json"})
    result = check(response)
    if response.status_code == 200:
        assert result["count"] == len(result["hits"]) <= 100


@FUZZ
@given(q=url_queries, k=numbers, year=numbers, district=st.one_of(st.none(), short_texts))
def test_ask_query_string_never_breaks(client, q, k, year, district):
    params = {"q": q, "k": k, "year": year, "district": district}
    response = client.get("/ask", params={key: v for key, v in params.items() if v is not None})
    result = check(response)
    if response.status_code == 200:
        assert isinstance(result["answerable"], bool) and isinstance(result["answer"], str)


@FUZZ
@given(indicator=url_queries, year=numbers, scope=st.one_of(st.none(), short_texts))
def test_targets_never_breaks(client, indicator, year, scope):
    params = {"indicator": indicator, "year": year, "scope": scope}
    check(client.get("/targets", params={key: v for key, v in params.items() if v is not None}))


@FUZZ
@given(doc_id=st.one_of(st.sampled_from(SHORT_NASTY), st.text(max_size=60)), neighbours=numbers)
def test_document_and_clause_ids_never_break(client, doc_id, neighbours):
    path = quote(doc_id, safe="")
    check(client.get(f"/documents/{path}"))
    params = {} if neighbours is None else {"neighbours": neighbours}
    check(client.get(f"/clauses/{path}", params=params))


@FUZZ
@given(doc_id=st.one_of(st.sampled_from(SHORT_NASTY), st.text(max_size=60)), name=short_texts,
       data=st.binary(max_size=512))
def test_corpus_changes_refused_to_remote_clients(client, doc_id, name, data):
    check(client.delete(f"/documents/{quote(doc_id, safe='')}"), {403, 404, 405})
    check(client.post("/documents", files={"file": (name or "x", data)}), {403})


@pytest.mark.parametrize("content, content_type", [
    (b'{"q": "\xff\xfe\xfd"}', "application/json"),       # invalid UTF-8
    (b'{"q": "\\ud800"}', "application/json"),             # a lone surrogate
    (b'{"q": "x", "k": NaN}', "application/json"),
    (b"not json at all", "application/json"),
    (b"[]", "application/json"),
    (b'{"q": 5}', "application/json"),
    (b"q=\xff", "application/x-www-form-urlencoded"),
    (b"\x00" * 1024, "application/octet-stream"),
    (json.dumps({"q": "降尘" * 50_000}).encode(), "application/json"),
])
def test_raw_bodies_get_a_clear_4xx(client, content, content_type):
    for path in ("/search", "/ask"):
        check(client.post(path, content=content, headers={"content-type": content_type}), REFUSED)


@pytest.mark.parametrize("url", ["/search?q=%FF%FE%00", "/ask?q=%ED%A0%80", "/targets?indicator=%FF%FF",
                                 "/search?q=x&k=1e400", "/search?q=x&year=99999999999999999999",
                                 "/search?q=x&doc_ids=..%2F..%2Fetc%2Fpasswd", "/clauses/..%2F..%2Fetc%2Fpasswd",
                                 "/documents/..%2F..%2Fetc%2Fpasswd", "/nowhere", "/search?" + "q=x&" * 500])
def test_odd_urls_get_a_clear_answer(client, url):
    check(client.get(url))


def test_empty_and_huge_queries_are_explained(client):
    assert "为空" in check(client.get("/ask", params={"q": "  \u3000 "}), {400})["detail"]
    assert "500" in check(client.post("/ask", json={"q": "a" * 100_000}), {422})["detail"]
    assert "k" in check(client.get("/search", params={"q": "降尘", "k": 10**9}), {422})["detail"]


def test_service_still_answers_after_the_fuzzing(client):
    body = check(client.get("/ask", params={"q": "到2025年各区降尘量要控制在多少？"}), OK)
    assert body["answerable"] and "5吨/平方公里·月" in body["answer"]


# ---- the parser -------------------------------------------------------------------

def _docx_like(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", data[:64])
        z.writestr("word/document.xml", data)
    return buffer.getvalue()


PREFIXES = {".txt": [b"", "第一章 总则\n".encode("gb18030"), b"\xef\xbb\xbf", b"\xff\xfe"],
            ".md": [b"", b"# \xe4\xb8\x80\n"], ".pdf": [b"", b"%PDF-1.4\n", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog"],
            ".docx": [b"", b"PK\x03\x04"], ".html": [b"", b"<html><body><p>", b'<meta charset="gbk">'],
            ".htm": [b"", b"<!DOCTYPE html><title>t</title>"]}


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(sorted(READERS)), prefix=st.integers(0, 3),
       as_zip=st.booleans())
def test_reader_on_random_bytes_raises_only_corpus_errors(data, suffix, prefix, as_zip):
    options = PREFIXES[suffix]
    raw = options[prefix % len(options)] + data
    if suffix == ".docx" and as_zip:
        raw = _docx_like(raw)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"document{suffix}"
        path.write_bytes(raw)
        try:
            lines = read_lines(path)
        except CorpusError as exc:
            assert "document" in str(exc)  # the message names the file
            return
        assert all(isinstance(line, str) for line in lines)


MARKERS = ["第一章 总则", "第二节 ", "一、", "（一）", "(二)", "1.", "2、", "目录", "附件", "| 序号 | 任务 | 牵头部门 |",
           "|---|---|---|", "\t", ". [发文机构] 北京市", "- 3 -", "<p>", "**", "PM_{2.5}", "牵头部门：", "完成时限："]


@settings(max_examples=100, deadline=None)
@given(lines=st.lists(st.tuples(st.sampled_from(MARKERS + [""]), st.text(max_size=40)), max_size=30))
@example(lines=[("", ")")])  # a continuation line before any article once crashed the law parser
def test_clause_parser_on_random_structure_raises_only_corpus_errors(lines):
    text = "\n".join(marker + body for marker, body in lines)
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "doc.md").write_text(text, encoding="utf-8", errors="surrogatepass")
        doc = Document(id="fuzz-doc", file="doc.md", title="随机文件")
        try:
            clauses = parse_document(doc, Path(tmp))
        except CorpusError:
            return
        assert clauses and all(c.doc_id == "fuzz-doc" and c.text for c in clauses)
        assert len({c.clause_id for c in clauses}) == len(clauses)


def test_fifty_megabyte_file_is_refused_quickly(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: nothing is written
    start = time.perf_counter()
    with pytest.raises(CorpusError, match=r"huge\.txt: 52\.4 MB is larger than the 20 MB limit"):
        read_lines(path)
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize("name, data, message", [
    ("zero.txt", b"", "empty"), ("binary.txt", bytes(range(256)) * 64, "binary"),
    ("latin.txt", bytes(range(128, 256)) * 64, "cannot decode|no text|binary"),
])
def test_unusable_text_files_get_a_clear_error(tmp_path, name, data, message):
    (tmp_path / name).write_bytes(data)
    with pytest.raises(CorpusError, match=message):
        read_lines(tmp_path / name)
