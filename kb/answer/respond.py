"""From retrieved clauses to the answer: refuse, state the value, or say that no clause states it.

The order matters: a question about a law we do not hold is refused; a law question is answered
from the article that states the penalty, department or period; an indicator question from the
target ledger for the place and year asked (never another's); anything else from the best
sentence — but only when the clause names the place the question names and, for a penalty
question, states a penalty. Otherwise "现有文件未规定…" with the related clauses.
"""
from __future__ import annotations

import re
from dataclasses import replace

from kb import vocab
from kb.answer.extract import (REFUSAL, Answer, asks_total, compose, figures_of_place, other_district, refusal_reason,
                               single_nouns, value_words)
from kb.answer.law_answer import LawAnswerer, Terms, _has_penalty, conduct, question_kind, render, version_label
from kb.answer.laws import answer_vocab, article_number, is_law, label_number, version_note
from kb.answer.measures import asked_years, asks_amount, base_years, other_year, states_amount, states_period
from kb.answer.provisions import Part
from kb.answer.record import record_answer
from kb.documents.numbering import int_to_cn
from kb.search.legal import (asks_permission, defined_terms, defines_asked, defines_other, has_subject, law_match, named_laws, names_in_passing, other_party, other_version, pattern,
                             reading, strong_name)
from kb.search.query import Query, in_law_words
from kb.search.searcher import Hit

# A question of no particular kind (not a penalty, department, period or definition) is answered with
# the whole article when it is this short (about three sentences), else with its closest part: the
# sentence closest in words was often the rule's first half (可以依法确定给林业经营者使用 without 经批准
# 可以转让、出租). On the laws dev sets and four sets of lawrefbook acts (fourth session of 2026-12-03),
# 150 characters: +9 values, 250: +15, 400: +18, none lost; longer quotes bury the answer.
WHOLE_ARTICLE = 250
# The text a closeness check encodes is cut to this many characters: a penalty's conduct is a list of
# many items at times, and the model's time grows with the length (a 1,000-character passage takes
# ten times a query's). On 105 penalty answers cut and uncut texts fell on the same side of the
# threshold every time (median conduct 92 characters, 90th percentile 163).
CLOSE_CHARS = 150
# A figure asked may come from any of this many leading clauses that fit the place, year and indicator
# asked, when the first states none (kb.answer.extract._figure_clause).
FIGURE_POOL = 3
ANSWER_RANK = 3  # a law answer comes from one of the top retrieved articles (or an article citing one)
NOT_STATED = "现有文件未规定{what}；以下为相关条款。"
_WHAT = {"penalty": "对该行为的处罚", "department": "负责该事项的部门", "deadline": "所问的期限或数量",
         "definition": "该用语的含义", "amount": "所问的具体数额"}


def respond(kb, query: Query, hits: list[Hit], k: int) -> Answer:
    """The answer to an analysed question over its retrieved hits."""
    ask = reading(query, kb.documents)
    named = [d for d in kb.documents if d.id in ask.named]
    # 《北京市大气污染防治条例》 is not in the corpus: do not answer from another law — unless the question
    # names an article of it that clauses we hold apply (a judicial interpretation of 环境保护法第六十五条):
    # then only those clauses answer, after saying that the act itself is not held
    # 信阳条例 says where, not which; 国家法律和北京地方条例 joins two descriptions, it is no title we lack
    missing = [n for n in ask.names if strong_name(n) and has_subject(n)
               and ("《" in n or not re.search("(?:法律|法规|法|条例|办法)[和与及]", n))]
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
    if named or any(is_law(laws.docs[h.doc_id]) for h in hits[:3]):
        answer = law_answer(laws, query, hits, kind, named)
    else:
        answer = document_answer(kb, query, hits, kind)
    if applying and not named and answer.found:
        answer.answer = f"现有文件中没有《{_bare(missing[0])}》；以下条款适用其{ask.article}：" + answer.answer
    cited = merge_parts(answer.citations)
    answer.citations = cited if answer.kind == "targets" else cited[:k]  # every figure stated keeps its source
    answer.annotations = {h.clause_id: laws.annotate(h) for h in answer.citations}
    return answer


