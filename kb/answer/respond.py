"""From retrieved clauses to the answer: refuse, state the value, or say that no clause states it.

The order matters: a question about a law we do not hold is refused; a law question is answered
from the article that states the penalty, department or period (kb.answer.law_respond); an
indicator question from the target ledger for the place and year asked (never another's); anything
else from the best sentence — but only when the clause names the place the question names and, for
a penalty question, states a penalty. Otherwise "现有文件未规定…" with the related clauses.
"""
from __future__ import annotations

import re
from dataclasses import replace

from kb import vocab
from kb.answer.extract import (REFUSAL, Answer, asked_part, asks_total, best_sentence, column_answer, compose,
                               ends_with_heading, figures_of_place, other_direction, other_district, refusal_reason,
                               unmentioned_field_term, value_words)
from kb.answer.guards import close_enough, not_stated
from kb.answer.indicators import vocabulary as indicator_vocabulary
from kb.answer.law_answer import LawAnswerer, Terms, _has_penalty, asks_effective, question_kind
from kb.answer.law_respond import bare_title, law_answer
from kb.answer.laws import answer_vocab, article_number, is_law
from kb.answer.measures import asked_years, asks_amount, base_years, last_count, other_year, states_amount
from kb.answer.record import record_answer
from kb.index.keyword import tokenize
from kb.search.legal import has_subject, named_laws, reading, strong_name, title_match
from kb.search.query import Query
from kb.search.searcher import Hit

# A figure asked may come from any of this many leading clauses that fit the place, year and indicator
# asked, when the first states none (kb.answer.extract._figure_clause).
FIGURE_POOL = 3
YEAR_POOL = 5  # the hits cited a year asked may come from when the first sentence states none


def respond(kb, query: Query, hits: list[Hit], k: int) -> Answer:
    """The answer to an analysed question over its retrieved hits."""
    ask = reading(query, kb.documents)
    named = [d for d in kb.documents if d.id in ask.named]
    # 《北京市大气污染防治条例》 is not in the corpus: do not answer from another law — unless the question
    # names an article of it that clauses we hold apply (a judicial interpretation of 环境保护法第六十五条):
    # then only those clauses answer, after saying that the act itself is not held
    # 信阳条例 says where, not which; 国家法律和北京地方条例 joins two descriptions, it is no title we lack
    missing = [n for n in ask.names if strong_name(n) and has_subject(n)
               and ("《" in n or not re.search("(?:法律|法规|法|条例|办法)[和与及]", n))
               and not spoken_of(kb, n, query.text)]
    applying = [c for n in missing for c in applying_clauses(kb, n, ask.article, query.text)]
    if missing and not named and not applying:
        note = f"（现有文件中没有《{missing[0].strip('《》')}》。）"
        return Answer(query.text, False, REFUSAL + note, kind="refusal")
    if applying and not named:
        hits = kb.cite(applying, query)
    laws = LawAnswerer(kb)
    record = record_answer(kb, query)  # 《…》的文号 / 成文日期: from the document's metadata
    if record is not None:
        record.annotations = {h.clause_id: laws.annotate(h) for h in record.citations}
        return record
    reason = refusal_reason(query, hits, kb.loaded.keyword.vocab, kb.refusal, kb.aliases, kb.mentions,
                            kb.territory)
    if reason is not None and not named:
        return Answer(query.text, False, REFUSAL, kind="refusal")
    kind = question_kind(query.text)
    foreign = unmentioned_field_term(query, kb.mentions) if named else None
    if foreign is not None and foreign in (asked_part(query.text) or query.text):
        # 停车条例…租金适用什么税率: the act named is held and no text says 税率 (承办足球赛，停车上…要承担哪些责任:
        # the match is the setting, the act's duties what is asked)
        answer = not_stated(query, hits, kind, what=f"所问的{foreign}")
    elif named or any(is_law(laws.docs[h.doc_id]) for h in hits[:3]):
        answer = law_answer(laws, query, hits, kind, named)
    else:
        answer = document_answer(kb, query, hits, kind)
    swapped = other_direction(query.text, answer.answer) if answer.found else None
    if swapped is not None:  # 南水北调东线每年调水多少 → 南水北调中线水52亿立方米: another line's figure
        answer = not_stated(query, answer.citations, kind, what=f"所问的“{swapped}”")
    if applying and not named and answer.found:
        answer.answer = f"现有文件中没有《{bare_title(missing[0])}》；以下条款适用其{ask.article}：" + answer.answer
    cited = merge_parts(answer.citations)
    answer.citations = cited if answer.kind == "targets" else cited[:k]  # every figure stated keeps its source
    answer.annotations = {h.clause_id: laws.annotate(h) for h in answer.citations}
    return answer


