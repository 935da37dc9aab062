"""kb.documents.law on the development laws in ../shared/laws and on synthetic traps.

Expected counts were read by hand in the source files (line numbers given in comments)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.documents.law import (
    Article,
    Paragraph,
    cn_to_int,
    find_aliases,
    find_references,
    looks_like_law,
    parse_law,
    split_article,
)

LAWS = Path(__file__).resolve().parents[1].parent / "shared" / "laws"
MD = sorted(p.name for p in LAWS.glob("*.md") if p.name != "README.md") if LAWS.is_dir() else []
ALL = MD + ["北京市市容环境卫生条例.txt", "中华人民共和国森林法.docx"]
needs_laws = pytest.mark.skipif(not LAWS.is_dir(), reason="../shared/laws not present")

# Independent reference: a line-initial label followed by the separating space the sources use.
SOURCE_MARKER = re.compile(r"^[#\s\u3000\u200b]*(第[一二三四五六七八九十百千零]+条)[ \u3000]")
DIGITS = "零一二三四五六七八九"


def cn(n: int) -> str:
    """Independent int -> Chinese numeral (n < 1000) to build 第一条..第N条."""
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    out = DIGITS[hundreds] + "百" if hundreds else ""
    if tens:
        out += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    elif hundreds and ones:
        out += "零"
    return out + (DIGITS[ones] if ones else "")


def read(name: str) -> list[tuple[int, str]]:
    path = LAWS / name
    if path.suffix == ".docx":
        docx = pytest.importorskip("docx")
        lines = [p.text for p in docx.Document(str(path)).paragraphs]
    else:
        lines = path.read_text(encoding="utf-8").splitlines()
    return list(enumerate(lines, 1))


def article(name: str, label: str) -> Article:
    return next(a for a in parse_law(read(name)).articles if a.label == label)


def shape(a: Article) -> list[int]:
    """Number of 项 in each 款."""
    return [len(p.items) for p in a.paragraphs]


def test_cn_numerals() -> None:
    assert [cn_to_int(t) for t in ("一", "十", "十二", "二十", "一百一十八", "一百零八")] == [
        1, 10, 12, 20, 118, 108]
    assert [cn_to_int(t) for t in ("二千", "一千二百", "一千二百二十九", "一〇八", "12")] == [
        2000, 1200, 1229, 108, 12]
    assert [cn(n) for n in (1, 10, 11, 20, 100, 108, 110, 124)] == [
        "一", "十", "十一", "二十", "一百", "一百零八", "一百一十", "一百二十四"]


@needs_laws
@pytest.mark.parametrize("name", ALL)
def test_articles_match_source_markers(name: str) -> None:
    body = read(name)
    source = [m.group(1) for _, t in body if (m := SOURCE_MARKER.match(t))]
    assert source == ["第" + cn(i) + "条" for i in range(1, len(source) + 1)]  # reference sane
    result = parse_law(body)
    assert [a.label for a in result.articles] == source
    assert result.warnings == []
    assert looks_like_law(body)
    for a in result.articles:
        assert a.paragraphs and a.paragraphs[0].text, a.label
        assert a.start_line <= a.end_line
        for element in a.path:
            assert re.match(r"^第[一二三四五六七八九十]+[章节] \S", element), element
            assert not re.search(r"依照|违反|规定的|第.+条", element), element


@needs_laws
@pytest.mark.parametrize("name", ALL)
def test_chapters_in_paths(name: str) -> None:
    source = {re.sub(r"\s", "", t.lstrip("# ")) for _, t in read(name)
              if re.match(r"^[#\s\u3000]*第[一二三四五六七八九十]+章", t)}
    found = {re.sub(r"\s", "", a.path[0]) for a in parse_law(read(name)).articles if a.path}
    assert found == source


@needs_laws
def test_markdown_chapters_are_paths_not_annexes() -> None:
    result = parse_law(read("全国污染源普查条例(2019-03-02).md"))
    assert result.articles[0].path == ["第一章 总则"]
    assert result.articles[-1].path == ["第七章 附则"]
    assert result.trailer_lines == []
    assert [t for _, t in result.header_lines] == ["全国污染源普查条例", "2007年10月9日 中华人民共和国国务院令第508号公布"]


@needs_laws
def test_spaced_out_headings_are_normalised() -> None:
    # "## 第一章 总 则" (line 17, between zero-width-space lines) and "## 第一章\u3000总\u3000\u3000则".
    assert article("北京市实施《水法》办法(2022-11-25).md", "第一条").path == ["第一章 总则"]
    assert article("北京市机动车停车条例(2021-09-24).md", "第一条").path == ["第一章 总则"]


@needs_laws
def test_sections_in_paths() -> None:
    # 节约能源法 lines 101-105; 市容环境卫生条例.txt lines 130-137.
    assert article("节约能源法(2018-10-26).md", "第二十四条").path == ["第三章 合理使用与节约能源", "第一节 一般规定"]
    txt = article("北京市市容环境卫生条例.txt", "第二十六条")
    assert txt.path == ["第四章 城市容貌", "第一节 建筑物、构筑物"]
    assert shape(txt) == [6, 0]  # six 项, then the penalty 款 "违反前款第（三）项…"


@needs_laws
def test_paragraph_and_item_counts() -> None:
    # 全国污染源普查条例 lines 149-161: lead-in with (一)-(三) in half-width brackets, two 款 after.
    a = article("全国污染源普查条例(2019-03-02).md", "第三十九条")
    assert shape(a) == [3, 0, 0]
    assert a.paragraphs[1].text.startswith("单位有本条第一款")
    # 海洋环境保护法 2023 lines 449-463: lead-in, six 项, closing penalty 款.
    assert shape(article("海洋环境保护法(2023-10-24).md", "第九十三条")) == [6, 0]
    # 森林法.docx: 第二十二条 has four 款 and no 项; the header is a title and four dated lines
    # that end without punctuation ("…通过", "…修正", "…修订").
    assert shape(article("中华人民共和国森林法.docx", "第二十二条")) == [0, 0, 0, 0]
    header = parse_law(read("中华人民共和国森林法.docx")).header_lines
    assert [t[:4] for _, t in header] == ["中华人民", "1984", "1998", "2009", "2019"]


@needs_laws
def test_pdf_text_joins_broken_lines() -> None:
    body = read("北京市市容环境卫生条例.txt")
    result = parse_law(body)
    assert [t[:4] for _, t in result.header_lines] == ["北京市市", "2002", "2006", "2016", "2020", "2021"]
    a22 = next(a for a in result.articles if a.label == "第二十二条")
    # lines 94-115: the page number "— 1 —" falls inside 款 1 ("…负\n\n— 1 —\n\n责。").
    assert shape(a22) == [0, 9, 0, 0]
    assert a22.paragraphs[0].text.endswith("由约定的责任人负责。")
    assert "—" not in a22.text
    # lines 343-348: "…保证工程质量。" ends a line but the 款 goes on (the next line is not indented).
    a60 = next(a for a in result.articles if a.label == "第六十条")
    assert len(a60.paragraphs) == 3 and "质量。规划自然资源" in a60.paragraphs[0].text
    # lines 94-96 of 第九条: a lone "。" on its own line belongs to the sentence before it.
    assert next(a for a in result.articles if a.label == "第九条").text.endswith("给予表彰和奖励。")


@needs_laws
def test_pdf_text_without_indentation_still_counts_articles() -> None:
    body = [(ln, t.lstrip("\u3000 ")) for ln, t in read("北京市市容环境卫生条例.txt")]
    result = parse_law(body)
    assert len(result.articles) == 67 and result.warnings == []
    assert shape(next(a for a in result.articles if a.label == "第二十二条")) == [0, 9, 0, 0]


PDF_TRAP = """\
　　第一章　总　　则
　　第一条 为了测试，制定本条例。
　　第二条 本条例适用于本市。
　　第二章　法律责任
　　第二十九条 违反本条例规定，有下列行为之一的，依照本条例
第三十条规定的程序处理：
　　（一）违反本条例第二十条第一款第
（二）项规定的；
　　（二）违反《中华人民共和国水法》第十九条规定的。
　　第三十条 有前款第（一）项行为的，处一千元罚款。
　　第三十条之一 本条例自公布之日起施行。"""


@pytest.mark.parametrize("indent", [True, False])
def test_references_at_line_start_do_not_open_articles(indent: bool) -> None:
    text = PDF_TRAP if indent else PDF_TRAP.replace("\u3000", "")
    result = parse_law(list(enumerate(text.splitlines(), 1)))
    assert [(a.label, a.number, a.suffix) for a in result.articles] == [
        ("第一条", 1, 0), ("第二条", 2, 0), ("第二十九条", 29, 0), ("第三十条", 30, 0), ("第三十条之一", 30, 1)]
    a29 = result.articles[2]
    assert a29.path == ["第二章 法律责任"] and shape(a29) == [2]
    assert a29.paragraphs[0].text.endswith("依照本条例第三十条规定的程序处理：")
    assert a29.paragraphs[0].items[0] == "（一）违反本条例第二十条第一款第（二）项规定的；"
    assert result.warnings == ["gap: 第二条 -> 第二十九条"]
    refs = find_references(a29.text)
    assert [(r.law, r.article, r.paragraph, r.item) for r in refs] == [
        (None, 30, None, None), (None, 20, 1, 2), ("中华人民共和国水法", 19, None, None)]


def test_unspaced_labels_use_sequence_and_punctuation() -> None:
    # Some sources write "第一条为了…" without a space: only the sentence end tells "第三条规定的" apart.
    text = ["第一条为了测试，制定本条例。", "第二条违反本条例", "第三条规定的，处罚款。", "第三条本条例自公布之日起施行。"]
    result = parse_law(list(enumerate(text, 1)))
    assert [a.label for a in result.articles] == ["第一条", "第二条", "第三条"]
    assert result.articles[1].text == "违反本条例第三条规定的，处罚款。"


def test_markdown_paragraph_starting_with_reference() -> None:
    # In a document that always writes "第X条 正文", an unspaced "第三条规定的…" is a 款, even
    # after a full stop and even though article 3 is the one expected next.
    text = ["第一条 为了测试，制定本条例。", "", "第二条 有关部门应当履行职责。", "",
            "第三条规定的事项，由市人民政府另行规定。", "", "第三条 本条例自公布之日起施行", "",
            "违反本条例规定的", "", "，依法处理。"]
    result = parse_law(list(enumerate(text, 1)))
    assert [a.label for a in result.articles] == ["第一条", "第二条", "第三条"]
    assert len(result.articles[1].paragraphs) == 2
    # A page break left "，依法处理。" alone after an empty line: a line cannot start with "，".
    # Markdown separates 款 by empty lines, so a 款 missing its full stop still ends there.
    assert [p.text for p in result.articles[2].paragraphs] == ["本条例自公布之日起施行", "违反本条例规定的，依法处理。"]


def test_toc_and_backwards_markers() -> None:
    text = ["# 某某条例", "目　录", "第一章　总　则", "第二章　附　则", "", "## 第一章　总　则", "",
            "第一条 为了测试，制定本条例。", "", "第二条 本条例第一条所称……。", "",
            "第一条 规定的事项另行规定。", "", "## 第二章　附　则", "", "第三条 本条例自公布之日起施行。"]
    result = parse_law(list(enumerate(text, 1)))
    assert [a.label for a in result.articles] == ["第一条", "第二条", "第三条"]
    assert result.articles[0].path == ["第一章 总则"] and result.articles[2].path == ["第二章 附则"]
    assert len(result.articles[1].paragraphs) == 2  # the backwards "第一条 …" stays text
    assert any("out-of-sequence" in w for w in result.warnings)


def test_book_part_chapter_section_and_annex() -> None:
    text = ["第一编　总　　则", "第一章　基本规定", "第一条 为了测试，制定本法。", "第二编　物　　权",
            "第一分编　通　　则", "第一章　一般规定", "第一节　不动产登记", "第二条 不动产登记。",
            "第二节　动产交付", "第二条之一 动产交付：", "（一）现实交付；", "1. 当面交付；", "2. 委托交付；",
            "（二）简易交付。", "第二章　物权的保护", "第三条 本法自公布之日起施行。", "附件：申请表", "姓名：",
            "第四条 表格说明。"]
    result = parse_law(list(enumerate(text, 1)))
    arts = result.articles
    assert [a.label for a in arts] == ["第一条", "第二条", "第二条之一", "第三条"]
    assert arts[0].path == ["第一编 总则", "第一章 基本规定"]
    assert arts[1].path == ["第二编 物权", "第一分编 通则", "第一章 一般规定", "第一节 不动产登记"]
    assert arts[2].path[-1] == "第二节 动产交付" and (arts[2].number, arts[2].suffix) == (2, 1)
    assert arts[2].paragraphs[0].items == ["（一）现实交付；\n1. 当面交付；\n2. 委托交付；", "（二）简易交付。"]
    assert arts[3].path == ["第二编 物权", "第一分编 通则", "第二章 物权的保护"]
    assert [t for _, t in result.trailer_lines] == ["附件：申请表", "姓名：", "第四条 表格说明。"]


def test_plan_is_not_law() -> None:
    plan = """# 北京市“十四五”时期生态环境保护规划