def _bare(name: str) -> str:
    return re.sub("[《》]", "", name).replace("中华人民共和国", "")


def applying_clauses(kb, name: str, article: str | None, question: str) -> list[str]:
    """Clauses we hold that apply the article the question names of an act we do not hold
    ("环境保护法第六十五条" in "应当认定为环境保护法第六十五条规定的弄虚作假"): the clause names that very act
    (not 海洋环境保护法, which contains its name) next to that article."""
    core = _bare(name)
    if article is None or not re.search(re.escape(core) + "》?第", re.sub(r"\s", "", question)):
        return []
    cited = re.compile(r"(?:《(?:中华人民共和国)?)?" + re.escape(core) + "》?" + article)
    return [c.clause_id for c in kb.loaded.clauses if core in c.text and article in c.text and cited.search(c.text)
            and core in {_bare(n) for n in named_laws(c.text)}]


def law_answer(laws: LawAnswerer, query: Query, hits: list[Hit], kind: str | None, named) -> Answer:
    """An article's answering sentence with its citation, or "not stated" with the related articles."""
    if named:  # a question naming a law is answered from that law (the version asked, else in force)
        ids = {d.id for d in named}
        hits = [h for h in hits if h.doc_id in ids] or hits
    missing = _absent_article(laws, query, named)
    if missing:  # 节能法第九十条: the act has 87 articles; never quote another article as if it were that one
        return Answer(query.text, True, missing, kind="not_stated", citations=hits, found=False)
    if kind == "lookup":
        found = laws.named_article(query)
        if found:
            hit = found[0]
            doc = laws.docs[hit.doc_id]  # an amended version's article says so (第五十条 of 48 now in force)
            label = f"【{version_label(doc, laws.docs)}】" if version_note(doc, laws.docs) else ""
            return Answer(query.text, True, f"{label}{hit.text}（{vocab.book_title(hit.doc_title)}{hit.label}）", kind="article",
                          citations=found + [h for h in hits if h.clause_id != hit.clause_id])
    asked = laws.named_article(query)
    if kind == "lookup" and not asked and not reading(query, laws.kb.documents).names:
        # 第九条讲什么, naming no act: only a 第九条 may answer (an act named but not held is answered
        # by the clause applying its article: 环境保护法第六十五条规定的弄虚作假 → the interpretation's)
        number = article_number(query.text)
        numbered = [h for h in hits if h.kind == "article" and label_number(h.label) == number]
        if not numbered:
            return not_stated(query, hits, kind, "所问的条文")
        hits = numbered
    candidates = laws.candidates(query, hits, kind or "other")
    ids = {h.clause_id for h in asked}
    if asked:  # "停车条例第二十二条逾期不改罚多少": that article, or (for a penalty) an article applying it
        if kind is not None or "违反" in query.text:  # 第二十七条规定了哪些企业应当…: that article, not its penalty
            ids |= {c for h in asked for c in laws.cited_by(h.clause_id)}
        candidates = [h for h in candidates if h.clause_id in ids] or candidates
    # The consequence the act sets for the conduct asked: a fine, or an order or a referral when that
    # is what the closest article says (责令停止违法行为, 按照《森林防火条例》有关规定处罚).
    chosen = laws.choose(query, candidates, kind or "other", orders=kind == "penalty")
    if kind == "penalty" and len(chosen) > 1:  # the other level's article is quoted only for the conduct asked
        names = act_names(laws, query)
        chosen = chosen[:1] + [(h, picked) for h, picked in chosen[1:]
                               if _close(laws.kb, query, conduct(picked[0]), conduct_threshold(laws.kb, query, names),
                                         asked_conduct(query, names))]
    # The article the question names answers what it asks of it (绍兴…条例第三十九条的罚款是多少 says
    # nothing of the conduct fined, so the checks that the conduct is the one asked do not apply).
    named_it = bool(chosen) and chosen[0][0].clause_id in ids
    answered = named_it or answers(laws, query, chosen, kind)
    if not answered and kind == "penalty" and chosen:
        retry = next_conduct(laws, query, candidates, chosen)
        chosen, answered = (retry, True) if retry else (chosen, False)
    if not answered:
        return not_stated(query, candidates or hits, kind)
    duty = laws.unpenalised_duty(query, candidates, chosen[0], act_names(laws, query)) \
        if kind == "penalty" and not asked else None
    if duty is not None:  # 没按规定使用林木良种罚多少: the act requires it and fines something else
        said = render([(duty, [Part(duty.text, duty.text)])], laws, "other", query.text)
        return Answer(query.text, True, f"现有文件未规定对所问行为的处罚。相关条款规定：{said}", kind="not_stated",
                      citations=[duty] + [h for h in candidates if h is not duty], found=False)
    if kind == "penalty" and not named_it and named_fine_unsure(laws, query, chosen):
        return not_stated(query, candidates or hits, kind)
    if reading(query, laws.kb.documents).compare:
        chosen = laws.each_version(query, chosen, candidates, kind or "other")
    if kind == "penalty" and named_it and not re.search(answer_vocab()["asks_fine_amount"], query.text):
        # 第五十四条罚的是什么: every conduct the article named fines (two paragraphs, two fines), not one part
        chosen = [(h, named_whole(h, asked) or picked) for h, picked in chosen[:1]] + chosen[1:]
    if kind is None:  # 能不能…, 该怎么办: a short article whole, the rule with its conditions and exceptions;
        chosen = [(h, [Part(h.text, h.text)] if _whole(h) else named_whole(h, asked) or picked) for h, picked in chosen]
    stated = [p.quote for _, picked in chosen for p in picked]
    if kind == "deadline" and not states_period(stated, query.text):
        return not_stated(query, candidates or hits, kind)  # 有效期几年 is not answered by 三年内不得从事
    if kind in (None, "deadline") and asks_amount(query.text) and not any(states_amount(s, query.text) for s in stated):
        return not_stated(query, candidates, "amount")  # 每亩补助多少钱, 多少天内: an article without the figure does not say
    cited = [h for h, _ in chosen]
    rest = [h for h in candidates if h not in cited]
    words = answer_vocab()
    # 罚多少 is not answered by 可以并处罚款 nor by 依照《土壤污染防治法》的有关规定处罚: say so, then quote them
    if kind == "penalty" and re.search(words["asks_fine_amount"], query.text) and not any(
            re.search(words["fine_amount"], p.quote + p.note) for _, picked in chosen for p in picked):
        said = render(chosen, laws, kind, query.text)
        return Answer(query.text, True, f"现有文件未规定所问的罚款数额。相关条款规定：{said}", kind="not_stated",
                      citations=cited + rest, found=False)
    text = render(chosen, laws, kind or "other", query.text)
    return Answer(query.text, True, text, kind=kind or "article", citations=cited + rest)


