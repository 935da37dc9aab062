"""Answers to questions about laws and regulations: the article that states the penalty, the
department, the period or the definition asked, checked against the conduct asked (never another
conduct's fine), the version asked and the article named; else "现有文件未规定…" with the related
articles (kb.answer.guards)."""
from __future__ import annotations

import re

from kb import vocab
from kb.answer.extract import Answer, holds_noun, place_words, single_nouns
from kb.answer.guards import close_enough, not_stated
from kb.answer.law_answer import (ITEM_MARK, LawAnswerer, Terms, asks_effective, asks_record, conduct,
                                  period_left_open, reference_names_conduct, render, states_fine, version_label)
from kb.answer.laws import answer_vocab, article_number, label_number, version_note
from kb.answer.measures import another_fee, asks_amount, states_amount, states_period
from kb.answer.provisions import Part, paragraphs
from kb.documents.numbering import int_to_cn
from kb.search.legal import (asks_permission, defined_terms, defines_asked, defines_other, law_match,
                             names_in_passing, other_version, pattern, reading)
from kb.search.query import Query, in_law_words
from kb.search.searcher import Hit

# A question of no particular kind (not a penalty, department, period or definition) is answered with
# the whole article when it is this short (about three sentences), else with its closest part: the
# sentence closest in words was often the rule's first half (可以依法确定给林业经营者使用 without 经批准
# 可以转让、出租). On the laws dev sets and four sets of lawrefbook acts (fourth session of 2026-12-03),
# 150 characters: +9 values, 250: +15, 400: +18, none lost; longer quotes bury the answer.
WHOLE_ARTICLE = 250
ANSWER_RANK = 3  # a law answer comes from one of the top retrieved articles (or an article citing one)


