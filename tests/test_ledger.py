"""Target ledger: figures from small strings, and the facts a reader checks on the real documents."""
from __future__ import annotations

from pathlib import Path

import pytest

from kb.documents.corpus import parse_corpus
from kb.answer.indicators import normalise_indicator, parse_cell, parse_header
from kb.answer.ledger import Target, extract_targets, lookup
from kb.model import Clause, Document

ROOT = Path(__file__).resolve().parents[1]
PLAN = Document(id="plan", file="plan.txt", title="某区“十四五”规划", scope="全市", period="十四五",
                target_year=2025, date_published="2021-12-10")


def figures(text: str, section: tuple[str, ...] = ("二、目标",), doc: Document = PLAN) -> list[Target]:
    clause = Clause("plan:1", doc.id, list(section), "", "paragraph", text, 1, 1)
    return extract_targets([clause], [doc])


def one(text: str, **kwargs) -> Target:
    found = figures(text, **kwargs)
    assert len(found) == 1, [t.to_dict() for t in found]
    return found[0]


# ---- parsing small strings ---------------------------------------------------------------

def test_explicit_year_scope_unit():
    t = one("到2027年，全市森林覆盖率达到45%。")
    assert (t.indicator, t.value, t.number, t.unit, t.year, t.scope, t.kind) == \
        ("森林覆盖率", "45", 45.0, "%", 2027, "全市", "target")


def test_document_year_and_qualifier_and_synonym():
    t = one("空气质量继续改善，细颗粒物（PM2.5）年均浓度降至35微克/立方米左右。")
    assert (t.indicator, t.value, t.unit, t.qualifier, t.year) == ("PM2.5年均浓度", "35", "微克/立方米", "左右", 2025)


def test_baseline_and_cumulative_decline_borrow_the_earlier_subject():
    t = one("全市及各区碳排放强度持续下降，较2020年累计下降12%左右。")
    assert t.indicator == "单位地区生产总值二氧化碳排放"  # 碳排放强度 is a synonym
    assert (t.baseline, t.scope) == ("2020年", "全市")
    assert t.qualifier.split() == ["累计", "下降", "左右"]


def test_place_and_year_a_sentence_does_not_name_are_marked_assumed():
    named = one("到2027年，全市森林覆盖率达到45%。")
    assumed = one("构建大尺度绿色空间，森林覆盖率提升到36.5%。")
    assert (named.scope_stated, named.year_stated) == (True, True)
    assert (assumed.scope, assumed.year) == ("全市", 2025)  # the document's, kept for browsing
    assert (assumed.scope_stated, assumed.year_stated) == (False, False)


def test_status_in_a_review_section_is_dated_to_the_period_end():
    found = figures("全市细颗粒物年均浓度累计下降53%，降至38微克/立方米。", section=("“十三五”时期成效",))
    assert [(t.value, t.unit, t.kind, t.year) for t in found] == \
        [("53", "%", "status", 2020), ("38", "微克/立方米", "status", 2020)]


def test_past_explicit_year_is_status():
    t = one("2020年，全区污染地块安全利用率达到90%以上。")
    assert (t.kind, t.year, t.qualifier) == ("status", 2020, "以上")


def test_lists_with_fenbie_share_one_suffix():
    found = figures("农药、化肥利用率分别达到45%、43%。")
    assert [(t.indicator, t.value) for t in found] == [("农药利用率", "45"), ("化肥利用率", "43")]


def test_list_with_jun_gives_each_item_the_value():
    found = figures("受污染耕地安全利用率和污染地块安全利用率均达到95%以上。")
    assert {t.indicator for t in found} == {"受污染耕地安全利用率", "污染地块安全利用率"}


def test_counted_things_and_ranges():
    t = one("到2025年，力争创建3—5个“无废园区”。")
    assert (t.indicator, t.value, t.number, t.unit, t.qualifier) == ("无废园区", "3—5", None, "个", "力争")
    t = one("完成3000万平方米既有建筑节能改造。")
    assert (t.indicator, t.value, t.unit) == ("既有建筑节能改造", "3000", "万平方米")


def test_from_to_keeps_the_old_value_as_baseline():
    t = one("劣V类水质河长比例由2015年的44.5%下降到2.4%。")
    assert (t.value, t.baseline) == ("2.4", "2015年44.5%")


@pytest.mark.parametrize("text", [
    "新增和更新的4.5吨以下环卫车为纯电动或氢燃料电池车。",
    "指导采用温室、大棚等设施种植食用农产品面积大于50亩的农民专业合作社依法检测。",
    "提高建成区公园绿地500米服务半径覆盖率。",
    "确保水源井周边30米范围内无污水、无垃圾。",
    "落实《城镇污水处理厂大气污染物排放标准》(DB11/2007-2022)，2023年持续推进。",
    "深化“一微克”行动，“0.1微克”精抓细抠。",
])
def test_thresholds_names_and_dates_are_not_figures(text):
    assert figures(text) == []


def test_normalise_indicator_synonyms_and_near_names():
    assert normalise_indicator("细颗粒物(PM2.5)年均浓度") == "PM2.5年均浓度"
    assert normalise_indicator("可再生能源消费占比") == "可再生能源消费比重"
    assert normalise_indicator("全市森林覆盖率") == "森林覆盖率"
    assert normalise_indicator("二氧化氮年均浓度") == "二氧化氮年均浓度"  # not 二氧化硫 (ratio 0.875)
    assert normalise_indicator("单位地区生产总二氧化碳排放") == "单位地区生产总值二氧化碳排放"  # typo in a table header
    assert normalise_indicator("园区规划环评") is None