def next_conduct(laws: LawAnswerer, query: Query, candidates: list[Hit], chosen: list) -> list | None:
    """When the closest article fines another conduct (擅自设置障碍物 for 车乱停…司机不在), a later one
    among the first retrieved whose conduct shares at least as many of the question's words may be
    the one asked (驾驶人不在现场…作出拖移决定); one sharing fewer is only another near miss (养狗不办证
    → 未经批准开凿机井). It must pass `answers` as the first did not; None when none does."""
    names = act_names(laws, query)
    terms = Terms(query, laws.kb.rarity, omit=names)
    floor = terms.overlap(conduct(chosen[0][1][0]))
    tried = {chosen[0][0].clause_id}
    while len(tried) < ANSWER_RANK:
        found = laws.choose(query, [h for h in candidates if h.clause_id not in tried], "penalty", orders=True)[:1]
        if not found:
            break
        tried.add(found[0][0].clause_id)
        if terms.overlap(conduct(found[0][1][0])) >= floor and answers(laws, query, found, "penalty"):
            return found
    return None


def named_whole(hit: Hit, asked: list[Hit]) -> list[Part]:
    """The article the question names (第二十六条…分成几类), whole: all its stored parts, in order."""
    if hit.clause_id not in {h.clause_id for h in asked}:
        return []
    text = "\n".join(h.text for h in asked if h.doc_id == hit.doc_id and h.label == hit.label)
    return [Part(text, text)]