def bare_title(name: str) -> str:
    """《中华人民共和国森林法》 → 森林法: an act's name as titles and questions both write it."""
    return re.sub("[《》]", "", name).replace("中华人民共和国", "")


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
                               if close_enough(laws.kb, query, conduct(picked[0]), conduct_threshold(laws.kb, query, names),
                                         asked_conduct(query, names))]
    # The article the question names answers what it asks of it (绍兴…条例第三十九条的罚款是多少 says
    # nothing of the conduct fined, so the checks that the conduct is the one asked do not apply).
    named_it = bool(chosen) and chosen[0][0].clause_id in ids
    answered = named_it or answers(laws, query, chosen, kind)
    if not answered and kind == "penalty" and chosen:
        retry = next_conduct(laws, query, candidates, chosen)
        chosen, answered = (retry, True) if retry else (chosen, False)
    # 在河道里游泳会被罚款吗: not the fine chosen for 河道 but the article applying the duty that names 游泳
    # (only instead of a fine that would be given: a question no fine answers stays "not stated")
    rerouted = laws.fine_for_named_duty(query, candidates, chosen[0], act_names(laws, query)) \
        if kind == "penalty" and answered and not asked else None
    if rerouted is not None and _conduct_close(laws, query, rerouted[1][0], act_names(laws, query)):
        chosen = [rerouted] + chosen[1:]  # the fine for the conduct asked, checked as any other is
    if not answered:
        return not_stated(query, candidates or hits, kind)
    # (not for a penalty: 按2001年版采砂条例，开着挖掘机械无证采砂罚多少 names its case in words only the 2023 text uses,
    # and the 2001 text fines it)
    lacking = None if named_it or kind == "penalty" else version_lacks(laws, query, chosen[0][0])
    if lacking is not None:  # 2017年版海环法…禁养区: only the 2023 text has the words; the 2017 text sets nothing
        return Answer(query.text, True, f"{lacking}未规定所问事项；以下为相关条款。", kind="not_stated",
                      citations=candidates or hits, found=False)
    duty = laws.unpenalised_duty(query, candidates, chosen[0], act_names(laws, query)) \
        if kind == "penalty" and not asked else None
    enforcing = laws.enforcing_fine(duty, candidates) if duty is not None else None
    if enforcing is not None:  # 擅自改变防汛墙主体结构罚多少: the fine for 危害防汛墙安全的, the class the duty names
        chosen, duty = [enforcing], None
    if duty is not None:  # 没按规定使用林木良种罚多少: the act requires it and fines something else
        return rule_instead(laws, query, "对所问行为的处罚", [(duty, [Part(duty.text, duty.text)])], "other",
                            [duty] + [h for h in candidates if h is not duty])
    if kind == "penalty" and not named_it and named_fine_unsure(laws, query, chosen):
        return not_stated(query, candidates or hits, kind)
    if reading(query, laws.kb.documents).compare:
        chosen = laws.each_version(query, chosen, candidates, kind or "other")
    if kind == "penalty" and named_it and not re.search(answer_vocab()["asks_fine_amount"], query.text):
        # 第五十四条罚的是什么: every conduct the article named fines (two paragraphs, two fines), not one part
        chosen = [(h, named_whole(h, asked) or picked) for h, picked in chosen[:1]] + chosen[1:]
    if kind is None:  # 能不能…, 该怎么办: a short article whole, the rule with its conditions and exceptions;
        chosen = [(h, [Part(h.text, h.text)] if _whole(h) else named_whole(h, asked) or _paragraph_of(h, picked) or picked)
                  for h, picked in chosen]  # else its 款 (合同能源管理是一种什么样的合作模式: the sentences after the first)
    if kind == "definition":  # a term the part chosen only names (本市推行合同能源管理): the 款 going on to say what it is
        chosen = [(h, picked if defined_terms(picked[0].quote) or names_in_passing(query.text, picked[0].quote)
                   else _paragraph_of(h, picked) or picked) for h, picked in chosen]
    stated = [p.quote for _, picked in chosen for p in picked]
    if kind == "deadline" and not states_period(stated, query.text):
        return not_stated(query, candidates or hits, kind)  # 有效期几年 is not answered by 三年内不得从事
    cited = [h for h, _ in chosen]
    rest = [h for h in candidates if h not in cited]
    # The act sets no interval (多久评估一次 → 应当定期评估; 多长时间检查一次 too, though 多长 asks a figure):
    # say so, then quote it.
    left_open = [period_left_open(s) for s in stated] if kind == "deadline" else []
    if left_open and all(left_open):
        return rule_instead(laws, query, f"具体{left_open[0]}", chosen, kind, cited + rest)
    if kind in (None, "deadline") and asks_amount(query.text) and not any(states_amount(s, query.text) for s in stated):
        limit = limit_by_standard(laws, query, cited)
        if limit is not None:  # 排放浓度最高能到多少 → 不得超过国家和本市规定的排放标准: the limit is that standard
            return rule_instead(laws, query, "具体数值，以所引标准为限", [limit], "other",
                                [limit[0]] + [h for h in cited + rest if h is not limit[0]])
        return not_stated(query, candidates, "amount")  # 每亩补助多少钱, 多少天内: an article without the figure does not say
    if kind is None and asks_amount(query.text) and all(another_fee(query.text, s) for s in stated):
        return not_stated(query, candidates, "amount")  # 砂石资源费多少 is not 采矿权使用费…1000元
    if kind in (None, "deadline") and asks_amount(query.text) and not named_it:
        about = Terms(query, omit=act_names(laws, query))  # the question's words beyond the act's name
        if not any(about.overlap(s) for s in stated):
            return not_stated(query, candidates, "amount")  # 油气回收装置每年检测几次 → 第二十九次会议通过的…同时废止
    words = answer_vocab()
    # 罚多少 is not answered by 可以并处罚款 nor by 依照《土壤污染防治法》的有关规定处罚: say so, then quote them
    stated_fine = any(states_fine(picked) for _, picked in chosen)
    applying = laws.applying_fine(query, chosen[0]) \
        if kind == "penalty" and not stated_fine and re.search(words["asks_fine_amount"], query.text) else None
    if applying is not None:  # 责令限期改正 asked 罚多少: the article fining the breach of that order
        chosen, stated_fine = [applying], True
        cited = [applying[0]] + [h for h in cited if h.clause_id != applying[0].clause_id]
        rest = [h for h in rest if h.clause_id != applying[0].clause_id]
    if kind == "penalty" and re.search(words["asks_fine_amount"], query.text) and not stated_fine:
        return rule_instead(laws, query, "所问的罚款数额", chosen, kind, cited + rest)
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


def rule_instead(laws: LawAnswerer, query: Query, lacking: str, chosen: list, kind: str, citations: list[Hit]) -> Answer:
    """An answer saying the documents do not set what is asked (现有文件未规定所问的罚款数额), then quoting the rule the
    act does set there (相关条款规定：…可以并处罚款) — `found` stays False."""
    said = render(chosen, laws, kind, query.text)
    return Answer(query.text, True, f"现有文件未规定{lacking}。相关条款规定：{said}", kind="not_stated",
                  citations=citations, found=False)


def limit_by_standard(laws: LawAnswerer, query: Query, cited: list[Hit]) -> tuple[Hit, list[Part]] | None:
    """The sentence of an article chosen that sets the figure asked by a standard instead of a number
    (其污染物排放浓度不得超过国家和本市规定的排放标准, answers 浓度最高能到多少) and names what the question
    asks about; None when none does."""
    terms = Terms(query, laws.kb.rarity, omit=act_names(laws, query))
    for hit in cited:
        for sentence in re.findall(r"[^。；]+[。；]?", hit.text):
            if re.search(answer_vocab()["limit_by_standard"], sentence) and terms.overlap(sentence):
                return hit, [Part(sentence.strip(), sentence.strip())]
    return None