def spoken_of(kb, name: str, question: str) -> bool:
    """Whether a question asks what a document held says of an act it does not hold (2023年计划里，围绕
    《北京市土壤污染防治条例》的普法宣传…什么时限): the question places what it asks in a plan or notice
    (answers.json "in_a_document") and a clause held quotes the act's title (宣讲土壤污染防治条例: its last
    six characters or more, 《北京市土壤污染防治条例》). Not when it asks what the act itself says — its penalty,
    an article of it, when it takes effect (规划里提到的《X条例》对违规排放罚多少 is still a question about X)."""
    if not re.search(answer_vocab()["in_a_document"], question) or question_kind(question) in ("penalty", "lookup") \
            or article_number(question) is not None or asks_effective(question) \
            or re.search("罚|施行|生效|第几条|哪一?条", question):
        return False
    bare = name.strip("《》")
    return any(kb.mentions(f"{bare[i:]}》") for i in range(len(bare) - 5))


def applying_clauses(kb, name: str, article: str | None, question: str) -> list[str]:
    """Clauses we hold that apply the article the question names of an act we do not hold
    ("环境保护法第六十五条" in "应当认定为环境保护法第六十五条规定的弄虚作假"): the clause names that very act, or
    the one the name shortens (环保法), next to that article (not 海洋环境保护法, which contains its name)."""
    core = bare_title(name)
    if article is None or not re.search(re.escape(core) + "》?第", re.sub(r"\s", "", question)):
        return []
    out = []
    for c in kb.loaded.clauses:
        if article not in c.text or core[:1] not in c.text:  # an act cited there begins as its name does
            continue
        acts = {bare_title(n) for n in named_laws(c.text)}  # 环保法 shortens the 环境保护法 a clause cites
        full = max(acts, key=lambda a: title_match(core, a), default=None)
        if full and title_match(core, full) and re.search(r"(?:《(?:中华人民共和国)?)?" + re.escape(full) + "》?" + article, c.text):
            out.append(c.clause_id)
    return out


def _rows_of_place(kb, query: Query, hits: list[Hit]) -> list[Hit]:
    """The table rows among `hits` that are about the place asked: its district's document or rows naming
    it, or, when no district is asked, a city-wide document's (a district plan's row is not the city's)."""
    from kb.answer.from_ledger import places_in

    places = places_in(query)
    return [h for h in hits if h.kind == "indicator_row" and (
        all(p in h.text + h.section + h.doc_title for p in places) if places else _city_document(kb, h))]


def _names_place(place: str, hit: Hit, about: Terms) -> bool:
    """Whether a clause is about the place a question names: by its name, without its last character
    (丰台 for 丰台区), or by another name for it (平原区 for 平原地区: kb/data/indicators.json scope_aliases)
    in a sentence on what is asked (`about`: the question's words but the place's) — 平原区地下水位 is no
    answer for 平原地区的PM2.5 because a paragraph on 2025's targets names both."""
    if place in hit.text + hit.section + hit.doc_title or place[:-1] in hit.text:
        return True
    aliases = indicator_vocabulary()["scope_aliases"].get(place, ())
    return any(a in s and about.overlap(s) for a in aliases for s in re.split("[。；]", hit.text))


