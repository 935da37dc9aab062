"""Keeping the index usable under change: add and remove documents while searching, a build killed
midway, a damaged index on disk (fixture corpus, fake embedder)."""
from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb import KnowledgeBase
from kb.index import store as index_mod
from kb.index import ingest
from kb.serve.api import create_app
from kb.documents.corpus import load_manifest
from kb.index.embedders import EmbeddingCache
from kb.errors import CorpusError, IndexStale, KBError, UnsupportedFormat
from kb.serve.live import LiveKnowledgeBase
from kb.serve.settings import AppSettings

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"
NEW_DOC = ("第一章 总体要求\n\n一、工作目标\n\n到2025年，示范区新增城市公园绿地120公顷，建成湿地公园三处。\n\n"
           "二、保障措施\n\n各街道要建立绿地养护责任制度，每季度报送养护台账。\n")
NEW_PHRASE = "新增城市公园绿地120公顷"


class CountingEmbedder:
    """Wraps the fake embedder and remembers every passage it was asked to embed."""

    def __init__(self, inner, fail: bool = False):
        self.inner, self.fail = inner, fail
        self.model_id, self.dim = inner.model_id, inner.dim
        self.passages: list[str] = []

    def encode_passages(self, texts):
        if self.fail:
            raise RuntimeError("embedding failed (simulated)")
        self.passages.extend(texts)
        return self.inner.encode_passages(texts)

    def encode_query(self, text):
        return self.inner.encode_query(text)


@pytest.fixture
def space(tmp_path, fake_embedder):
    """A copy of the fixture corpus with a built index, and an embedder that counts its work."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(FIXTURES, corpus)
    KnowledgeBase.build(corpus, index, fake_embedder, progress=False)
    return corpus, index, CountingEmbedder(fake_embedder)


def snapshot(*folders: Path) -> dict[str, str]:
    """Every file under the folders with a hash of its bytes (the lock file holds no data)."""
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for folder in folders
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ingest.LOCK_FILE}


def new_file(folder: Path, name: str = "greening.txt", encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(NEW_DOC.encode(encoding))
    return path


def chinese_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with Chinese text in the standard STSong-Light CID font (nothing embedded)."""
    text = "\n".join(f"<{line.encode('utf-16-be').hex()}> Tj T*" for line in lines)
    stream = f"BT /F1 12 Tf 14 TL 50 780 Td\n{text}\nET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
               b"/Contents 5 0 R >>",
               b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
               b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
               b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# ---- add and remove --------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_add_embeds_only_the_new_clauses(space, tmp_path, encoding):
    corpus, index, embedder = space
    before = KnowledgeBase.load(index, embedder)
    change = ingest.add_document(new_file(tmp_path, encoding=encoding), corpus, index, embedder,
                                 ingest.DocumentInfo(title="示范区绿地建设方案", date="2024-03-01", type="方案"))
    after = KnowledgeBase.load(index, embedder)
    added = [c for c in after.clauses if c.doc_id == change.document.id]
    # the id comes from the title and the version's year, not from the file name
    assert change.action == "added" and change.document.id == "示范区绿地建设方案-2024" and change.n_clauses == len(added) == 2
    assert len(after.clauses) == len(before.clauses) + 2 == change.total_clauses
    assert len(embedder.passages) == 2 and all(any(c.text in p for c in added) for p in embedder.passages)
    hit = after.search(NEW_PHRASE, k=3, mode="bm25")[0]
    assert hit.doc_id == change.document.id and NEW_PHRASE in hit.text and hit.doc_title == "示范区绿地建设方案"
    assert (corpus / change.document.file).read_bytes() == NEW_DOC.encode(encoding)  # the file as given
    assert index_mod.is_up_to_date(index, corpus, embedder.model_id)