def named_whole(hit: Hit, asked: list[Hit]) -> list[Part]:
    """The article the question names (第二十六条…分成几类), whole: all its stored parts, in order."""
    if hit.clause_id not in {h.clause_id for h in asked}:
        return []
    text = "\n".join(h.text for h in asked if h.doc_id == hit.doc_id and h.label == hit.label)
    return [Part(text, text)]


def _paragraph_of(hit: Hit, picked: list[Part]) -> list[Part]:
    """The short 款 the part chosen is a sentence of (本市推行合同能源管理，发展节能服务产业。节能服务机构通过…分享节能
    效益。), to quote whole; [] when the part is the whole 款 or the 款 is long."""
    quote = picked[0].quote
    para = next((p for p, _ in paragraphs(hit.text) if quote in p), "")  # none for an item (（一）培育…的设施)
    return [Part(para, para)] if para and quote != para and len(para) <= WHOLE_ARTICLE else []


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
    return f"《{bare_title(doc.title)}》{label}没有第{int_to_cn(number)}条（共{int_to_cn(last[doc.id])}条）；以下为相关条款。"


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
    if pattern("effective_text").search(part.quote):
        in_force = _in_force_answer(laws, query, hit, kind)
        if in_force is not None:
            return in_force
    terms = Terms(query, omit=names)
    # a question of no kind naming an act: its name lifts every article of it, the scope article (条例适用于…)
    # too, which says nothing of 电动自行车上牌照
    if (kind or names) and terms.overlap(text) == 0 and not any(holds_noun(n, text) for n in single_nouns(query.text)) \
            and not terms.pieces_in(text):
        return False  # 院子里养了一群鸡和鸭 shares only 鸡, 鸭 with "禁止在城镇地区饲养鸡、鸭…"
    if kind is None and asks_permission(query.text) and not _says_asked_words(query, terms, text):
        return False  # 楼下工地半夜打桩合法吗 is not answered by an energy standard's 开工建设 (建设 of 建设工程)
    if kind == "penalty" and other_party(query.text, part.quote, hit.text):
        return False  # 设计单位没按标准设计 is not fined by the article on what 建设单位 does
    if kind == "penalty" and not _conduct_close(laws, query, part, names):
        return False  # the conduct fined is not the conduct asked (生活垃圾不分类 → 乱丢…塑料袋's fine)
    if kind == "penalty" and asks_record(query.text) and re.search(answer_vocab()["credit_record"], part.quote):
        return True  # 会不会留下信用记录 → the act's 记入…信用档案, wherever it ranks (one article says it for every breach)
    if kind == "definition" and (defines_asked(query.text, defined_terms(part.quote))
                                 or names_in_passing(query.text, part.quote, unquoted=False)):
        return True  # the very term asked, defined or named in passing, wherever it ranks (an unquoted one within rank)
    if kind == "definition" and defines_other(asked_conduct(query, names), part.quote):
        return False  # 陆地污染源 does not say what 优先划入生态保护红线的海域 are (the act's name aside: 园林 of 园林绿化条例)
    return laws.rank.get(hit.clause_id, 0) < ANSWER_RANK


def _in_force_answer(laws: LawAnswerer, query: Query, hit: Hit, kind: str | None) -> bool | None:
    """Whether an article saying when its act takes effect (本法自…起施行) answers: only a question that
    speaks of taking effect (施行, 生效; 几时开始施行, 是2020年7月1日起施行的吗) about that very act —
    named, or its title said whole — never a dose limit's 多少毫希, nor when another act does (北京的停车管理条例…
    实施日期 → 《北京市水土保持条例》's 2016年1月1日). True when it surely does (普查条例什么时候开始生效 → 本条例自
    公布之日起施行: the act named is all it is about), None when the other checks decide."""
    ask = reading(query, laws.kb.documents)
    if kind == "deadline" and asks_effective(query.text) and hit.doc_id in ask.named:
        return True
    about_it = hit.doc_id in ask.named or bare_title(hit.doc_title) in re.sub(r"\s", "", query.text)
    return None if about_it and pattern("effective_words").search(query.text) else False


def other_party(question: str, quote: str, article: str) -> bool:
    """Whether a question names one party a law fines party by party (设计单位) and the penalty quoted
    is another's: the parties it is about are the first named together (设计单位、施工单位、监理单位违反…),
    in the 款 leading the list when the quote is one of its 项 (建设单位有下列情形之一的：…（二）暗示设计单位…)."""
    asked = set(pattern("party_role").findall(question))
    if len(asked) != 1:
        return False
    lead = next((line for line, items in paragraphs(article) if any(item in quote for item in items)), "")
    subject = _first_parties(lead or quote)
    return bool(subject) and not asked & subject


