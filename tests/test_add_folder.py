"""Adding whole folders: the 18 development laws in one publish with metadata read from the
text, versions linked, articles as clauses; bad files reported while the rest go in."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kb import KnowledgeBase
from kb.documents.corpus import load_manifest, parse_corpus
from kb.index import store as index_mod
from kb.index.ingest import add_documents

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"
LAWS = Path(__file__).resolve().parents[2] / "shared" / "laws"
needs_laws = pytest.mark.skipif(not LAWS.is_dir(), reason="../shared/laws is not beside the repository")


@pytest.fixture
def space(tmp_path, fake_embedder):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(FIXTURES, corpus)
    KnowledgeBase.build(corpus, index, fake_embedder, progress=False)
    return corpus, index


def _versions(index: Path) -> set[str]:
    return {p.name for p in index.glob("v*")}


@needs_laws
def test_the_development_laws_go_in_with_one_publish(space, fake_embedder):
    corpus, index = space
    before = (index / "CURRENT").read_text()
    report = add_documents([LAWS], corpus, index, fake_embedder)
    assert len(report.added) == 18 and len(report.outcomes) == 18  # the folder's README is not a document
    assert (index / "CURRENT").read_text() != before
    assert len(_versions(index)) == 2  # the old one kept, exactly one new one published
    docs = {d.id: d for d in load_manifest(corpus)}
    by_file = {Path(o.file).name: o.document for o in report.added}
    parking_old, parking_new = by_file["北京市机动车停车条例(2021-09-24).md"], by_file["北京市机动车停车条例(2024-03-29).md"]
    assert docs[parking_old.id].superseded_by == parking_new.id and docs[parking_old.id].status == "已修订"
    assert docs[parking_new.id].status == "现行有效" and docs[parking_new.id].superseded_by is None
    sea = by_file["海洋环境保护法(2023-10-24).md"]
    assert (sea.title, sea.type, sea.scope) == ("中华人民共和国海洋环境保护法", "法律", "全国")
    assert docs[by_file["海洋环境保护法(2017-11-04).md"].id].superseded_by == sea.id
    assert by_file["北京市市容环境卫生条例.txt"].issuer == ("北京市人民代表大会常务委员会",)
    assert by_file["上海市大气污染防治条例.html"].type == "地方性法规"
    assert len({o.document.id for o in report.added}) == 18


@needs_laws
def test_law_articles_are_clauses_with_chapter_paths_and_links(space, fake_embedder):
    corpus, index = space
    add_documents([LAWS], corpus, index, fake_embedder)
    docs, clauses = parse_corpus(corpus)
    parking = next(d for d in docs if d.title == "北京市机动车停车条例" and d.superseded_by is None)
    art = [c for c in clauses if c.doc_id == parking.id and c.label == "第二十二条"]
    assert [c.clause_id for c in art] == [f"{parking.id}:art22"]
    assert art[0].kind == "article" and art[0].section_path[0].startswith("第三章")
    assert all(c.label.startswith("第") and c.label.endswith("条") for c in clauses if c.doc_id == parking.id)
    ids = [c.clause_id for c in clauses]
    assert len(ids) == len(set(ids))
    # 依照本条例第…条 / 违反本条例第…条 become links to the cited article of the same regulation
    linked = [c for c in clauses if c.doc_id == parking.id and c.links]
    assert linked and all(link.startswith(parking.id + ":art") for c in linked for link in c.links)
    assert not any("违反" in p or "依照" in p for c in clauses for p in c.section_path)


def test_a_folder_with_bad_files_reports_each_and_adds_the_rest(space, fake_embedder, tmp_path):
    corpus, index = space
    folder = tmp_path / "incoming"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (folder / "sheet.xls").write_bytes(b"PK\x03\x04")
    shutil.copy(FIXTURES / "notice.txt", folder / "again.txt")  # already in the corpus
    (folder / "sub").mkdir()
    (folder / "sub" / "new.txt").write_text("关于加强绿地养护的通知\n\n一、工作目标\n\n到2025年，新增城市公园绿地120公顷。\n",
                                            encoding="utf-8")
    (folder / "plain.txt").write_text("绿地养护说明\n\n各街道要建立绿地养护责任制度，每季度报送养护台账。\n", encoding="utf-8")
    report = add_documents([folder], corpus, index, fake_embedder)
    errors = {Path(o.file).name: o.error for o in report.outcomes if o.error}
    assert set(errors) == {"empty.txt", "binary.txt", "sheet.xls", "again.txt"}
    assert "empty" in errors["empty.txt"] and "binary" in errors["binary.txt"]
    assert "unsupported format" in errors["sheet.xls"] and "already in the corpus" in errors["again.txt"]
    added = {Path(o.file).name: o for o in report.added}
    assert set(added) == {"new.txt", "plain.txt"}
    assert added["new.txt"].document.title == "关于加强绿地养护的通知"
    assert any("no recognisable numbering" in w for w in added["plain.txt"].warnings)
    kb = KnowledgeBase.load(index, fake_embedder)
    assert any("120公顷" in c.text for c in kb.clauses)


def test_a_dry_run_changes_nothing(space, tmp_path):
    corpus, index = space
    manifest, current = (corpus / "manifest.json").read_bytes(), (index / "CURRENT").read_text()
    (tmp_path / "a.txt").write_text("关于加强绿地养护的通知\n\n一、工作目标\n\n到2025年，新增绿地120公顷。\n", encoding="utf-8")
    report = add_documents([tmp_path / "a.txt"], corpus, index, None, dry_run=True)
    assert len(report.added) == 1 and report.version is None
    assert (corpus / "manifest.json").read_bytes() == manifest and (index / "CURRENT").read_text() == current
    assert not (corpus / report.added[0].entry["file"]).exists()


def test_adding_the_same_file_again_says_it_is_there(space, fake_embedder, tmp_path):
    corpus, index = space
    (tmp_path / "a.txt").write_text("关于加强绿地养护的通知\n\n一、工作目标\n\n到2025年，新增绿地120公顷。\n", encoding="utf-8")
    first = add_documents([tmp_path / "a.txt"], corpus, index, fake_embedder)
    again = add_documents([tmp_path / "a.txt"], corpus, index, fake_embedder)
    assert again.outcomes[0].error == f"already in the corpus as '{first.added[0].document.id}' (same content)"
    assert index_mod.current_version(index).name == first.version.name


def test_several_files_in_one_upload_request(space, fake_embedder, tmp_path):
    from fastapi.testclient import TestClient

    from kb.serve.api import create_app
    from kb.serve.settings import AppSettings

    corpus, index = space
    app = create_app(KnowledgeBase.load(index, fake_embedder), AppSettings(corpus_dir=corpus, index_dir=index),
                     frontends=False)
    good = "关于加强绿地养护的通知\n\n一、工作目标\n\n到2025年，新增城市公园绿地120公顷。\n".encode()
    files = [("files", ("a.txt", good, "text/plain")), ("files", ("b.txt", b"", "text/plain")),
             ("files", ("c.xls", b"PK", "application/octet-stream"))]
    with TestClient(app, client=("127.0.0.1", 1)) as client:
        before = client.get("/health").json()["n_documents"]
        body = client.post("/documents/batch", files=files).json()
        assert [f["file"] for f in body["files"]] == ["a.txt", "b.txt", "c.xls"]
        assert body["files"][0]["error"] is None and body["files"][0]["title"] == "关于加强绿地养护的通知"
        assert "empty" in body["files"][1]["error"] and "unsupported" in body["files"][2]["error"]
        assert client.get("/health").json()["n_documents"] == before + 1 == body["total_documents"]
        assert client.get("/search", params={"q": "城市公园绿地120公顷", "mode": "bm25"}).json()["hits"][0]["doc_id"] \
            == body["files"][0]["id"]
    with TestClient(app, client=("203.0.113.9", 1)) as remote:
        assert remote.post("/documents/batch", files=files[:1]).status_code == 403