def _whole(hit: Hit) -> bool:
    """A whole article (not one paragraph of an article stored in parts) short enough to quote whole."""
    return hit.kind == "article" and not _FRAGMENT.search(hit.clause_id) and len(hit.text) <= WHOLE_ARTICLE


_FRAGMENT = re.compile(r"\.p\d+$")  # 第二十六条 stored as art26.p1, art26.p2


def _absent_article(laws: LawAnswerer, query: Query, named) -> str | None:
    """"《…》没有第九十条（共八十七条）" when the article the question names right after an act's name
    (节约能源法第九十条, not 水法第七十二条 beside a 实施办法 named first) is beyond the last article of
    every version held; the count is the version in force's. A question giving the year of a version
    (2017年修正的海洋环境保护法第一百零五条) is about that version alone: the article of another version
    is not its answer. 第N条之一 is left to the lookup."""
    ask = reading(query, laws.kb.documents)
    if ask.year is not None:
        named = [d for d in named if not other_version(d, ask, laws.docs)] or named
    text = re.sub(r"\s", "", query.text)
    names = "|".join(re.escape(n.strip("《》")) for n in ask.names if n.strip("《》"))
    found = re.search(rf"(?:{names})》?(?:的)?(第[一二三四五六七八九十百零〇两\d]+条)(?!之)", text) if names else None
    if not named or not found:
        return None
    number = article_number(found.group(1))
    last = dict.fromkeys((d.id for d in named), 0)  # one pass over the clauses for every version named
    for c in laws.kb.clauses:
        if c.doc_id in last and c.kind == "article":
            last[c.doc_id] = max(last[c.doc_id], label_number(c.label) or 0)
    if not all(last.values()) or number is None or number <= max(last.values()):
        return None
    doc = next((d for d in named if not version_note(d, laws.docs)), next(iter(named)))  # the version in force
    label = f"（{version_label(doc, laws.docs)}）" if version_note(doc, laws.docs) else ""
    return f"《{_bare(doc.title)}》{label}没有第{int_to_cn(number)}条（共{int_to_cn(last[doc.id])}条）；以下为相关条款。"


def answers(laws: LawAnswerer, query: Query, chosen, kind: str | None) -> bool:
    """Whether the chosen article may answer: one of the first retrieved, and (for a question of a
    kind) sharing words with the question."""
    if not chosen:
        return False
    hit, part = chosen[0][0], chosen[0][1][0]
    text = hit.text + part.about + part.cited
    # The words of the act's name do not count: every article of 《浙江省生活垃圾管理条例》 is about
    # 生活垃圾, and 该条例对快递企业不使用绿色包装罚多少 asks about 快递…包装, which no article fines.
    names = act_names(laws, query)
    if (kind == "deadline" and pattern("effective_question").search(query.text)
            and pattern("effective_text").search(part.quote) and hit.doc_id in reading(query, laws.kb.documents).named):
        return True  # 普查条例什么时候开始生效 → 本条例自公布之日起施行: the act named is all it is about
    terms = Terms(query, omit=names)
    if kind and terms.overlap(text) == 0 and not any(n in text for n in single_nouns(query.text)) \
            and not terms.pieces_in(text):
        return False  # 院子里养了一群鸡和鸭 shares only 鸡, 鸭 with "禁止在城镇地区饲养鸡、鸭…"
    if kind is None and asks_permission(query.text) and not _says_asked_words(query, terms, text):
        return False  # 楼下工地半夜打桩合法吗 is not answered by an energy standard's 开工建设 (建设 of 建设工程)
    if kind == "penalty" and other_party(query.text, part.quote, hit.text):
        return False  # 设计单位没按标准设计 is not fined by the article on what 建设单位 does
    if kind == "penalty" and not _conduct_close(laws, query, part, names):
        return False  # the conduct fined is not the conduct asked (生活垃圾不分类 → 乱丢…塑料袋's fine)
    if kind == "definition" and (defines_asked(query.text, defined_terms(part.quote))
                                 or names_in_passing(query.text, part.quote, unquoted=False)):
        return True  # the very term asked, defined or named in passing, wherever it ranks (an unquoted one within rank)
    if kind == "definition" and defines_other(asked_conduct(query, names), part.quote):
        return False  # 陆地污染源 does not say what 优先划入生态保护红线的海域 are (the act's name aside: 园林 of 园林绿化条例)
    return laws.rank.get(hit.clause_id, 0) < ANSWER_RANK