def _city_document(kb, hit: Hit) -> bool:
    """Whether the hit's document applies to the whole city (its scope is 全市, or none is given)."""
    return kb.searcher.docs[hit.doc_id].scope in (None, "", "全市")


def target_in_words(query: Query, row: Hit | None, terms: Terms) -> str | None:
    """What a table row sets in words where the year asked has no figure (碳排放降幅（%）… 2025年规划值：
    达到市级要求), said as such — only for a row naming the question's words, in a column of a year asked."""
    if row is None or row.kind != "indicator_row" or not query.years:
        return None
    name = row.text.split("：", 1)[0]
    if not terms.overlap(name):
        return None
    for column, value in row.fields.items():
        if any(f"{y}年" in column for y in query.years) and re.search(r"[\u4e00-\u9fff]{2}", value) \
                and not re.search(r"\d", value):
            return f"现有文件未给出具体数值：表中“{name}”的{column}为“{value.strip()}”。"
    return None


def document_answer(kb, query: Query, hits: list[Hit], kind: str | None) -> Answer:
    """Plans and action plans: ledger figures, duty fields, or the best sentence, checked for place and penalty."""
    from kb.answer.from_ledger import answer_from_ledger, empty_cell, indicator_in, measured_in, names_indicator, places_in, terms_named

    column = column_answer(query, _rows_of_place(kb, query, hits[:3]))
    if column is not None:
        return column
    ledger = answer_from_ledger(kb, query, hits)
    if ledger is not None:
        return ledger
    terms = Terms(query)
    # a plan states a consequence as 依法处罚…的行为 without a sum: it answers 怎么处理, not 罚多少
    words = answer_vocab()
    consequence = None if re.search(words["asks_fine_amount"], query.text) else words["plan_consequence"]
    if kind == "penalty":  # 联防联控 is no penalty: answer from a clause stating one, or say none is stated
        stating = [h for h in hits[:5] if (_has_penalty(h.text) or consequence and re.search(consequence, h.text))
                   and terms.overlap(h.text)]
        if not stating:
            return not_stated(query, hits, kind)
        hits = stating + [h for h in hits if h not in stating]
    places = places_in(query) if "responsibility" not in query.intents else []
    about = Terms(query, omit=tuple(places)) if places else None
    fitting = [h for h in hits if all(_names_place(p, h, about) for p in places)]
    if places and not fitting:
        return not_stated(query, hits, None, what=f"{'、'.join(places)}的相关内容")
    if not places and "quantity" in query.intents:
        # no district asked: a district's row of a table states that district's figure, not the answer
        fitting = [h for h in fitting if not (h.kind == "indicator_row" and h.label in vocab.districts())]
        if "全市" in query.text:  # 全市…控制在多少: a district's plan states its own figures, not the city's
            fitting = [h for h in fitting if _city_document(kb, h) or "全市" in h.text]
        if not fitting:
            return not_stated(query, hits, "amount", what="全市的相关数值" if "全市" in query.text else None)
    indicator = indicator_in(query.text) if "quantity" in query.intents else None
    if indicator is not None:  # 朝阳区森林覆盖率 is never answered with 朝阳区's CO2 figure from its table row
        fitting = [h for h in fitting if not h.fields or names_indicator(h.text, h.fields, indicator)
                   and not empty_cell(h.fields, indicator)]
        if not fitting:
            return not_stated(query, hits, None, what="".join(places) + f"{indicator}的相关数值")
    named_years = [y for y in query.years if y not in base_years(query)]  # 跟2015年比: not the year asked
    if asked_years(query) and "quantity" in query.intents:  # a clause comparing with the base asked is about it
        docs, years = kb.searcher.docs, asked_years(query) | base_years(query)
        fitting = [h for h in fitting if any(f"{y}年" in h.text + h.section + " ".join(h.fields)
                                             or docs[h.doc_id].target_year == y for y in years)
                   or any(p in h.text + h.section for p in query.periods)]
        if not fitting:  # the place and the year asked together, never one of them alone
            what = "".join(places) + f"{'、'.join(map(str, named_years))}年的相关数值"
            return not_stated(query, hits, None, what=what)
    if "quantity" in query.intents:
        fitting = named_row_first(query, fitting, kb.searcher.docs)
    answer = compose(query, fitting + [h for h in hits if h not in fitting], True, min(FIGURE_POOL, len(fitting)))
    row = answer.citations[0] if answer.citations else None
    body = _headed_paragraph(kb, query, row, answer) if answer.kind == "clause" and not answer.value else None
    if body is not None:  # 坚持推动区域协同共治。 closes the paragraph before the one it heads: answer from that
        answer = compose(query, [body] + [h for h in answer.citations if h.clause_id != body.clause_id], True)
        row = body
    if answer.kind == "clause" and "responsibility" in query.intents and re.search(
            words["question_kinds"]["department"], query.text) and not re.search(words["names_body"], answer.answer):
        return not_stated(query, answer.citations, None, what="负责该事项的部门")  # 三站一楼…由哪个部门牵头 → 全力服务和保障…
    # …下降12%左右这个目标，把哪个局列为牵头 → 西城区's figure: a table's row of figures names a place, not who leads
    if answer.kind == "clause" and row is not None and row.kind == "indicator_row" \
            and "responsibility" in query.intents and "quantity" not in query.intents:
        return not_stated(query, answer.citations, None, what="负责该事项的部门")
    rare = Terms(query, kb.rarity)
    if row is not None and answer.kind in row.fields and \
            rare.overlap(_row_text(row)) < kb.refusal.min_duty_words * rare.total(kb.mentions):
        what = "负责该事项的部门" if "responsibility" in query.intents else "所问事项的完成时限"
        return not_stated(query, answer.citations, None, what=what)  # 光污染治理 → the lead of 落实监督指导
    if answer.kind == "clause" and row is not None and row.kind == "indicator_row" and "quantity" in query.intents \
            and other_rate(query, answer.answer):
        return not_stated(query, answer.citations, None, what="所问指标的相关数值")  # 声环境功能区夜间达标率 → 断面水质达标率
    if answer.kind == "clause" and "quantity" in query.intents and another_rate(query.text, answer.answer):
        return not_stated(query, answer.citations, None, what="所问指标的相关数值")  # 湿地保护率 → 再生水利用率达到35%
    if answer.kind == "clause" and answer.value and another_count(query, answer.answer):
        return not_stated(query, answer.citations, "amount")  # 微联盟有多少家成员单位 → 63家企事业环保设施单位向公众开放
    if answer.kind == "clause" and kind == "penalty" and not _has_penalty(answer.answer) and not (
            consequence and re.search(consequence, answer.answer)):
        return not_stated(query, answer.citations, kind)  # 加大…查处力度 states no penalty
    if answer.kind == "clause" and re.search(words["asks_year"], query.text) \
            and not re.search(words["states_year"], answer.answer):
        dated = _dated(query, answer, terms)
        if dated is None:
            return not_stated(query, answer.citations, None, what="所问的年份")  # 官厅水库哪一年恢复… → 研究推动…
        answer = compose(query, [dated] + [h for h in answer.citations if h is not dated], True)
    if answer.kind == "clause" and asks_amount(query.text) and not states_amount(answer.answer, query.text):
        said = target_in_words(query, row, terms)
        if said is not None:  # 2025年规划值：达到市级要求 — what the table sets instead of a figure
            return Answer(query.text, True, said, kind="clause", citations=answer.citations, found=True)
        return not_stated(query, answer.citations, "amount")  # 要达到多少 → 稳步提升 states no figure
    # 多少个口袋公园 → 100个地下水风险源 is about something else; 生态保护红线…多少平方公里 → 城乡建设用地规模…
    # 2760平方公里 shares only the unit and the year
    if answer.kind == "clause" and asks_amount(query.text) and not terms.overlap(_subject_of(answer.answer, query)):
        return not_stated(query, answer.citations, "amount")
    figure = value_words(answer.answer, answer.value) if indicator is not None and answer.value else ""
    if answer.kind == "clause" and indicator_in(figure) not in (None, indicator) and not names_indicator(figure, {}, indicator):
        return not_stated(query, answer.citations, None, what=f"{indicator}的相关数值")  # 再生水利用率达到35% for 生活垃圾回收利用率
    if answer.kind == "clause" and figure and terms_named(figure) \
            and not set(terms_named(figure)) & set(measured_in(indicator)) and not names_indicator(figure, {}, indicator):
        return not_stated(query, answer.citations, None, what=f"{indicator}的相关数值")  # 碳排放总量 → 氮氧化物…1.38万吨
    if answer.value and asks_amount(query.text) and not close_enough(kb, query, answer.answer[len(answer.value) + 1:-1],
                                                               kb.refusal.min_figure_dense):
        return not_stated(query, answer.citations, "amount")  # 小货车…多少是电动的 → 200辆 of 渣土车
    one_place = answer.kind == "clause" and "quantity" in query.intents and len(query.districts) == 1 \
        and not asks_total(query.text)
    if one_place and ((answer.value is None and figures_of_place(answer.answer, query.districts[0]) == [])  # 19台 is
                      or other_district(answer.answer, query.districts[0])):  # five districts'; 100辆 is 大兴区's
        return not_stated(query, answer.citations, None, what=f"{query.districts[0]}的相关数值")
    section = row.section if row is not None else ""  # a sentence naming no year: its section's period
    if answer.kind == "clause" and "quantity" in query.intents and other_year(answer.answer, query, section):
        return not_stated(query, answer.citations, None, what=f"{'、'.join(map(str, named_years))}年的相关数值")
    if answer.kind == "clause" and "quantity" in query.intents:  # SO2 asked, PM2.5 stated
        named_by = measured_in(indicator) if indicator else terms_named(query.text)
        if named_by and not any(t in terms_named(answer.answer) for t in named_by) \
                and not (indicator and names_indicator(answer.answer, {}, indicator)):  # 碳排放强度 names it whole
            return not_stated(query, answer.citations, None, what=f"{indicator or '、'.join(named_by)}的相关数值")
    return answer