一、总体要求
（一）指导思想
坚持以人民为中心，落实《中华人民共和国环境保护法》第十条规定的职责。
（二）基本原则
1. 坚持系统治理。
2. 坚持依法治污，按照第十一条、第十二条的要求推进。
二、主要任务
（一）深化大气污染治理
第十条规定的监管职责由各区落实。
（二）推进水生态保护
三、保障措施
依照本规划第二部分组织实施。"""
    assert not looks_like_law(list(enumerate(plan.splitlines(), 1)))
    # Scattered article numbers (a commentary quoting 第五条, 第十二条, …) are not a law's body.
    quotes = ["第五条 应当公开。", "第十二条 不得泄露。", "第三十条 依法处罚。", "第四十一条 另行规定。"]
    assert not looks_like_law(list(enumerate(quotes, 1)))
    assert looks_like_law(list(enumerate(["第一条 甲。", "第二条 乙。", "第三条 丙。"], 1)))


def test_this_act_named_after_other_words_is_this_act() -> None:
    # 在森林防火区有本条例第二十一条第一款…: the words before 本条例 are the conduct's, not an act's name
    text = "违反本条例规定，森林防火期内，在森林防火区有本条例第二十一条第一款规定行为之一的，由林业主管部门责令停止违法行为。"
    assert [(r.law, r.article, r.paragraph) for r in find_references(text, "某市森林防火条例")] == [(None, 21, 1)]
    assert [r.law for r in find_references("有期徒刑的期限，除本法第五十条、第六十九条规定外，为六个月以上十五年以下。")] == [None, None]
    assert [r.law for r in find_references("依照《中华人民共和国森林法》第七十四条的规定处罚。")] == ["中华人民共和国森林法"]


@needs_laws
def test_references_in_sources() -> None:
    a = article("北京市实施《水法》办法(2019-07-26).md", "第六十一条")  # line 225
    refs = [(r.law, r.article, r.paragraph) for r in find_references(a.text)]
    assert refs[:2] == [(None, 23, 2), (None, 47, 1)]
    a = article("北京市森林资源保护管理条例(2018-03-30).md", "第四十条")  # line 179
    assert [(r.law, r.article) for r in find_references(a.text)][:2] == [(None, 15), (None, 17)]
    a = article("海洋环境保护法(2017-11-04).md", "第七十七条")  # line 347
    assert [(r.article, r.paragraph) for r in find_references(a.text)][:2] == [(30, 1), (30, 3)]
    a = article("中华人民共和国森林法.docx", "第八十二条")  # 本法第七十四条第一款、第七十六条、…
    assert [(r.article, r.paragraph) for r in find_references(a.text)] == [
        (74, 1), (76, None), (77, None), (78, None)]
    interp = "最高人民法院关于审理环境侵权责任纠纷案件适用法律若干问题的解释(2020-12-29).md"
    refs = find_references(article(interp, "第十二条").text)  # line 61
    assert ("环境保护法", 63) in [(r.law, r.article) for r in refs]
    assert ("民法典", 1168) in [(r.law, r.article) for r in find_references(article(interp, "第二条").text)]
    first = article("北京市实施《水法》办法(2022-11-25).md", "第一条").text
    assert find_aliases(first) == {"水法": "中华人民共和国水法"}


def test_reference_forms() -> None:
    refs = find_references("依照本法第十条至第十二条、《中华人民共和国水法》第一百零八条和第一千二百条")
    assert [(r.law, r.article) for r in refs] == [
        (None, 10), (None, 11), (None, 12), ("中华人民共和国水法", 108), ("中华人民共和国水法", 1200)]
    refs = find_references("违反本法第三十条第一款第（二）项、第（四）项规定的；本条第一款所列；前款第一项")
    assert [(r.article, r.paragraph, r.item) for r in refs] == [(30, 1, 2), (30, 1, 4)]
    refs = find_references("《水法》第十九条和本办法第二十条之一", self_title="某办法", aliases={"水法": "中华人民共和国水法"})
    assert [(r.law, r.article, r.suffix) for r in refs] == [("中华人民共和国水法", 19, 0), (None, 20, 1)]
    refs = find_references("根据民事诉讼法第一百条或者第一百零一条规定；依照《某某条例》第三条", self_title="某某条例")
    assert [(r.law, r.article) for r in refs] == [("民事诉讼法", 100), ("民事诉讼法", 101), (None, 3)]


@needs_laws
@pytest.mark.parametrize(("name", "label", "lead_end", "closing_start", "max_chars"), [
    # 市容环境卫生条例.txt lines 137-153 (525 characters); 海洋环境保护法 2023 lines 449-463.
    ("北京市市容环境卫生条例.txt", "第二十六条", "应当符合以下规定：", "违反前款第（三）项", 500),
    ("海洋环境保护法(2023-10-24).md", "第九十三条", "责令停业、关闭：", "有前款第一项、第二项行为之一的", 400),
])
def test_split_long_penalty_article(name: str, label: str, lead_end: str, closing_start: str,
                                    max_chars: int) -> None:
    a = article(name, label)
    lead, closing = a.paragraphs[0].text, a.paragraphs[-1].text
    assert lead.endswith(lead_end) and closing.startswith(closing_start)
    parts = split_article(a, max_chars=max_chars)
    assert len(parts) > 1 and [p.index for p in parts] == list(range(1, len(parts) + 1))
    for part in parts:
        assert part.text.startswith(label)
        assert lead in part.text and closing in part.text
        assert part.count == len(parts)
    items = [line for p in parts for line in p.body.splitlines()]
    assert items == a.paragraphs[0].items  # every 项 exactly once, in order, none cut
    short = split_article(article(name, "第一条"))
    assert len(short) == 1 and short[0].text.startswith("第一条")


def test_split_keeps_list_lead_of_a_later_paragraph() -> None:
    items = [f"（{DIGITS[i]}）" + "很长的项文字" * 8 + "；" for i in range(1, 7)]
    a = Article(5, 0, "第五条", [], [Paragraph("第一款内容。"), Paragraph("有下列情形之一的，不予批准：", items),
                                        Paragraph("有前款第（一）项情形的，处罚款。")], 1, 9)
    parts = split_article(a, max_chars=200)
    assert len(parts) > 1
    for part in parts:
        assert "有下列情形之一的，不予批准：" in part.text and part.text.endswith("处罚款。")
    assert split_article(a, max_chars=5000)[0].count == 1