def test_add_reads_docx_markdown_and_pdf(space, tmp_path):
    import docx

    corpus, index, embedder = space
    word = docx.Document()
    for line in NEW_DOC.split("\n\n"):
        word.add_paragraph(line.strip())
    word.save(tmp_path / "word.docx")
    (tmp_path / "notes.md").write_text("## 一、目标\n\n**到2025年**，示范区建成口袋公园二十处。\n", encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(chinese_pdf(["一、目标", "到2025年，示范区再生水利用率达到40%。"]))
    for name, phrase in [("word.docx", NEW_PHRASE), ("notes.md", "口袋公园二十处"), ("scan.pdf", "再生水利用率达到40%")]:
        change = ingest.add_document(tmp_path / name, corpus, index, embedder)
        kb = KnowledgeBase.load(index, embedder)
        assert any(phrase in c.text for c in kb.document_clauses(change.document.id)), name


def test_remove_restores_the_clause_set(space, tmp_path):
    corpus, index, embedder = space
    original = [c.clause_id for c in KnowledgeBase.load(index, embedder).clauses]
    ingest.add_document(new_file(tmp_path), corpus, index, embedder)
    embedder.passages.clear()
    change = ingest.remove_document("greening", corpus, index, embedder)
    assert change.action == "removed" and change.n_clauses == 2
    assert [c.clause_id for c in KnowledgeBase.load(index, embedder).clauses] == original
    assert embedder.passages == []  # removing embeds nothing
    assert not (corpus / "greening.txt").exists()


# ---- refusals change nothing -----------------------------------------------------

def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as f:
        f.truncate(size)
    return path


REFUSED = {
    "empty.txt": (lambda p: p.write_bytes(b""), CorpusError, "empty"),
    "binary.txt": (lambda p: p.write_bytes(bytes(range(256)) * 40), CorpusError, "binary"),
    "table.xls": (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0"), UnsupportedFormat, "unsupported format"),
    "noext": (lambda p: p.write_bytes(NEW_DOC.encode()), UnsupportedFormat, "unsupported format"),
    "broken.docx": (lambda p: p.write_bytes(b"PK\x03\x04 not a zip"), CorpusError, "not a readable .docx"),
    "broken.pdf": (lambda p: p.write_bytes(b"%PDF-1.4 truncated"), CorpusError, "not a readable PDF"),
    "huge.txt": (lambda p: _sparse(p, 50 * 1024 * 1024), CorpusError, "larger than the 20 MB limit"),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_refused_file_leaves_everything_byte_identical(space, tmp_path, name):
    corpus, index, embedder = space
    write, error, message = REFUSED[name]
    path = tmp_path / name
    write(path)
    before = snapshot(corpus, index)
    start = time.perf_counter()
    with pytest.raises(error, match=message) as raised:
        ingest.add_document(path, corpus, index, embedder)
    assert time.perf_counter() - start < 2  # the 50 MB file is refused by its size, unread
    assert name in str(raised.value)
    assert snapshot(corpus, index) == before and embedder.passages == []


@pytest.mark.parametrize("info, message", [
    (ingest.DocumentInfo(id="fx-plan"), "already in the corpus"),
    (ingest.DocumentInfo(id="../../etc/passwd"), "not valid"),
    (ingest.DocumentInfo(id="Plan 2024"), "not valid"),
    (ingest.DocumentInfo(date="2024-13-45"), "YYYY-MM-DD"),
])
def test_refused_metadata_leaves_everything_byte_identical(space, tmp_path, info, message):
    corpus, index, embedder = space
    before = snapshot(corpus, index)
    with pytest.raises(CorpusError, match=message):
        ingest.add_document(new_file(tmp_path), corpus, index, embedder, info)
    assert snapshot(corpus, index) == before


@pytest.mark.parametrize("doc_id, message", [
    ("../../etc/passwd", "No such document"), ("no-such-doc", "known ids: fx-plan"), ("", "No such document")])
def test_remove_refuses_unknown_ids(space, doc_id, message):
    corpus, index, embedder = space
    before = snapshot(corpus, index)
    with pytest.raises(KBError, match=message):
        ingest.remove_document(doc_id, corpus, index, embedder)
    assert snapshot(corpus, index) == before


def test_remove_refuses_to_empty_the_corpus(tmp_path, fake_embedder):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "plan.txt").write_bytes((FIXTURES / "plan.txt").read_bytes())
    (corpus / "manifest.json").write_text('{"documents": [{"id": "fx-plan", "file": "plan.txt", "title": "规划"}]}',
                                          encoding="utf-8")
    KnowledgeBase.build(corpus, index, fake_embedder, progress=False)
    with pytest.raises(CorpusError, match="only document"):
        ingest.remove_document("fx-plan", corpus, index, fake_embedder)


def test_failed_build_rolls_the_corpus_back(space, tmp_path):
    corpus, index, embedder = space
    before = snapshot(corpus, index)
    with pytest.raises(RuntimeError, match="simulated"):
        ingest.add_document(new_file(tmp_path), corpus, index, CountingEmbedder(embedder.inner, fail=True))
    assert snapshot(corpus, index) == before
    assert KnowledgeBase.load(index, embedder).search("细颗粒物浓度", k=1, mode="bm25")


# ---- searching while the index changes ---------------------------------------------

def test_searches_during_add_and_remove_see_old_or_new(space, tmp_path):
    corpus, index, embedder = space
    live = LiveKnowledgeBase(KnowledgeBase.load(index, embedder))
    old_size = len(live.get().clauses)
    seen, errors, stop = set(), [], threading.Event()

    def reader():
        while not stop.is_set():
            kb = live.get()  # a request takes one knowledge base and keeps it
            try:
                hits = kb.search("到2025年公园绿地建设目标", k=5)
                known = {d.id for d in kb.documents}
                if not hits or any(h.doc_id not in known for h in hits):
                    errors.append(f"inconsistent hits on {kb.loaded.path.name}")
                seen.add(len(kb.clauses))
            except Exception as exc:  # noqa: BLE001 - any error at all fails the test
                errors.append(repr(exc))

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        live.change(lambda kb: ingest.add_document(new_file(tmp_path), corpus, index, kb.embedder))
        time.sleep(0.2)
        live.change(lambda kb: ingest.remove_document("greening", corpus, index, kb.embedder))
        time.sleep(0.2)
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert errors == []
    assert seen == {old_size, old_size + 2}


def test_service_follows_a_version_published_by_another_process(space, tmp_path):
    corpus, index, embedder = space
    live = LiveKnowledgeBase(KnowledgeBase.load(index, embedder), check_every=0.05)
    old = live.get()
    ingest.add_document(new_file(tmp_path), corpus, index, embedder)  # what `kb add` does
    deadline = time.monotonic() + 10
    while live.get() is old and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(live.get().clauses) == len(old.clauses) + 2
    assert live.get().search(NEW_PHRASE, k=1, mode="bm25")[0].doc_id == "greening"


def test_loading_while_a_build_publishes_never_fails(space, tmp_path):
    corpus, index, embedder = space
    sizes, errors, stop = set(), [], threading.Event()

    def loader():
        while not stop.is_set():
            try:
                sizes.add(len(KnowledgeBase.load(index, embedder).clauses))
            except Exception as exc:  # noqa: BLE001
                errors.append(repr(exc))

    thread = threading.Thread(target=loader)
    thread.start()
    try:
        ingest.add_document(new_file(tmp_path), corpus, index, embedder)
        time.sleep(0.2)
    finally:
        stop.set()
        thread.join()
    assert errors == [] and len(sizes) == 2


def test_api_adds_and_removes_while_serving(space, tmp_path):
    corpus, index, embedder = space
    settings = AppSettings(corpus_dir=corpus, index_dir=index, admin_token="s3cret")
    app = create_app(KnowledgeBase.load(index, embedder), settings, frontends=False)
    local, remote = TestClient(app, client=("127.0.0.1", 50000)), TestClient(app)
    upload = {"file": ("示范区绿地建设方案.txt", NEW_DOC.encode("gb18030"))}
    sizes, errors, stop = set(), [], threading.Event()

    def reader():
        while not stop.is_set():
            r = local.get("/search", params={"q": "公园绿地", "k": 3, "mode": "bm25"})
            (sizes.add(local.get("/health").json()["n_clauses"]) if r.status_code == 200 else errors.append(r.text))

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        assert remote.post("/documents", files=upload).status_code == 403  # not local, no token
        r = remote.post("/documents", files=upload, data={"id": "greening", "issuer": "示范区园林局、示范区发改委"},
                        headers={"X-Admin-Token": "s3cret"})
        assert r.status_code == 201, r.text
        assert r.json()["title"] == "示范区绿地建设方案" and r.json()["n_clauses"] == 2
        hits = local.get("/search", params={"q": NEW_PHRASE, "k": 1, "mode": "bm25"}).json()["hits"]
        assert hits[0]["doc_id"] == "greening"  # served from the new index at once
        assert local.get("/documents/greening").json()["issuer"] == ["示范区园林局", "示范区发改委"]
        assert remote.delete("/documents/greening").status_code == 403
        assert local.delete("/documents/greening").status_code == 200
        assert local.get("/documents/greening").status_code == 404
    finally:
        stop.set()
        thread.join()
    assert errors == [] and len(sizes) >= 1


def test_api_refusals_change_nothing(space, tmp_path):
    corpus, index, embedder = space
    client = TestClient(create_app(KnowledgeBase.load(index, embedder),
                                   AppSettings(corpus_dir=corpus, index_dir=index), frontends=False), client=("::1", 50000))
    huge = _sparse(tmp_path / "huge.txt", 50 * 1024 * 1024)
    before = snapshot(corpus, index)
    with open(huge, "rb") as f:
        assert client.post("/documents", files={"file": ("huge.txt", f)}).status_code == 413
    cases = [({"files": {"file": ("x.exe", b"MZ")}}, 415), ({"files": {"file": ("e.txt", b"")}}, 400),
             ({"files": {"file": ("b.txt", bytes(range(256)))}}, 400), ({"json": {"q": "x"}}, 415),
             ({"files": {"file": ("a.txt", NEW_DOC.encode())}, "data": {"id": "../../etc/passwd"}}, 422),
             ({"files": {"file": ("a.txt", NEW_DOC.encode())}, "data": {"id": "fx-plan"}}, 400),
             ({"files": {"other": ("a.txt", NEW_DOC.encode())}}, 422)]
    for kwargs, status in cases:
        r = client.post("/documents", **kwargs)
        assert r.status_code == status and r.json()["detail"], (kwargs, r.text)
    for doc_id in ["..%2F..%2Fetc%2Fpasswd", "..", "no-such-doc", "%00"]:
        assert client.delete(f"/documents/{doc_id}").status_code == 404
    assert snapshot(corpus, index) == before
    assert client.get("/health").status_code == 200


# ---- a build killed midway ---------------------------------------------------------

KILLED_BUILD = """
import sys, time
from pathlib import Path
sys.path.insert(0, {tests!r})
from conftest import FakeEmbedder
from kb.index import store as index_mod, ingest

phase, corpus, index, new, marker = sys.argv[1:]

class SlowEmbedder(FakeEmbedder):
    def encode_passages(self, texts):
        if phase == "embedding":
            Path(marker).touch()
            time.sleep(120)
        return super().encode_passages(texts)

write = index_mod._write_jsonl
def slow_write(path, rows):
    write(path, rows)
    if phase == "writing":  # the new version is half written
        Path(marker).touch()
        time.sleep(120)
index_mod._write_jsonl = slow_write
ingest.add_document(new, corpus, index, SlowEmbedder())
"""


@pytest.mark.parametrize("phase", ["embedding", "writing"])
def test_killed_build_leaves_the_previous_index_serving(space, tmp_path, phase):
    corpus, index, embedder = space
    published = (index / "CURRENT").read_text()
    old_size = len(KnowledgeBase.load(index, embedder).clauses)
    marker = tmp_path / "midway"
    script = KILLED_BUILD.format(tests=str(Path(__file__).parent))
    (tmp_path / "tmp").mkdir()  # a killed build cannot clean its temporary folder: keep it in tmp_path
    proc = subprocess.Popen([sys.executable, "-c", script, phase, str(corpus), str(index),
                             str(new_file(tmp_path)), str(marker)], cwd=Path(__file__).parents[1],
                            env={**os.environ, "TMPDIR": str(tmp_path / "tmp")})
    try:
        deadline = time.monotonic() + 60
        while not marker.exists():
            assert proc.poll() is None, "the build ended before reaching the kill point"
            assert time.monotonic() < deadline, "the build never reached the kill point"
            time.sleep(0.05)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert (index / "CURRENT").read_text() == published
    kb = KnowledgeBase.load(index, embedder)
    assert len(kb.clauses) == old_size and kb.search("细颗粒物浓度", k=3)
    # the corpus already lists the new document, so the next build finishes the job
    rebuilt = KnowledgeBase.build(corpus, index, embedder, progress=False)
    assert len(rebuilt.clauses) == old_size + 2


# ---- integrity of what is on disk ---------------------------------------------------

def test_manifest_records_what_built_the_index(space):
    corpus, index, embedder = space
    manifest = KnowledgeBase.load(index, embedder).loaded.manifest
    assert manifest["schema_version"] == index_mod.SCHEMA_VERSION and manifest["dim"] == embedder.dim
    assert manifest["model_id"] == embedder.model_id and manifest["corpus_hash"]
    assert {"clauses.jsonl", "documents.json", "dense.faiss", "bm25/vocab.index.json",
            "bm25/data.csc.index.npy"} <= set(manifest["files"])


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


DAMAGE = {
    "truncated dense.faiss": lambda v: _truncate(v / "dense.faiss"),
    "missing bm25 vocabulary": lambda v: (v / "bm25" / "vocab.index.json").unlink(),
    "truncated bm25 scores": lambda v: _truncate(v / "bm25" / "data.csc.index.npy"),
    "edited clauses.jsonl": lambda v: (v / "clauses.jsonl").write_text("{}\n", encoding="utf-8"),
    "garbled manifest": lambda v: (v / "manifest.json").write_bytes(b"\x00{not json"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_index_is_detected_and_kb_build_repairs_it(space, damage):
    corpus, index, embedder = space
    DAMAGE[damage](index_mod.current_version(index))
    with pytest.raises(IndexStale, match="Run `kb build`"):
        KnowledgeBase.load(index, embedder)
    assert not index_mod.is_up_to_date(index, corpus, embedder.model_id)
    repaired = KnowledgeBase.build(corpus, index, embedder, progress=False)  # what `kb build` does
    assert repaired.search("细颗粒物浓度", k=1)


def test_index_from_another_model_is_refused(space, fake_embedder):
    corpus, index, _ = space

    class OtherModel(type(fake_embedder)):
        model_id = "other/model"

    with pytest.raises(IndexStale, match="built with model fake/bigram-hash-64.*Run `kb build`"):
        KnowledgeBase.load(index, OtherModel())


def test_nothing_read_from_disk_is_unpickled(space, tmp_path, monkeypatch):
    import pickle

    def refuse(*args, **kwargs):
        raise AssertionError("pickle used to load a file")

    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    corpus, index, embedder = space
    ingest.add_document(new_file(tmp_path), corpus, index, embedder)  # reads the embedding cache
    kb = KnowledgeBase.load(index, embedder)
    assert kb.search(NEW_PHRASE, k=1)[0].doc_id == "greening"
    cache = EmbeddingCache(index / "embeddings", embedder.model_id, embedder.dim)
    assert len(cache.embed(embedder, [c.text for c in kb.clauses[:3]], progress=False)) == 3


# ---- random uploads -------------------------------------------------------------------

def test_random_uploads_get_a_clear_answer(tmp_path_factory, fake_embedder):
    root = tmp_path_factory.mktemp("uploads")
    corpus, index = root / "corpus", root / "index"
    shutil.copytree(FIXTURES, corpus)
    client = TestClient(create_app(KnowledgeBase.build(corpus, index, fake_embedder, progress=False),
                                   AppSettings(corpus_dir=corpus, index_dir=index), frontends=False), client=("127.0.0.1", 1))
    names = st.one_of(st.text(max_size=300), st.sampled_from(["../../etc/passwd.txt", "a\x00b.txt", "..", ".txt",
                                                               "文件" * 100 + ".md", "😀" * 90 + ".txt", "x.TXT"]))
    contents = st.one_of(st.binary(max_size=2000), st.text(max_size=400).map(lambda t: t.encode("gb18030", "replace")),
                         st.just(NEW_DOC.encode("utf-8")))
    fields = st.dictionaries(st.sampled_from(["id", "title", "issuer", "date", "type", "number", "scope", "x"]),
                             st.text(max_size=60), max_size=4)

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(name=names, content=contents, data=fields)
    def upload(name, content, data):
        before = snapshot(corpus, index)
        r = client.post("/documents", files={"file": (name, content)}, data=data)
        assert r.status_code in {201, 400, 413, 415, 422}, (r.status_code, r.text[:300])
        assert isinstance(r.json().get("detail", ""), str)
        if r.status_code != 201:
            assert snapshot(corpus, index) == before
        assert client.get("/health").json()["n_documents"] == len(load_manifest(corpus))

    upload()