def _dated(query: Query, answer: Answer, terms: Terms) -> Hit | None:
    """For a year asked (哪一年基本消除重污染天气) when the sentence chosen states none: the next of the
    hits cited whose sentence states a year and says as much of what is asked."""
    words, said = answer_vocab(), terms.overlap(answer.answer)
    for hit in answer.citations[1:YEAR_POOL]:
        sentence = best_sentence(query, hit.text)
        if re.search(words["states_year"], sentence) and terms.overlap(sentence) >= max(said, 1):
            return hit
    return None


def _subject_of(sentence: str, query: Query) -> str:
    """A sentence without its numbers, years, the units the question names and the words stating an end
    state (控制在, 达到): what is left says what its figure is about (用电量要控制在多少 is not answered by
    天然气消费总量…控制在200亿立方米)."""
    for unit in sorted(query.units, key=len, reverse=True):
        sentence = sentence.replace(unit, " ")
    sentence = re.sub(answer_vocab()["end_state"], " ", sentence)
    return re.sub(r"(?<![A-Za-z\d.])[\d.]+年?", " ", sentence)  # not the 2.5 of PM2.5


def other_rate(query: Query, field: str) -> bool:
    """Whether a table row's field answers for another rate than the one asked: the question's rate (a word
    ending in 率, 达标率) is in the field's name, but none of the words that qualify it in the question (声环境,
    功能区, 夜间 of 西城区2023年声环境功能区夜间达标率) is — the row's 断面水质达标率 is another indicator's. Places,
    years and numbers before the rate are not its qualifiers."""
    import jieba

    name = field.split("：")[0]
    words = [w for w in jieba.cut(query.text) if w.strip()]
    for i, word in enumerate(words):
        if len(word) < 2 or not word.endswith("率") or word not in name:
            continue
        qualifiers = []
        for before in reversed(words[:i]):
            if len(before) < 2 or before in query.districts or re.search(r"\d|年$|^[的在和与及]", before) \
                    or before in vocab.administrative_names() or vocab.has_admin_suffix(before):
                break
            qualifiers.append(before)
        if qualifiers and not any(q in name for q in qualifiers):
            return True
    return False