def _says_asked_words(query: Query, terms: Terms, text: str) -> bool:
    """Whether an article holds a word the question says (the act's name and the asking words aside:
    合法, 能不能) or a whole legal term its everyday words stand for (打桩 → 施工, 半夜 → 夜间), not
    only a piece of one (建设 of 建设工程)."""
    asked = terms.own - set(answer_vocab()["permission_words"])
    return any(w in text for w in (*asked, *query.expansions, *query.register))


def _conduct_close(laws: LawAnswerer, query: Query, part: Part, names: tuple[str, ...]) -> bool:
    """Whether a fine's conduct is the conduct asked, in the question's words or in the words laws use
    for them (摆水马、石墩 and 擅自设置固定或者可移动障碍物)."""
    asked, threshold = asked_conduct(query, names), conduct_threshold(laws.kb, query, names)
    if _close(laws.kb, query, conduct(part), threshold, asked):
        return True
    lawful = in_law_words(asked)
    return lawful != asked and _close(laws.kb, query, conduct(part), threshold, lawful)


def named_fine_unsure(laws: LawAnswerer, query: Query, chosen) -> bool:
    """Whether a fine of the act a question names shares almost none of its words that the documents
    use and is not close enough to do without: 森林法对木材加工企业不建台账罚多少 → the fine for buying
    stolen timber (0.911 close, above the named-act threshold, no word in common). The act's other
    fines are near in meaning to anything asked of it."""
    names = act_names(laws, query)
    if not names_act_only(query, names):
        return False
    hit, part = chosen[0][0], chosen[0][1][0]
    terms = Terms(query, laws.kb.rarity, omit=names)
    if terms.overlap(hit.text + part.about + part.cited) >= laws.kb.refusal.min_named_words * terms.total(laws.kb.mentions):
        return False
    return not _close(laws.kb, query, conduct(part), laws.kb.refusal.min_conduct_dense_named_sure,
                      asked_conduct(query, names))


def act_names(laws: LawAnswerer, query: Query) -> tuple[str, ...]:
    """The names of the acts held that the question names (a name we hold no act of is what is
    asked about: …管理办法由谁定)."""
    ask = reading(query, laws.kb.documents)
    held = [laws.docs[d] for d in ask.named]
    return tuple(n.strip("《》") for n in ask.names
                 if n.strip("《》") and any(law_match(n, doc) for doc in held))


def names_act_only(query: Query, names: tuple[str, ...]) -> bool:
    """Whether the question names an act held but no article of it."""
    return bool(names) and not (query.legal is not None and query.legal.article)


def conduct_threshold(kb, query: Query, names: tuple[str, ...]) -> float:
    """How close a fine's conduct must be to the question: closer when the question names the act
    (not when it names an article too: then the question is compared whole, name and all)."""
    return kb.refusal.min_conduct_dense_named if names_act_only(query, names) else kb.refusal.min_conduct_dense


def asked_conduct(query: Query, names: tuple[str, ...]) -> str:
    """The question without the names of the acts it names: what it asks about. Every article of
    《北京市水土保持条例》 is close to a question naming it, whatever conduct it fines. A question
    naming an article (停车条例第二十二条逾期不改罚多少) asks about that article's conduct: it is kept whole."""
    text = query.text
    if query.legal is not None and query.legal.article:
        return text
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, "")
    return pattern("version_asked").sub("", text) if names else text  # 2017年修正的: which version, not what conduct



