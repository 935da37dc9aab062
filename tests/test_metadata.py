"""Metadata read from the documents' own text: every law in shared/laws and the five seeds.

Expected values were written by reading each file (its title line, the 题注 / header
entries under it, the signature block and the 施行 article), not copied from the code.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kb.documents.metadata import (DocMeta, document_id, infer_metadata, link_versions,
                                   normalize_number)


def _shared() -> Path | None:
    """shared/ lies beside the repository (../shared in CI, /work/shared here)."""
    for parent in Path(__file__).resolve().parents:
        if (parent / "shared" / "laws").is_dir():
            return parent / "shared"
    return None


SHARED = _shared()
needs_shared = pytest.mark.skipif(SHARED is None, reason="shared/ (laws and seeds) not beside the repo")


def read_lines(path: Path) -> list[str]:
    """Lines of a .md/.txt/.docx/.html document."""
    if path.suffix == ".docx":
        import docx

        return [p.text for p in docx.Document(str(path)).paragraphs]
    if path.suffix == ".html":
        from kb.documents.html_reader import read_html

        return read_html(path.read_bytes())
    return path.read_text("utf-8").splitlines()


NPC = ["全国人民代表大会常务委员会"]
BJ = ["北京市人民代表大会常务委员会"]
LAW = dict(type="法律", scope="全国", issuer=NPC)
BJ_REG = dict(type="地方性法规", scope="北京市", issuer=BJ)
CURRENT, AMENDED = "现行有效", "已修订"

# file → fields read by hand; validity is the state after link_versions.
LAWS: dict[str, dict] = {
    "上海市大气污染防治条例.html": dict(
        title="上海市大气污染防治条例", type="地方性法规", scope="上海市", issuer=["上海市人民代表大会常务委员会"],
        date_adopted="2014-07-25", date_amended="2018-12-20", date_effective="2014-10-01", validity=CURRENT),
    "中华人民共和国森林法.docx": dict(
        title="中华人民共和国森林法", **LAW, date_adopted="1984-09-20", date_amended="2019-12-28",
        date_effective="2020-07-01", validity=CURRENT),
    "全国污染源普查条例(2019-03-02).md": dict(
        title="全国污染源普查条例", type="行政法规", scope="全国", issuer=["国务院"], number="国务院令第508号",
        date_published="2007-10-09", date_adopted=None, date_effective="2007-10-09",  # 自公布之日起施行
        validity=CURRENT),
    "北京市实施《水法》办法(2019-07-26).md": dict(
        title="北京市实施《中华人民共和国水法》办法", **BJ_REG, date_adopted="2004-05-27", date_amended=None,
        date_effective="2004-10-01", version_date="2004-05-27", validity=AMENDED),
    "北京市实施《水法》办法(2022-11-25).md": dict(
        title="北京市实施《中华人民共和国水法》办法", **BJ_REG, date_adopted="2004-05-27",
        date_amended="2022-11-25", date_effective="2004-10-01", validity=CURRENT),
    "北京市实施《节约能源法》办法(2019-11-27).md": dict(
        title="北京市实施《中华人民共和国节约能源法》办法", **BJ_REG, date_adopted="1999-09-16",
        date_amended="2019-11-27", date_effective="2010-07-01", validity=CURRENT),
    "北京市市容环境卫生条例.txt": dict(
        title="北京市市容环境卫生条例", **BJ_REG, date_adopted="2002-09-06", date_amended="2021-09-24",
        date_effective="2002-10-01", validity=CURRENT),
    "北京市机动车停车条例(2021-09-24).md": dict(
        title="北京市机动车停车条例", **BJ_REG, date_adopted="2018-03-30", date_amended="2021-09-24",
        date_effective="2018-05-01", validity=AMENDED),
    "北京市机动车停车条例(2024-03-29).md": dict(
        title="北京市机动车停车条例", **BJ_REG, date_adopted="2018-03-30", date_amended="2024-03-29",
        date_effective="2018-05-01", validity=CURRENT),
    "北京市森林资源保护管理条例(2018-03-30).md": dict(
        title="北京市森林资源保护管理条例", **BJ_REG, date_adopted="1999-09-16", date_amended=None,
        date_effective="1999-11-01", validity=CURRENT),
    "北京市水土保持条例(2019-07-26).md": dict(
        title="北京市水土保持条例", **BJ_REG, date_adopted="2015-05-29", date_effective="2016-01-01",
        validity=CURRENT),
    "放射性污染防治法(2003-06-28).md": dict(
        title="中华人民共和国放射性污染防治法", **LAW, date_adopted="2003-06-28", date_amended=None,
        date_effective="2003-10-01", validity=CURRENT),
    "最高人民法院关于审理环境侵权责任纠纷案件适用法律若干问题的解释(2020-12-29).md": dict(
        title="最高人民法院关于审理环境侵权责任纠纷案件适用法律若干问题的解释", type="司法解释", scope="全国",
        issuer=["最高人民法院"], date_adopted="2015-02-09", date_amended="2020-12-23", date_effective=None,
        validity=CURRENT),
    "海洋环境保护法(2017-11-04).md": dict(
        title="中华人民共和国海洋环境保护法", **LAW, date_adopted="1982-08-23", date_amended="2017-11-04",
        date_effective="2000-04-01", validity=AMENDED),
    "海洋环境保护法(2023-10-24).md": dict(
        title="中华人民共和国海洋环境保护法", **LAW, date_adopted="1982-08-23", date_amended="2023-10-24",
        date_effective="2024-01-01", validity=CURRENT),
    "生态保护补偿条例(2024-04-06).md": dict(  # no header at all: issuer and version date are fallbacks
        title="生态保护补偿条例", type="行政法规", scope="全国", issuer=["国务院"], date_adopted=None,
        date_effective="2024-06-01", version_date="2024-04-06", validity=CURRENT),
    "节约能源法(2018-10-26).md": dict(
        title="中华人民共和国节约能源法", **LAW, date_adopted="1997-11-01", date_amended="2018-10-26",
        date_effective="2008-04-01", validity=CURRENT),
    "规划环境影响评价条例(2009-08-17).md": dict(
        title="规划环境影响评价条例", type="行政法规", scope="全国", issuer=["国务院"], number="国务院令第559号",
        date_adopted="2009-08-12", date_published="2009-08-17", date_effective="2009-10-01", validity=CURRENT),
}

SEEDS: dict[str, dict] = {
    "000_a78a89136f3604ab.txt": dict(
        title="北京市“十四五”时期生态环境保护规划", type="规划", scope="北京市", issuer=["北京市人民政府"],
        number="京政发〔2021〕35号", date_written="2021-11-28", date_published="2021-12-10", validity=CURRENT,
        notice_title="北京市人民政府关于印发《北京市“十四五”时期生态环境保护规划》的通知"),
    "001_d1318eb9c3de3b53.txt": dict(
        title="丰台区“十四五”时期生态环境保护规划", type="规划", scope="丰台区", issuer=["北京市丰台区人民政府"],
        number="丰政发〔2022〕2号", date_written="2022-01-24", validity=CURRENT),
    "002_1198865c13b10785.txt": dict(
        title="中共北京市委 北京市人民政府关于深入打好北京市污染防治攻坚战的实施意见", type="实施意见",
        scope="北京市", issuer=["中共北京市委", "北京市人民政府"], date_written="2022-03-24", validity=CURRENT),
    "003_221e516616a96fe0.txt": dict(  # the 通知 wraps the 行动计划; title is the document it issues
        title="北京市深入打好污染防治攻坚战2023年行动计划", type="行动计划", scope="北京市",
        issuer=["北京市人民政府办公厅"], number="京政办发〔2023〕4号", date_written="2023-02-23", validity=CURRENT,
        notice_title="北京市人民政府办公厅关于印发《北京市深入打好污染防治攻坚战2023年行动计划》的通知"),
    "004_fe23bf7ea077dca1.txt": dict(
        title="中共北京市委 北京市人民政府关于全面建设美丽北京加快推进人与自然和谐共生的现代化的实施意见",
        type="实施意见", scope="北京市", issuer=["中共北京市委", "北京市人民政府"], number=None,
        date_written="2024-07-19", date_published="2024-08-01", validity=CURRENT),
}


@pytest.fixture(scope="module")
def linked() -> dict[str, DocMeta]:
    """Every law and seed, read and version-linked together, keyed by file name."""
    if SHARED is None:
        pytest.skip("shared/ not beside the repo")
    paths = [SHARED / "laws" / n for n in LAWS] + [SHARED / "seeds" / n for n in SEEDS]
    metas = {p.name: infer_metadata(read_lines(p), p.name) for p in paths}
    link_versions(list(metas.values()))
    return metas


@needs_shared
def test_every_law_file_is_covered():
    on_disk = {p.name for p in (SHARED / "laws").iterdir() if p.name != "README.md"}
    assert on_disk == set(LAWS)


@needs_shared
@pytest.mark.parametrize("name", list(LAWS) + list(SEEDS))
def test_document_metadata(linked, name):
    expected, meta = (LAWS | SEEDS)[name], linked[name]
    for key, value in expected.items():
        assert getattr(meta, key) == value, f"{name}: {key}"


@needs_shared
def test_versions_are_linked(linked):
    pairs = [("海洋环境保护法(2017-11-04).md", "海洋环境保护法(2023-10-24).md"),
             ("北京市机动车停车条例(2021-09-24).md", "北京市机动车停车条例(2024-03-29).md"),
             ("北京市实施《水法》办法(2019-07-26).md", "北京市实施《水法》办法(2022-11-25).md")]
    for old, new in pairs:
        assert linked[old].superseded_by == linked[new].doc_id
        assert linked[new].superseded_by is None
    ids = [m.doc_id for m in linked.values()]
    assert len(set(ids)) == len(ids)
    assert linked["海洋环境保护法(2023-10-24).md"].doc_id == "海洋环境保护法-2023"


@needs_shared
def test_file_name_fallbacks_are_reported(linked):
    meta = linked["生态保护补偿条例(2024-04-06).md"]
    assert any("file name" in w for w in meta.warnings)
    assert any("inferred" in w for w in meta.warnings)
    # the text wins over the file name, and the disagreement is said
    assert any("2019-07-26" in w for w in linked["北京市实施《水法》办法(2019-07-26).md"].warnings)
    assert not linked["海洋环境保护法(2023-10-24).md"].warnings


# --- general rules on made-up documents (no shared/ needed) ---

def test_numbers_are_normalised():
    assert normalize_number("京政发[2021]35号") == "京政发〔2021〕35号"
    assert normalize_number("国办发（2020） 1 号") == "国办发〔2020〕1号"
    assert normalize_number("中华人民共和国主席令 第二十二号") == "主席令第二十二号"
    assert normalize_number("国务院令第709号") == "国务院令第709号"


def test_ti_zhu_in_parentheses_and_edition_note():
    lines = ["《中华人民共和国环境保护法（2014年修订）》",
             "（1989年12月26日第七届全国人民代表大会常务委员会第十一次会议通过　"
             "2014年4月24日第十二届全国人民代表大会常务委员会第八次会议修订）",
             "第一章 总则", "第一条 为保护和改善环境，制定本法。", "第七十条 本法自2015年1月1日起施行。"]
    meta = infer_metadata(lines, "x.md")
    assert (meta.title, meta.version_note) == ("中华人民共和国环境保护法", "2014年修订")
    assert (meta.type, meta.scope, meta.issuer) == ("法律", "全国", NPC)
    assert (meta.date_adopted, meta.date_amended, meta.date_effective) == ("1989-12-26", "2014-04-24", "2015-01-01")
    assert meta.version_date == "2014-04-24" and not meta.warnings


def test_district_notice_of_another_city():
    lines = ["上海市浦东新区人民政府文件", "", "浦府〔2023〕12号", "",
             "上海市浦东新区人民政府关于印发《浦东新区绿色低碳发展行动方案》的通知", "",
             "各委、办、局：", "现将《浦东新区绿色低碳发展行动方案》印发给你们，请认真贯彻执行。", "",
             "上海市浦东新区人民政府", "二〇二三年三月一日"]
    meta = infer_metadata(lines, "notice.txt")
    assert (meta.title, meta.type, meta.scope) == ("浦东新区绿色低碳发展行动方案", "方案", "浦东新区")
    assert (meta.number, meta.date_written, meta.issuer) == ("浦府〔2023〕12号", "2023-03-01", ["上海市浦东新区人民政府"])


def test_repealed_header_and_file_name_title():
    meta = infer_metadata(["[发文机构] 某某省人民政府", "[有效性] 已废止", ""], "某某省大气办法(2001-05-01).txt")
    assert meta.validity == "已废止" and meta.title == "某某省大气办法"
    assert meta.version_date == "2001-05-01" and len(meta.warnings) >= 2


def test_document_id_is_short_unique_and_readable():
    taken = {"森林法-2019"}
    assert document_id("中华人民共和国森林法", "2019-12-28", taken) == "森林法-2019-2"
    long_id = document_id("某某市人民政府关于加快推进生态环境保护与高质量发展深度融合的若干措施的实施意见", "2024-01-01", set())
    assert long_id.endswith("-2024") and len(long_id) <= 24 + 5
    assert document_id("北京市“十四五”时期规划", None, set()) == "北京市十四五时期规划"


def test_same_title_same_date_is_not_superseded():
    a, b = DocMeta(title="某条例", version_date="2020-01-01"), DocMeta(title="某条例", version_date="2020-01-01")
    link_versions([a, b])
    assert a.validity == b.validity == "现行有效" and a.doc_id != b.doc_id and a.warnings


def test_type_from_form_when_the_text_names_no_organ():
    local = infer_metadata(["# 浙江省湿地保护条例", "", "第一条 为了保护湿地，制定本条例。"], "a.md")
    assert (local.type, local.scope, local.issuer) == ("地方性法规", "浙江省", [])
    serial = infer_metadata(["# 最高人民法院关于适用《中华人民共和国民法典》物权编的解释（一）",
                             "2020年12月25日 最高人民法院审判委员会第1825次会议通过"], "b.md")
    assert (serial.type, serial.issuer, serial.date_adopted) == ("司法解释", ["最高人民法院"], "2020-12-25")
