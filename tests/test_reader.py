"""Reading documents: encodings, formats, and a clear error for every file that cannot be used."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from kb.documents.corpus import load_manifest, parse_corpus
from kb.errors import CorpusError, UnsupportedFormat
from kb.documents.readers import read_lines

PLAN = "第一章 总体要求\n\n一、指导思想\n\n坚持绿色发展，持续改善生态环境质量。\n\n（一）细颗粒物治理\n\n到2025年，细颗粒物浓度持续下降。\n"


def write_corpus(folder: Path, files: dict[str, bytes]) -> Path:
    """A corpus folder with one manifest entry per file, in the order given."""
    entries = [{"id": f"doc-{i}", "file": name, "title": f"文件{i}"} for i, name in enumerate(files, start=1)]
    (folder / "manifest.json").write_text(json.dumps({"documents": entries}, ensure_ascii=False), encoding="utf-8")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def random_bytes(n: int, low: int = 0) -> bytes:
    rng = random.Random(7)
    return bytes(rng.randrange(low, 256) for _ in range(n))


# ---- encodings that must be read ---------------------------------------------

def test_gb18030_text_is_decoded(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN.encode("gb18030"))
    assert "坚持绿色发展，持续改善生态环境质量。" in read_lines(path)


def test_gb18030_document_parses_like_utf8(tmp_path):
    gbk = parse_corpus(write_corpus(tmp_path, {"plan.txt": PLAN.encode("gb18030")}))[1]
    assert [c.text for c in gbk] == ["坚持绿色发展，持续改善生态环境质量。", "到2025年，细颗粒物浓度持续下降。"]
    assert gbk[1].section_path == ["第一章 总体要求", "一、指导思想", "（一）细颗粒物治理"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_marked_unicode_is_decoded(tmp_path, encoding):
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN.encode(encoding))
    lines = read_lines(path)
    assert lines[0] == "第一章 总体要求"


def test_windows_line_ends_are_split(tmp_path):
    path = tmp_path / "plan.md"
    path.write_bytes(PLAN.replace("\n", "\r\n").encode("utf-8"))
    assert all("\r" not in line for line in read_lines(path))


def test_docx_keeps_tables_in_place(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("一、重点任务")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells,
                          ["序号", "重点任务", "牵头部门", "1", "治理扬尘", "市住房城乡建设委"]):
        cell.text = text
    document.add_paragraph("二、保障措施")
    document.save(tmp_path / "plan.docx")
    assert read_lines(tmp_path / "plan.docx") == [
        "一、重点任务", "序号\t重点任务\t牵头部门", "1\t治理扬尘\t市住房城乡建设委", "二、保障措施"]


# ---- files that cannot be used -------------------------------------------------

BAD = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"\n  \n\t\n", "no text"),
    "image.txt": (random_bytes(3000), "binary"),
    "noise.txt": (b"\x89PNG\r\n\x1a\n" + random_bytes(3000, low=1), "cannot decode"),
    "table.xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random_bytes(500), "unsupported format '.xls'"),
    "scan.jpg": (b"\xff\xd8\xff\xe0", "unsupported format '.jpg'"),
    "broken.docx": (b"not a zip archive", "not a readable .docx"),
    "broken.pdf": (b"%PDF-1.4 truncated", "not a readable PDF"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_file_gives_a_clear_error(tmp_path, name):
    data, reason = BAD[name]
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CorpusError) as caught:
        read_lines(path)
    assert name in str(caught.value) and reason in str(caught.value)


def test_unsupported_format_is_its_own_error(tmp_path):
    (tmp_path / "table.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(UnsupportedFormat, match=r"table\.xls.*supported: \.txt, \.md, \.docx, \.pdf"):
        read_lines(tmp_path / "table.xls")


@pytest.mark.parametrize("name", sorted(BAD))
def test_corpus_with_a_bad_file_stops_with_its_name(tmp_path, name):
    data, reason = BAD[name]
    folder = write_corpus(tmp_path, {"good.txt": PLAN.encode("utf-8"), name: data})
    with pytest.raises(CorpusError) as caught:
        parse_corpus(folder)  # no partial list of clauses comes back
    assert name in str(caught.value) and reason in str(caught.value)


def test_missing_file_names_the_manifest_entry(tmp_path):
    folder = write_corpus(tmp_path, {"good.txt": PLAN.encode("utf-8")})
    (folder / "good.txt").unlink()
    with pytest.raises(CorpusError, match=r"good\.txt: file not found; check the 'file' entry"):
        parse_corpus(folder)


def test_text_without_any_clause_is_refused(tmp_path):
    folder = write_corpus(tmp_path, {"title.txt": "第一章 总体要求\n一、指导思想\n".encode("utf-8")})
    with pytest.raises(CorpusError, match=r"title\.txt: no clauses"):
        parse_corpus(folder)


@pytest.mark.parametrize("manifest, reason", [
    (None, "manifest not found"),
    ("{not json", "not a valid manifest"),
    ('{"docs": []}', "not a valid manifest"),
    ('["plan.txt"]', "not a valid manifest"),
    ('{"documents": "plan.txt"}', "must be a list"),
    ('{"documents": ["plan.txt"]}', "must be an object"),
    ('{"documents": [{"id": "a", "file": "a.txt"}]}', "lacks 'title'"),
    ('{"documents": [{"id": "Bad Id", "file": "a.txt", "title": "t"}]}', "must be 2-61 letters"),
    ('{"documents": [{"id": "ab", "file": "a.txt", "title": "t"}, {"id": "ab", "file": "b.txt", "title": "t"}]}',
     "duplicate document ids"),
])
def test_bad_manifest_is_explained(tmp_path, manifest, reason):
    if manifest is not None:
        (tmp_path / "manifest.json").write_text(manifest, encoding="utf-8")
    with pytest.raises(CorpusError, match=reason):
        load_manifest(tmp_path)