def another_rate(question: str, text: str) -> bool:
    """Whether a sentence states another rate than the one asked: the question names a rate (湿地保护率: a word
    of three characters or more ending in 率) the sentence does not, and the sentence names one of its own
    (全市再生水利用率达到35%以上 does not answer 湿地保护率是多少); or the share or rate asked is qualified otherwise
    in the sentence (`_other_share`)."""
    def rates(words: str) -> set[str]:  # by characters too: jieba cuts 保有率定的 as 保有 / 率定
        return {w for w in tokenize(words) if len(w) >= 3 and w.endswith("率")} | {
            m for m in _RATE_NAME.findall(words) if not m.endswith(_NO_RATE)}

    asked = rates(question)
    return (bool(asked) and not any(rate in text for rate in asked) and bool(rates(text))) or _other_share(question, text)


_COUNT_WORDS = {"单位", "地方", "东西", "项目", "工作", "任务"}  # what any count may be of


def another_count(query: Query, text: str) -> bool:
    """Whether a sentence counts another thing than the one asked (多少家成员单位 → 63家企事业环保设施单位): the
    nouns right after the classifier of the count asked last (成员; not 单位, which anything counted may be) are
    neither in the sentence nor stood for there by the everyday words they are (厂子 → 企业). A measure asked
    (多少公里) or a count naming nothing after it (得改掉多少台) is not checked."""
    import jieba.posseg

    found = last_count(query.text)
    asked = [m.start() for m in re.finditer(answer_vocab()["asks_amount"], query.text)
             if not query.text.startswith("个", m.end())]  # 多少个小区 counts too (个小 is no 个小时)
    if found is None or found.group(1) not in answer_vocab()["classifiers"] + ["个"] or max(asked, default=0) > found.start():
        return False  # 几户合伙…种到多大面积: the size is asked, not the households
    nouns = []  # 医院 of 多少家医院开展…, not 开展
    for word in jieba.posseg.cut(re.split(r"[^\u4e00-\u9fff]", query.text[found.end():])[0][:8]):
        if not word.flag.startswith("n"):
            break
        nouns.append(word.word)
    words = [w for w in nouns if len(w) >= 2 and w not in _COUNT_WORDS]
    return bool(words) and not any(w in text for w in words) and not any(t in text for t in query.expansions)


