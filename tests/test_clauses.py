"""Clause store: the real five documents and a small fixture corpus with every numbering style."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from kb.documents.corpus import MAX_CLAUSE_CHARS, load_manifest, parse_corpus, parse_document
from kb.model import Clause
from kb.documents.scrape import restore_order

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "corpus"
LEFTOVERS = ["<p>", "</p>", "<b>", "<sub>", "**", "##", "_{", "本文内容来自网络", "字号", "[发文机构]", ". ["]
DISTRICTS = ["东城区", "西城区", "朝阳区", "海淀区", "丰台区", "石景山区", "门头沟区", "房山区", "通州区",
             "顺义区", "昌平区", "大兴区", "平谷区", "怀柔区", "密云区", "延庆区", "北京经济技术开发区"]


@pytest.fixture(scope="module")
def real() -> list[Clause]:
    return parse_corpus(CORPUS)[1]


def of_doc(clauses: list[Clause], doc_id: str) -> list[Clause]:
    return [c for c in clauses if c.doc_id == doc_id]


def doc_text(clauses: list[Clause], doc_id: str) -> str:
    return "\n".join(c.text for c in of_doc(clauses, doc_id))


# ---- the real documents ------------------------------------------------------

def test_every_document_gives_clauses(real):
    counts = Counter(c.doc_id for c in real)
    assert set(counts) == {"bj-plan-2021", "ft-plan-2022", "bj-opinion-2022", "bj-action-2023", "bj-beauty-2024"}
    assert min(counts.values()) >= 25


def test_no_table_of_contents(real):
    for c in real:
        assert not re.search(r"(-\s*\d+\s*-|\d+\s*-)\s*$", c.text), c.clause_id
        assert c.text.strip() != "目录" and "目录" not in c.section_path, c.clause_id
    ft = doc_text(real, "ft-plan-2022")
    assert "序言\t" not in ft and "- 1 -" not in ft


def test_no_markup_furniture_or_metadata(real):
    for c in real:
        for bad in LEFTOVERS:
            assert bad not in c.text, (bad, c.clause_id)
            assert all(bad not in s for s in c.section_path), (bad, c.clause_id)


def test_scrape_sentences_are_not_duplicated(real):
    sentences = [s.strip() for c in of_doc(real, "bj-plan-2021") for s in c.text.split("。") if len(s.strip()) > 8]
    repeated = [s for s, n in Counter(sentences).items() if n > 1]
    assert repeated == []


def test_scrape_keeps_the_dust_target_under_its_heading(real):
    sentence = "到2025年，各区降尘量控制在5吨/平方公里·月以内(扣除沙尘影响)。"
    holders = [c for c in of_doc(real, "bj-plan-2021") if sentence in c.text]
    assert len(holders) == 1
    assert any("扬尘" in s for s in holders[0].section_path)


def test_scrape_headings_sit_under_their_chapter(real):
    dust = next(c for c in of_doc(real, "bj-plan-2021") if "降尘量控制在5吨" in c.text)
    assert dust.section_path[0].startswith("四、")


def test_scrape_chapters_come_in_reading_order(real):
    chapters = [c.section_path[0][:2] for c in of_doc(real, "bj-plan-2021") if c.section_path]
    assert list(dict.fromkeys(chapters)) == ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、"]


def test_scrape_inline_headings_are_split_from_their_body(real):
    paths = {s for c in of_doc(real, "bj-plan-2021") for s in c.section_path}
    assert {"3.精细化实施扬尘管控", "(二)规划原则", "1.生态文明建设全面推进",
            "(三)以风险管控为重点保障土壤环境安全"} <= paths


def test_every_task_row_names_its_lead_department(real):
    rows = [c for c in of_doc(real, "bj-action-2023") if c.kind == "task_row"]
    assert len(rows) >= 90
    for c in rows:
        assert c.fields.get("牵头部门", "").strip(), c.clause_id
        assert c.fields.get("重点任务", "").strip(), c.clause_id


def test_task_continuation_rows_are_merged(real):
    climate = [c for c in of_doc(real, "bj-action-2023")
               if c.kind == "task_row" and c.fields.get("附件", "").startswith("北京市应对气候变化")]
    seven = {c.clause_id.split("#")[0] for c in climate if c.fields.get("序号") == "7"}
    assert len(seven) == 1
    measures = "".join(c.fields["工作措施"] for c in climate if c.fields.get("序号") == "7")
    assert "可再生能源消费占比持续提升" in measures
    assert "推进外调绿电规模化引进" in measures  # the same task restarted after a page break


def test_task_rows_sit_under_their_group_heading(real):
    first = next(c for c in of_doc(real, "bj-action-2023") if c.clause_id.startswith("bj-action-2023:A1.T1"))
    assert first.section_path[-1].startswith("一、")
    dust = next(c for c in of_doc(real, "bj-action-2023") if c.fields.get("重点任务") == "严控降尘量")
    assert dust.section_path[-1].startswith("四、")


def test_last_task_of_each_annex_is_kept(real):
    ids = {c.clause_id.split("#")[0] for c in of_doc(real, "bj-action-2023")}
    assert {"bj-action-2023:A1.T26", "bj-action-2023:A4.T18", "bj-action-2023:A5.T16"} <= ids


def test_traditional_characters_are_converted(real):
    ft = doc_text(real, "ft-plan-2022")
    assert "細顆粒物" not in ft and "規劃" not in ft
    row = next(c for c in of_doc(real, "ft-plan-2022")
               if c.kind == "indicator_row" and "细颗粒物年均浓度下降率" in c.text)
    assert "58.6" in row.text


def test_indicator_rows_keep_their_column_names(real):
    row = next(c for c in of_doc(real, "ft-plan-2022")
               if c.kind == "indicator_row" and "森林覆盖率" in c.text and "规划值" in c.text)
    assert "2025年规划值：28.4" in row.text and "2020年现状值：27.97" in row.text
    assert row.fields["2025年规划值"] == "28.4"


def test_district_table_has_one_row_per_district(real):
    rows = [c for c in of_doc(real, "bj-action-2023") if c.kind == "indicator_row"]
    assert sorted(c.label for c in rows) == sorted(DISTRICTS)
    haidian = next(c for c in rows if c.label == "海淀区")
    assert "PM2.5年均浓度(微克/立方米)：30" in haidian.text
    assert ".表8." not in haidian.clause_id


def test_pdf_metadata_header_is_not_text(real):
    beauty = doc_text(real, "bj-beauty-2024")
    assert "发文机构" not in beauty and "成文日期" not in beauty
    assert "金山银山" in beauty
    assert "字号" not in beauty


def test_lines_broken_mid_sentence_are_joined(real):
    ft = of_doc(real, "ft-plan-2022")
    assert any("结合旧城改造、城市更新、园区建设等发展契机" in c.text for c in ft)
    assert any("严格落实新建建筑能耗标准，大力发展绿色建筑" in c.text for c in ft)


def test_document_title_is_not_glued_to_the_body(real):
    beauty = of_doc(real, "bj-beauty-2024")
    assert not any(c.text.startswith("中共北京市委") for c in beauty)


def test_clause_ids_are_unique_and_stable(real):
    ids = [c.clause_id for c in real]
    assert len(ids) == len(set(ids))
    again = [c.clause_id for c in parse_corpus(CORPUS)[1]]
    assert again == ids


def test_clauses_are_short_except_indicator_rows(real):
    for c in real:
        if c.kind != "indicator_row":
            assert len(c.text) <= MAX_CLAUSE_CHARS + 20, (c.clause_id, len(c.text))


def test_clause_lines_point_into_the_source(real):
    docs = {d.id: d for d in load_manifest(CORPUS)}
    for c in real:
        total = len((CORPUS / docs[c.doc_id].file).read_text(encoding="utf-8").split("\n"))
        assert 1 <= c.start_line <= c.end_line <= total, c.clause_id


def test_scrape_order_drops_early_echoes():
    first, energy, echo_only, coal = "一、总体要求坚持绿色发展。", "推动能源清洁低碳转型。", \
        "能源清洁低碳转型要加快推进。", "严格控制煤炭消费总量。"
    second, dust, roads = "二、重点任务强化机动车管理。", "加强施工工地扬尘治理。", "推进道路清扫保洁，减少扬尘。"
    body = [(1, energy + echo_only + first + energy + coal), (2, dust + second + dust + roads)]
    assert [s for _, s in restore_order(body)] == [first, energy, echo_only, coal, second, dust, roads]
    assert [line for line, _ in restore_order(body)] == [1, 1, 1, 1, 2, 2, 2]


def test_scrape_order_without_repeats_is_unchanged():
    body = [(1, "一、总体要求。坚持绿色发展。"), (2, "二、重点任务。")]
    assert [s for _, s in restore_order(body)] == ["一、总体要求。", "坚持绿色发展。", "二、重点任务。"]


# ---- the fixture corpus ------------------------------------------------------

@pytest.fixture(scope="module")
def fixture_corpus() -> tuple[dict, list[Clause]]:
    docs, clauses = parse_corpus(FIXTURES)
    return {d.id: d for d in docs}, clauses


def by_label(clauses: list[Clause], doc_id: str, label: str) -> Clause:
    return next(c for c in clauses if c.doc_id == doc_id and c.label == label)


def test_fixture_numbering_builds_the_section_path(fixture_corpus):
    _, clauses = fixture_corpus
    deepest = by_label(clauses, "fx-plan", "（1）")
    assert [s[:3] for s in deepest.section_path] == ["第一章", "一、指", "（一）", "1.坚", "（1）"]
    assert deepest.text.startswith("严格控制煤炭消费")
    assert deepest.clause_id == "fx-plan:c1.1.1.1.1"
    item = by_label(clauses, "fx-plan", "1.")
    assert item.kind == "item" and item.section_path[-1] == "1.坚持绿色发展"


def test_fixture_toc_and_page_numbers_are_dropped(fixture_corpus):
    _, clauses = fixture_corpus
    text = "\n".join(c.text for c in clauses if c.doc_id == "fx-plan")
    assert "目录" not in text and "- 3 -" not in text and "…" not in text


def test_fixture_broken_paragraph_is_joined(fixture_corpus):
    _, clauses = fixture_corpus
    assert any("推广新能源汽车，推动公交车全部电动化。" in c.text for c in clauses if c.doc_id == "fx-plan")


def test_fixture_indicator_table(fixture_corpus):
    _, clauses = fixture_corpus
    rows = [c for c in clauses if c.doc_id == "fx-plan" and c.kind == "indicator_row"]
    assert len(rows) == 3
    pm = next(c for c in rows if "细颗粒物" in c.text)
    assert "2025年目标值：30" in pm.text and pm.fields["指标类别"] == "环境质量"
    water = next(c for c in rows if "水质" in c.text)
    assert water.fields["指标类别"] == "环境质量"  # filled down from the row above
    assert pm.clause_id == "fx-plan:c1.表1.1"


def test_fixture_task_table(fixture_corpus):
    _, clauses = fixture_corpus
    rows = [c for c in clauses if c.doc_id == "fx-action" and c.kind == "task_row"]
    assert [c.label for c in rows] == ["1", "2", "3"]
    two = rows[1]
    assert "扬尘视频监控" in two.fields["工作措施"] and "道路保洁" in two.fields["工作措施"]
    assert two.fields["牵头部门"] == "市住房城乡建设委"
    assert two.section_path == ["示范区大气污染防治2023年行动计划", "二、扬尘管控"]
    assert rows[0].section_path[-1] == "一、主要目标"
    assert "PM2.5" in rows[0].text and "<" not in rows[0].text
    assert all("序号" not in c.text for c in clauses if c.doc_id == "fx-action")


def test_fixture_markdown_preamble_is_plain_text(fixture_corpus):
    _, clauses = fixture_corpus
    texts = [c.text for c in clauses if c.doc_id == "fx-action" and c.kind == "preamble"]
    assert texts and all("*" not in t and "<" not in t for t in texts)
    assert any("请认真贯彻落实" in t for t in texts)


def test_fixture_annex_list_is_one_clause(fixture_corpus):
    _, clauses = fixture_corpus
    annexes = [c for c in clauses if c.doc_id == "fx-action" and c.text.startswith("附件")]
    assert len(annexes) == 1
    assert "1.示范区大气污染防治2023年行动计划 2.示范区扬尘治理2023年工作要点" in annexes[0].text
    assert "人民政府办公室" not in annexes[0].text


def test_fixture_unnumbered_document_falls_back_to_paragraphs(fixture_corpus):
    _, clauses = fixture_corpus
    notice = [c for c in clauses if c.doc_id == "fx-notice"]
    assert [c.kind for c in notice] == ["preamble"] * 3
    assert [c.clause_id for c in notice] == ["fx-notice:0.p1", "fx-notice:0.p2", "fx-notice:0.p3"]


def test_fixture_pdf_extraction_is_cleaned(fixture_corpus):
    _, clauses = fixture_corpus
    opinion = [c for c in clauses if c.doc_id == "fx-opinion"]
    text = "\n".join(c.text for c in opinion)
    assert "金山银山" in text and "本文内容来自网络" not in text and "字号" not in text
    assert "发文机构" not in text
    assert [c.label for c in opinion if c.kind == "item"] == ["1.", "2."]
    assert "2027年" in text and "2027 年" not in text


def test_fixture_manifest_entry_must_exist(tmp_path):
    (tmp_path / "manifest.json").write_text(
        '{"documents": [{"id": "gone", "file": "gone.txt", "title": "不存在"}]}', encoding="utf-8")
    docs = load_manifest(tmp_path)
    with pytest.raises(Exception, match="gone.txt"):
        parse_document(docs[0], tmp_path)


# ---- Markdown headings: numbered ones are headings, unnumbered ones are parts ------------------

def _parse_text(tmp_path, name: str, text: str):
    from kb.documents.corpus import parse_document
    from kb.model import Document

    (tmp_path / name).write_text(text, encoding="utf-8")
    return parse_document(Document(id="md", file=name, title="t"), tmp_path)


def test_markdown_chapters_are_chapters_not_annexes(tmp_path):
    text = ("# 某区生态环境保护规划\n\n## 第一章 总体要求\n\n一、指导思想\n\n坚持生态优先，推进绿色发展，全面提升环境质量。\n\n"
            "## 第二章 主要任务\n\n一、大气污染防治\n\n到2025年，细颗粒物年均浓度下降到30微克/立方米。\n")
    clauses = _parse_text(tmp_path, "plan.md", text)
    assert [c.section_path[0] for c in clauses] == ["第一章 总体要求", "第二章 主要任务"]
    assert not any(c.clause_id.split(":")[1].startswith("A") for c in clauses)


def test_a_markdown_law_with_chapters_reads_article_by_article(tmp_path):
    text = ("# 某市扬尘污染防治条例\n\n## 第一章 总则\n\n第一条 为了防治扬尘污染，制定本条例。\n\n第二条 本条例适用于本市行政区域。\n\n"
            "## 第二章 法律责任\n\n第三条 违反本条例第二条规定的，由城市管理综合执法部门责令改正，处一万元以上十万元以下罚款。\n")
    clauses = _parse_text(tmp_path, "law.md", text)
    assert [(c.label, c.section_path) for c in clauses] == [
        ("第一条", ["第一章 总则"]), ("第二条", ["第一章 总则"]), ("第三条", ["第二章 法律责任"])]
    assert [c.clause_id for c in clauses] == ["md:art1", "md:art2", "md:art3"]


def test_unnumbered_markdown_parts_still_become_parts(tmp_path):
    text = ("关于印发两个计划的通知\n\n## 甲计划\n\n一、目标\n\n到2025年，新增绿地100公顷。\n\n"
            "## 乙计划\n\n一、目标\n\n到2025年，新建公园3处。\n")
    clauses = _parse_text(tmp_path, "notice.md", text)
    assert [c.section_path[0] for c in clauses if c.kind != "preamble"] == ["甲计划", "乙计划"]