def _first_parties(text: str) -> set[str]:
    """The parties named first in a text, with those joined to them (建设单位和设计单位, 设计单位、施工单位)."""
    role = pattern("party_role").pattern
    found = re.search(rf"{role}(?:(?:、|和|及|与|或者){role})*", text)
    return set(pattern("party_role").findall(found.group(0))) if found else set()


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
    if close_enough(laws.kb, query, conduct(part), threshold, asked):
        return True
    if reference_names_conduct(part) and close_enough(laws.kb, query, part.about, threshold, asked):
        return True  # 违反本条例第二十二条、第二十三条用火规定的 for 违反用火规定: the reference names the conduct
    lawful = in_law_words(asked)
    if lawful != asked and close_enough(laws.kb, query, conduct(part), threshold, lawful):
        return True
    items = asked_items(conduct(part), Terms(query, omit=names))
    return items is not None and close_enough(laws.kb, query, items, threshold, asked)


def asked_items(text: str, terms: Terms) -> str | None:
    """A conduct that lists many (在公共场所禁止下列行为：（一）随地吐痰…（八）…) read as the words before the
    list and the items saying every word of the question (not a piece of a longer one): a long list is far
    from any one conduct asked in meaning, though it names it — but 乱倒污水、垃圾 is not 生活垃圾不分类.
    None when no item, or every item, says them all."""
    pieces = ITEM_MARK.split(text)
    asking = re.compile(answer_vocab()["asks_amount"] + "|" + answer_vocab()["asks_fine_amount"])  # 金额, 多少钱
    whole = [t for t in terms.own if not any(t != u and t in u for u in terms.own) and not asking.search(t)]
    if len(pieces) < 3 or not whole:
        return None
    kept = [p for p in pieces[1:] if all(terms.holds(t, p) for t in whole)] \
        or [p for p in pieces[1:] if any(terms.holds(t, p) for t in whole)]
    return pieces[0] + "".join(kept) if 0 < len(kept) < len(pieces) - 1 else None


def named_fine_unsure(laws: LawAnswerer, query: Query, chosen) -> bool:
    """Whether a fine of the act a question names shares almost none of its words that the documents
    use and is not close enough to do without: 森林法对木材加工企业不建台账罚多少 → the fine for buying
    stolen timber (0.911 close, above the named-act threshold, no word in common). The act's other
    fines are near in meaning to anything asked of it."""
    names = act_names(laws, query)
    if not names_act_only(query, names):
        return False
    hit, part = chosen[0][0], chosen[0][1][0]
    # where it happened (东城区某条主干道) says nothing of the conduct fined: counted, or not counted at all (a place the
    # article names, 长岛 of 由长岛试验区管理机构…, is shared as well as said)
    said = hit.text + part.about + part.cited
    places = tuple(query.districts) + tuple(place_words(query.text))
    for terms in (Terms(query, laws.kb.rarity, omit=names), Terms(query, laws.kb.rarity, omit=names + places)):
        if terms.overlap(said) >= laws.kb.refusal.min_named_words * terms.total(laws.kb.mentions):
            return False
    return not close_enough(laws.kb, query, conduct(part), laws.kb.refusal.min_conduct_dense_named_sure,
                            asked_conduct(query, names))


# A version asked lacks what is asked when at least this many of the question's own words are in another
# version of its act and in no article of it (禁养区, 限养区: only the 2023 text of 海洋环境保护法 has them).
MIN_VERSION_WORDS = 2
_NUMERAL = re.compile(r"[\d零〇一二两三四五六七八九十百千万]")


def version_lacks(laws: LawAnswerer, query: Query, top: Hit) -> str | None:
    """The label of the version a question asks (2017年版…) when that version does not regulate what it
    asks and another version of the act does: the question's own words (not the act's name, nor numbers:
    三年, 五百万 are the question's case) that only the other version holds. None otherwise."""
    ask = reading(query, laws.kb.documents)
    versions = laws.versions_of(top.doc_id)
    if ask.year is None or ask.compare or len(versions) < 2 or top.doc_id not in ask.named:
        return None
    own = "".join(c.text for c in laws.kb.document_clauses(top.doc_id))
    other = "".join(c.text for v in versions if v != top.doc_id for c in laws.kb.document_clauses(v))
    terms = Terms(query, omit=act_names(laws, query))
    only_other = [t for t in terms.own if re.fullmatch(r"[\u4e00-\u9fff]{2,}", t) and not _NUMERAL.search(t)
                  and t in other and t not in own and not any(t != u and t in u for u in terms.own)]
    doc = laws.docs[top.doc_id]
    return f"{vocab.book_title(doc.title)}{version_label(doc, laws.docs)}" if len(only_other) >= MIN_VERSION_WORDS else None


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