_RATE_NAME = re.compile(r"[\u4e00-\u9fff]{2}率(?![先领])")  # 保有率, 建成率: a rate's name (not 率先, 率领)
_NO_RATE = ("频率", "概率", "效率")  # how often, how likely, how efficient: no indicator's rate
_SHARE = re.compile(r"占比|比重|比例")  # jieba cuts 占比 in two; a rate (利用率) is one of its words


def _other_share(question: str, text: str) -> bool:
    """Whether the share or rate asked (可再生能源供热面积的占比, 一般工业固体废物综合利用率) is in the sentence only as
    another's (可再生能源消费占比超过14.4%, 再生水利用率达到35%): the noun right before it in the question (面积,
    综合; 的 and 里 aside) is not in the sentence."""
    import jieba
    import jieba.posseg

    asked = [(m.start(), m.group()) for m in _SHARE.finditer(question)]
    asked += [(start, w) for w, start, _ in jieba.tokenize(question) if len(w) >= 2 and w.endswith("率")]
    for start, share in asked:
        if share not in text:
            continue
        words = [w for w in jieba.posseg.cut(question[:start].rstrip("的之里中内上")) if w.word.strip()]
        # the noun right before it (面积, 消费), not a time (全年) nor a place; and when the sentence has that one
        # (综合 of 秸秆综合利用率 in 畜禽粪污综合利用率), the noun before it
        for before in reversed(words[-2:]):
            if len(before.word) < 2 or before.flag not in ("n", "vn", "nz", "l") \
                    or not re.fullmatch(r"[\u4e00-\u9fff]+", before.word):
                break
            if before.word not in text:
                return True
    return False