def _close(kb, query: Query, text: str, threshold: float, question_text: str | None = None) -> bool:
    """Whether the text an answer rests on (a penalty's conduct, a figure's sentence) is as close to
    the question (or to `question_text`, what of it is compared) as `threshold` (e5 cosine,
    RefusalRule): words alone do not tell, 生活垃圾不分类 and 乱丢…塑料袋 share the street-cleanliness
    act's words. Without a model, words decide alone."""
    if kb.embedder is None or not text:
        return True
    question = kb.embedder.try_encode_query(question_text or query.text, kb.searcher.settings.dense_wait)
    if question is None:  # the model is busy and retrieval went on without it: words decide
        return True
    return float(question @ kb.embedder.encode_passages([text[:CLOSE_CHARS]])[0]) >= threshold


def document_answer(kb, query: Query, hits: list[Hit], kind: str | None) -> Answer:
    """Plans and action plans: ledger figures, duty fields, or the best sentence, checked for place and penalty."""
    from kb.answer.from_ledger import answer_from_ledger, empty_cell, indicator_in, measured_in, names_indicator, places_in, terms_named

    ledger = answer_from_ledger(kb, query, hits)
    if ledger is not None:
        return ledger
    terms = Terms(query)
    if kind == "penalty":  # 联防联控 is no penalty: answer from a clause stating one, or say none is stated
        stating = [h for h in hits[:5] if _has_penalty(h.text) and terms.overlap(h.text)]
        if not stating:
            return not_stated(query, hits, kind)
        hits = stating + [h for h in hits if h not in stating]
    places = places_in(query) if "responsibility" not in query.intents else []
    fitting = [h for h in hits if all(p in h.text + h.section + h.doc_title or p[:-1] in h.text for p in places)]
    if places and not fitting:
        return not_stated(query, hits, None, what=f"{'、'.join(places)}的相关内容")
    if not places and "quantity" in query.intents:
        # no district asked: a district's row of a table states that district's figure, not the answer
        fitting = [h for h in fitting if not (h.kind == "indicator_row" and h.label in vocab.districts())]
        if "全市" in query.text:  # 全市…控制在多少: a district's plan states its own figures, not the city's
            fitting = [h for h in fitting if kb.searcher.docs[h.doc_id].scope in (None, "", "全市") or "全市" in h.text]
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
    rare = Terms(query, kb.rarity)
    if row is not None and answer.kind in row.fields and \
            rare.overlap(_row_text(row)) < kb.refusal.min_duty_words * rare.total(kb.mentions):
        what = "负责该事项的部门" if "responsibility" in query.intents else "所问事项的完成时限"
        return not_stated(query, answer.citations, None, what=what)  # 光污染治理 → the lead of 落实监督指导
    if answer.kind == "clause" and kind == "penalty" and not _has_penalty(answer.answer):
        return not_stated(query, answer.citations, kind)  # 加大…查处力度 states no penalty
    if answer.kind == "clause" and asks_amount(query.text) and not states_amount(answer.answer, query.text):
        return not_stated(query, answer.citations, "amount")  # 要达到多少 → 稳步提升 states no figure
    if answer.kind == "clause" and asks_amount(query.text) and not terms.overlap(answer.answer):
        return not_stated(query, answer.citations, "amount")  # 多少个口袋公园 → 100个地下水风险源: about something else
    figure = value_words(answer.answer, answer.value) if indicator is not None and answer.value else ""
    if answer.kind == "clause" and indicator_in(figure) not in (None, indicator) and not names_indicator(figure, {}, indicator):
        return not_stated(query, answer.citations, None, what=f"{indicator}的相关数值")  # 再生水利用率达到35% for 生活垃圾回收利用率
    if answer.value and asks_amount(query.text) and not _close(kb, query, answer.answer[len(answer.value) + 1:-1],
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
        if named_by and not any(t in terms_named(answer.answer) for t in named_by):
            return not_stated(query, answer.citations, None, what=f"{indicator or '、'.join(named_by)}的相关数值")
    return answer


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


def _row_text(row: Hit) -> str:
    """What a table row is about: its text and every column."""
    return " ".join([row.text, *row.fields.values()])


def not_stated(query: Query, hits: list[Hit], kind: str | None, what: str | None = None) -> Answer:
    """In scope, but no retrieved clause says it: say so and show the related clauses."""
    text = NOT_STATED.format(what=what or _WHAT.get(kind or "", "所问的具体内容"))
    return Answer(query.text, True, text, kind="not_stated", citations=hits, found=False)


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
