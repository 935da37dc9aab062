"""The UI's render functions without a server: highlighting, cards, citations, charts, export, history."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from ui import cite, charts, conversation, render


def hit(**over) -> dict:
    base = {"clause_id": "bj-plan-2021:4.1.3.p1", "doc_id": "bj-plan-2021", "doc_title": "北京市“十四五”时期生态环境保护规划",
            "doc_number": "京政发〔2021〕35号", "doc_date": "2021-12-10", "doc_type": "规划",
            "section": "四、深入打好污染防治攻坚战 › 3.精细化实施扬尘管控", "label": "3.", "kind": "measure",
            "text": "到2025年，各区降尘量控制在5吨/平方公里·月以内。", "score": 0.8731, "matched_terms": ["降尘量"],
            "numbers": ["5吨/平方公里·月"], "fields": {}, "dense_score": 0.91, "bm25_score": 12.5}
    return {**base, **over}


def marked(html: str) -> list[str]:
    return re.findall(r'<mark class="kb-num">(.*?)</mark>', html)


# ---- number highlighting ------------------------------------------------------------

@pytest.mark.parametrize("text, number, expected", [
    ("到2025年降到5微克", "5", ["5"]),
    ("到2025年", "5", []),
    ("PM2.5浓度为2.5", "2.5", ["2.5"]),
    ("PM2.5浓度", "2.5", []),
    ("5.5吨", "5", []),
    ("共5项，v5版", "5", ["5"]),
    ("(5)和5%", "5", ["5", "5"]),
    ("x5吨", "5吨", []),
])
def test_numbers_are_highlighted_only_as_whole_tokens(text, number, expected):
    assert marked(render.highlight(text, (), [number])) == expected


def test_highlight_still_escapes_and_prefers_numbers():
    out = render.highlight("降尘量<5吨>", ["降尘"], ["5吨"])
    assert out == '<mark class="kb-term">降尘</mark>量&lt;<mark class="kb-num">5吨</mark>&gt;'


# ---- cards: merged near-duplicates, nothing technical shown ------------------------

def test_near_duplicate_cards_of_one_document_are_merged():
    a = hit()
    b = hit(clause_id="bj-plan-2021:9.p2", text=a["text"].replace("以内", "以下"))
    other_doc = hit(clause_id="ft-plan-2022:1", doc_id="ft-plan-2022", doc_title="丰台区规划")
    different = hit(clause_id="bj-plan-2021:1.p1", text="推进绿色低碳发展，加快能源结构调整。")
    merged = cite.merge_near_duplicates([a, b, other_doc, different])
    assert [h["clause_id"] for h in merged] == [a["clause_id"], "ft-plan-2022:1", "bj-plan-2021:1.p1"]
    assert merged[0]["merged"] == ["bj-plan-2021:9.p2"]
    html = render.answer({"query": "降尘", "answerable": True, "answer": "5吨", "value": "5吨",
                          "citations": [a, b, other_doc, different]}, {})
    assert html.count('class="kb-card"') == 3 and "另有 1 条内容相近的条款已合并" in html


def test_cards_hide_scores_ids_and_link_to_the_clause():
    card = render.hit_card(hit(clause_id="海洋法-2023:第三条#1", doc_id="海洋法-2023"), 1)
    assert "0.87" not in card and "得分" not in card and "条款编号" not in card
    href = re.search(r'class="kb-goto" href="([^"]+)"', card).group(1)
    query = parse_qs(urlsplit(href.replace("&amp;", "&")).query)
    assert query == {"doc": ["海洋法-2023"], "clause": ["海洋法-2023:第三条#1"]}
    assert "#" not in href and ":" not in href  # percent-encoded: '#' would end the URL early
    assert "复制引用" in card


def test_search_hits_show_no_scores():
    html = render.hits([hit()], {})
    assert "得分" not in html and "0.8731" not in html


def test_resolved_query_is_shown_only_when_it_differs():
    base = {"query": "那海淀区呢？", "answerable": True, "answer": "30微克", "value": None, "citations": []}
    assert "按“海淀区到2025年PM2.5浓度目标是多少？”理解" in render.answer(
        {**base, "resolved_query": "海淀区到2025年PM2.5浓度目标是多少？"}, {})
    assert "kb-resolved" not in render.answer({**base, "resolved_query": "那海淀区呢？"}, {})
    assert "kb-resolved" not in render.answer(base, {})


# ---- citation text and departments ---------------------------------------------------

def test_copy_citation_for_a_plan_gives_title_number_section_and_date():
    assert cite.citation_text(hit()) == ("《北京市“十四五”时期生态环境保护规划》（京政发〔2021〕35号） "
                                         "四、深入打好污染防治攻坚战 › 3.精细化实施扬尘管控，2021年12月10日")


def test_copy_citation_for_a_law_gives_the_article():
    law = hit(doc_title="中华人民共和国大气污染防治法", doc_number="主席令第十六号", doc_date="2018-10-26",
              section="第二章 大气污染防治标准", label="第十条", kind="article")
    assert cite.citation_text(law) == "《中华人民共和国大气污染防治法》（主席令第十六号）第十条，2018年10月26日"
    assert cite.citation_text(hit(doc_number=None, doc_date=None, section="")) == "《北京市“十四五”时期生态环境保护规划》"


def test_copy_text_is_escaped_in_the_card():
    card = render.hit_card(hit(doc_title="规划<script>"), 1)
    assert "<script>" not in card and "《规划&lt;script&gt;》" in card


def test_departments_are_merged_without_splitting_their_notes():
    got = cite.merge_departments(["市生态环境局、各区政府(含北京经济技术开发区、X)", "市生态环境局；市发展改革委",
                                  "各区政府（含北京经济技术开发区、X）"])
    assert got == ["市生态环境局", "各区政府(含北京经济技术开发区、X)", "市发展改革委"]
    card = render.hit_card(hit(kind="task_row", fields={"牵头部门": "市生态环境局\n市生态环境局 / 市交通委 市生态环境局"}), 1)
    assert "牵头部门：市生态环境局、市交通委" in card


# ---- document outline: anchors and the highlighted clause --------------------------

class _Clause:
    def __init__(self, clause_id: str, text: str):
        self.clause_id, self.text = clause_id, text


def test_outline_anchors_every_clause_and_opens_the_focused_one():
    clauses = {c.clause_id: c for c in (_Clause("d:1", "第一条"), _Clause("d:2#1", "第二条<b>"), _Clause("d:3", "x"))}
    tree = {"title": "", "clause_ids": ["d:1"], "children": [
        {"title": "一、甲", "clause_ids": ["d:2#1"], "children": []},
        {"title": "二、乙", "clause_ids": ["d:3"], "children": []}]}
    html = render.document({"id": "d", "title": "文件", "issuer": ["市生态环境局", "市生态环境局"]}, tree, clauses, "d:2#1")
    assert 'id="c-d:1"' in html and 'class="kb-clause kb-hl" id="c-d:2#1"' in html
    assert html.count("kb-hl") == 1 and "<details open><summary>一、甲" in html and "<details><summary>二、乙" in html
    assert "第二条&lt;b&gt;" in html and html.count("市生态环境局") == 1


# ---- targets: table and chart ---------------------------------------------------------

def row(**over) -> dict:
    base = {"indicator": "PM2.5年均浓度", "value": "35", "number": 35.0, "unit": "微克/立方米", "qualifier": "",
            "year": 2025, "scope": "丰台区", "kind": "target", "doc_id": "ft-plan-2022", "doc_title": "丰台区规划",
            "clause_id": "ft-plan-2022:1", "text": "……"}
    return {**base, **over}


ROWS = [row(), row(clause_id="ft-plan-2022:9"),  # the same figure stated twice in one document
        row(year=2020, value="41", number=41.0, kind="status"),
        row(doc_id="bj-plan-2021", doc_title="北京市规划", scope="全市", value="35", number=35.0),
        row(indicator="PM2.5浓度下降率", unit="%", value="30", number=30.0, year=2020)]


def test_table_has_no_duplicate_rows():
    table = charts.targets_table(ROWS)
    assert len(table) == 4 and not table.duplicated(["年份", "指标", "数值", "范围", "文件"]).any()
    assert "条款编号" not in table.columns


def test_chart_draws_one_panel_per_unit_with_its_own_legend():
    fig = charts.targets_figure(charts.chart_points(ROWS), "PM2.5")
    axes = fig.axes
    assert [ax.get_ylabel() for ax in axes] == ["微克/立方米", "%"]  # units never share an axis
    for ax in axes:
        assert ax.get_legend() is not None
        for collection in ax.collections:  # every point inside the padded limits, not on the edge
            for x, y in collection.get_offsets():
                lo, hi = ax.get_xlim()
                assert lo < x < hi and ax.get_ylim()[0] < y < ax.get_ylim()[1]
    labels = [t.get_text() for t in axes[0].get_legend().get_texts()]
    assert labels == ["丰台区规划·丰台区（目标）", "丰台区规划·丰台区（现状）", "北京市规划·全市（目标）"]


def test_each_query_gets_a_new_figure_and_legend():
    first = charts.targets_figure(charts.chart_points(ROWS[:1]), "a")
    second = charts.targets_figure(charts.chart_points([row(doc_title="另一文件")]), "b")
    assert first is not second
    assert [t.get_text() for t in second.axes[0].get_legend().get_texts()] == ["另一文件·丰台区（目标）"]
    assert charts.targets_figure(charts.chart_points([])) is None


def test_targets_are_filled_and_status_hollow():
    ax = charts.targets_figure(charts.chart_points(ROWS[:3]), "x").axes[0]
    target, status = ax.collections
    assert target.get_label().endswith("（目标）") and status.get_label().endswith("（现状）")
    assert target.get_facecolors()[0][3] > 0 and len(status.get_facecolors()) == 0


# ---- conversation and export ------------------------------------------------------------

class _OldKB:
    def __init__(self):
        self.calls = []

    def ask(self, query, k=5, filters=None):
        self.calls.append(query)
        return query


class _NewKB(_OldKB):
    def ask(self, query, k=5, filters=None, history=None):
        self.calls.append((query, history))
        return query


def test_history_is_passed_only_when_ask_accepts_it():
    old, new = _OldKB(), _NewKB()
    conversation.ask(old, "那海淀区呢？", ["丰台区PM2.5目标？"])
    conversation.ask(new, "那海淀区呢？", ["丰台区PM2.5目标？"])
    assert old.calls == ["那海淀区呢？"] and new.calls == [("那海淀区呢？", ["丰台区PM2.5目标？"])]


def test_conversation_keeps_turns_in_order_and_escapes_questions():
    state = conversation.add_turn(conversation.new_state(), "<b>甲</b>", "<div>答</div>", {"query": "甲"})
    state = conversation.add_turn(state, "", '<div class="kb-error">问题为空</div>', None)
    assert [m["role"] for m in state["messages"]] == ["user", "assistant", "user", "assistant"]
    assert state["messages"][0]["content"] == "&lt;b&gt;甲&lt;/b&gt;"
    assert conversation.history(state) == ["<b>甲</b>"]


def test_export_writes_a_word_file_with_the_citations(tmp_path):
    from docx import Document

    ans = {"query": "降尘量？", "answer": "5吨/平方公里·月", "citations": [hit(), hit(clause_id="x")]}
    path = conversation_docx_or_skip([ans], tmp_path)
    text = "\n".join(p.text for p in Document(path).paragraphs)
    assert "问：降尘量？" in text and "答：5吨/平方公里·月" in text
    assert text.count("[1] 《北京市“十四五”时期生态环境保护规划》（京政发〔2021〕35号）") == 1 and "[2]" not in text


def conversation_docx_or_skip(turns, folder):
    from ui.export import conversation_docx

    path = conversation_docx(turns, folder)
    assert path and path.suffix == ".docx" and path.stat().st_size > 5000
    return path