MIN_ROW_NAME = 4  # characters of a table row's indicator name the question must state whole
COLUMN_WORD = 2  # characters of a column's label after its year that the question must say (目标, 现状, 规划)


def named_row_first(query: Query, hits: list[Hit], docs: dict) -> list[Hit]:
    """A table row among the leading hits whose indicator and column the question names word for word
    (丰台区“十三五”氨氮减排量的2020年目标 → 氨氮减排量（吨）：…2020年目标：3283；2020年现状：4638) is put
    first: a paragraph on the same indicator may state another of its figures (the amount reached,
    4638吨), where the row keeps each column apart. The row must be of a document for the place asked
    (a district's plan only when that district is asked), name its indicator in full (细颗粒物年均浓度 is
    not 细颗粒物年均浓度下降率: the longest name the question holds wins) and have a column of the year
    asked whose word (目标, 现状, 规划值) the question says."""
    named = []
    for i, hit in enumerate(hits[:FIGURE_POOL]):
        if hit.kind != "indicator_row":
            continue
        scope = docs[hit.doc_id].scope
        if scope not in (None, "", "全市") and scope not in query.districts:
            continue  # 北京市化学需氧量减排量目标 is not 丰台's row
        # the name as written, its unit dropped (氨氮减排量（吨）：… → 氨氮减排量); not indicators.parse_header,
        # which normalises it (细颗粒物年均浓度下降率 → PM2.5年均浓度 with a qualifier) and would match a shorter name
        name = re.sub(r"（[^）]*）$", "", hit.text.split("：")[0])
        columns = [re.match(r"(\d{4})年(.*)", label) for label in hit.fields]
        asked = [c for c in columns if c and (not query.years or int(c.group(1)) in query.years)
                 and c.group(2)[:COLUMN_WORD] in query.text]
        if len(name) >= MIN_ROW_NAME and name in query.text and asked:
            named.append((len(name), -i, hit))
    if not named:
        return hits
    first = max(named)[2]
    return [first] + [h for h in hits if h is not first]


def _headed_paragraph(kb, query: Query, hit: Hit | None, answer: Answer) -> Hit | None:
    """The paragraph after the hit answered from, in the same section, when the sentence chosen is a
    heading closing the hit's text (extract.ends_with_heading) and that paragraph holds a word the
    question asks beyond the heading and the document's title and section (…推动区域协同共治，以哪两个地区为重点
    → 以北京城市副中心、河北雄安新区为重点); a question the heading restates whole (如何推行生态环境损害赔偿制度)
    asks nothing the next paragraph must say, and it may be about another thing."""
    if hit is None or not ends_with_heading(query, hit.text, answer.answer):
        return None
    clause, _, after = kb.clause(hit.clause_id, 1)
    if not after or after[0].section_path != clause.section_path:
        return None
    place = answer.answer + hit.doc_title + hit.section
    asked = [w for w in Terms(query).own if w not in place]
    return kb.cite([after[0].clause_id], query)[0] if any(w in after[0].text for w in asked) else None


def _row_text(row: Hit) -> str:
    """What a table row is about: its text and every column."""
    return " ".join([row.text, *row.fields.values()])


def merge_parts(hits: list[Hit]) -> list[Hit]:
    """Parts of one task row (A2.T4#1, A2.T4#2…) become one citation holding every part's text."""
    merged: dict[str, Hit] = {}
    for hit in hits:
        root = hit.clause_id.split("#")[0]
        if root not in merged:
            merged[root] = hit
        elif hit.text not in merged[root].text:
            merged[root] = replace(merged[root], text=merged[root].text + "\n" + hit.text)
    return list(merged.values())