def test_table_header_and_cell():
    header = parse_header("单位地区生产总二氧化碳排放较2020年累计下降率(%)")
    assert (header["name"], header["unit"], header["baseline"], header["qualifier"]) == \
        ("单位地区生产总值二氧化碳排放", "%", "2020年", ["累计下降"])
    assert parse_cell("12左右") == [("12", "", ["左右"])]
    assert parse_cell("100(75,0)") == [("100", "", []), ("75", "", []), ("0", "", [])]
    assert parse_cell("达到市级要求") is None


def test_district_table_rows_become_one_record_per_cell():
    doc = Document(id="act", file="a.txt", title="2023年行动计划", target_year=2023, date_published="2023-02-23")
    row = Clause("act:表.海淀区", "act", ["各区指标"], "海淀区", "indicator_row", "", 1, 1, fields={
        "区": "海淀区", "PM2.5年均浓度(微克/立方米)": "30", "受污染耕地安全利用率(%)": ">95",
        "断面水质达标率(%)(优良水体比例,劣V类水体比例)": "100(75,0)", "COD重点工程累计减排量(吨)": "—"})
    found = {(t.indicator, t.value, t.unit) for t in extract_targets([row], [doc])}
    assert found == {("PM2.5年均浓度", "30", "微克/立方米"), ("受污染耕地安全利用率", "95", "%"),
                     ("断面水质达标率", "100", "%"), ("地表水水质优良比例", "75", "%"), ("劣V类水体比例", "0", "%")}
    assert all(t.scope == "海淀区" and t.year == 2023 and t.kind == "target" for t in extract_targets([row], [doc]))


def test_lookup_filters_and_sorts_by_year():
    ledger = figures("到2035年，森林覆盖率达到50%。") + figures("森林覆盖率达到45%。") + figures("人均公园绿地面积达到16.7平方米。")
    assert [t.year for t in lookup(ledger, "森林覆盖率")] == [2025, 2035]
    assert [t.value for t in lookup(ledger, "森林覆盖率", year=2035)] == ["50"]
    assert lookup(ledger, "森林覆盖率", scope="海淀区") == []


# ---- the real documents ------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus():
    return parse_corpus(ROOT / "corpus")


@pytest.fixture(scope="module")
def ledger(corpus):
    docs, clauses = corpus
    return extract_targets(clauses, docs)


def cells(targets: list[Target]) -> set[tuple]:
    return {(t.doc_id, t.year, t.value, t.scope, t.kind) for t in targets}


def test_forest_cover_across_documents(ledger):
    found = lookup(ledger, "森林覆盖率")
    assert {("bj-plan-2021", 2025, "45", "全市", "target"),         # 到2025年，全市森林覆盖率达到45%
            ("bj-action-2023", 2023, "44.9", "全市", "target"),     # 森林覆盖率达到44.9%
            ("bj-beauty-2024", 2027, "45", "全市", "target"),       # 到2027年，森林覆盖率达到45%
            ("ft-plan-2022", 2025, "28.4", "丰台区", "target"),     # text and 表2 规划值
            ("ft-plan-2022", 2020, "27.97", "丰台区", "status"),    # 表2 现状值
            ("bj-plan-2021", 2020, "44.4", "全市", "status")} <= cells(found)  # “十三五” achievement
    assert [t.year for t in found] == sorted(t.year for t in found)


def test_pm25_targets(ledger):
    found = lookup(ledger, "PM2.5")
    assert {("bj-plan-2021", 2025, "35", "全市", "target"), ("bj-opinion-2022", 2025, "35", "全市", "target"),
            ("bj-beauty-2024", 2035, "25", "全市", "target")} <= cells(found)
    assert all(t.indicator == "PM2.5年均浓度" for t in found)
    assert {t.unit for t in found if t.value in ("35", "25")} == {"微克/立方米"}


def test_haidian_2023_pm25_from_the_district_table(ledger):
    found = lookup(ledger, "细颗粒物年均浓度", year=2023, scope="海淀区")
    assert [(t.value, t.unit, t.kind) for t in found] == [("30", "微克/立方米", "target")]


def test_renewable_share_synonyms(ledger):
    found = lookup(ledger, "可再生能源占比")
    assert {(t.year, t.value) for t in found} >= {(2023, "13"), (2025, "14.4"), (2027, "20"), (2035, "35")}


def test_soil_census_lead_departments(corpus):
    rows = [c for c in corpus[1] if c.kind == "task_row" and "第三次全国土壤普查" in c.fields.get("重点任务", "")]
    assert rows and "市农业农村局" in rows[0].fields["牵头部门"]


def test_records_carry_their_source(ledger, corpus):
    ids = {c.clause_id: c for c in corpus[1]}
    for t in ledger:
        assert t.clause_id in ids and t.doc_id == ids[t.clause_id].doc_id
        assert t.kind in ("target", "status") and t.text


def test_eval_meets_the_floor():
    import importlib.util
    spec = importlib.util.spec_from_file_location("ledger_eval", ROOT / "eval" / "ledger_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--floor", "0.9"]) == 0
