"""Answers from law articles: the penalty and who imposes it, the department, the number of days,
the definition — quoted from the article that states it, with the articles it refers to.

Candidates are the retrieved articles; for a penalty question also the articles that cite a
retrieved one ("违反本条例第二十二条规定…处…罚款" is where the penalty for breaking 第二十二条 is).
An amended version yields to the version in force unless the question asks for it by year.
Within an article the answer is the part about the conduct asked (kb.answer.provisions: "有前款第一项
行为的，处…" is about that 项), and of the parts nearly as close, the one stating the value asked.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from typing import Callable

from kb.answer.measures import asked_units, asks_amount, cleared_same_day, figures_in, in_units, means_some, states_amount, states_money, story_figure
from kb.answer.laws import (answer_vocab, article_number, is_law, label_number,
                            level_label, version_note)
from kb.answer.provisions import Part, cited_conduct, parts
from kb.documents.law import find_references
from kb.errors import QueryError
from kb.index.keyword import tokenize
from kb.answer.extract import asked_part, place_words
from kb import vocab
from kb.vocab import book_title, districts, home_city, place_names, province_of, short_place_name
from kb.search.legal import act_kind, defined_terms, defines_asked, names_in_passing, other_version, pattern, reading
from kb.search.query import Query, analyse
from kb.search.searcher import Hit

POOL = 12  # retrieved hits a law answer may choose from


# Choosing the article: the closeness of its answering part to the question, less this much per
# place down the retrieval order. Counting the whole article's words as well (long articles share
# more) or weighing the rank 2-10 times more made no difference on the laws dev sets (within 3 of
# their 253 values).
RANK_WEIGHT = 1.0
# A question of no kind (能不能…, 有没有规定…) shares fewer words with its answer, and the retrieval
# order (the learnt ranker's) is the better guide: 2.5 per place answered four more everyday
# questions of the laws dev sets and two fewer (net +2 of 1,030 values; 1.0 → 4.0 gave the same;
# no change on six unseen laws).
OTHER_RANK_WEIGHT = 2.5
# An article setting a period (每年3月底前) answers 多久…一次 before one leaving it open (定期检查) only when
# its score falls short of the open one's by at most this share of it: another article, far down, is no answer.
OPEN_PERIOD_SHARE = 0.5

def question_kind(text: str) -> str | None:
    """lookup / penalty / department / deadline / definition, by the question's wording. A question
    naming a measure (被罚几次以上, 罚款多少天内缴纳) asks for that number, not for the penalty; one
    asking who fines (由谁处罚、罚多少) asks for the penalty, whose answer names who imposes it."""
    data = answer_vocab()
    for kind, wording in data["question_kinds"].items():
        # 规划实施几年后…评哪几项: no period; a kind's word in the story before a yes-or-no question (过几天水一冲就看不出来了，
        # 我能不能…; 我向主管部门举报…，查实了能得到奖励吗) is what the question is about, not what it asks
        asked = [m for m in re.finditer(wording, text) if not means_some(m, text) and not story_figure(m, text)]
        if kind == "department" and {m.group(0) for m in asked} == {"主管部门"} and re.search(
                data["question_kinds"]["deadline"], text):
            continue  # 林业主管部门受理申请后几个工作日内办完: the body is named, the time is asked
        if asked:
            if kind == "department" and "罚" in text and re.search(data["asks_money"], text):
                return "penalty"  # 由谁来罚、罚多少: the penalty's answer names who imposes it
            if kind == "department" and re.search(data["asks_frequency"], text) and re.search(data["asks_recipient"], text):
                return "deadline"  # 隔多久交一次、交给谁: the sentence setting how often names to whom
            counts = kind == "penalty" and set(asked_units(text)) - {"元", "倍"} and not re.search(data["asks_money"], text)
            return "deadline" if counts else kind  # 逾期多少天…罚多少钱 (罚款是二百元吗) still asks for the sum
    return "deadline" if asks_effective(text) else None  # 哪年哪月哪日生效


_OVERDUE = re.compile(r"(?:逾期|期满|到期|限期内|拒不)")  # a part going on with an order not obeyed
_BEFORE_AFTER = re.compile(r"[之以]?[前后]")  # 施行日期之后…怎么管理: a time frame, not what is asked
# 生效时间是怎么规定的, 才生效还是…; not 生效日期怎么确定
_ASKING = re.compile(r"[哪何几啥]|什么|多会|还是|(?:怎么|怎样|如何)规定")
_TO_EFFECT = re.compile(r"[》〉，,\s]*(?:是|于|在|从|自|具体|究竟|到底|最早|正式|的|哪一?年|哪一?月|哪一?天|哪日|几月|几号|几日)*")


def asks_effective(text: str, names: tuple[str, ...] = ()) -> bool:
    """Whether a question asks when an act takes effect (哪年哪月哪日生效, 施行日期是哪天), not only speaks of
    it as a time frame (施行日期之后，补偿资金怎么使用; 本解释施行时间以后尚未审结的案件). With `names` (the acts the
    question names, as written), also whether it asks so of the act: nothing but words of asking a time
    between the name and 生效/施行 (想知道放射性污染防治法具体是哪年哪月哪日生效), not 补偿协议的生效日期."""
    m = pattern("effective_question").search(text)
    if m is None or _BEFORE_AFTER.match(text, m.end()) or not _ASKING.search(text[m.start():m.end() + 8]):
        return False
    if not names:
        return True
    ends = [text.rfind(n, 0, m.start() + 1) + len(n) for n in names if 0 <= text.rfind(n, 0, m.start() + 1)]
    return any(e >= m.start() or _TO_EFFECT.fullmatch(text, e, m.start()) for e in ends)  # 森林法哪天开始实施


_HAN_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")


@lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    return frozenset(tokenize(text))


LIST_EDGE = 0.01  # how much a whole list outweighs each of its items when the question picks none
ITEM_MARGIN = 0.5  # how much more of the question the item picked says than the next (half a two-character word)
ITEM_MARK = re.compile(r"[（(][一二三四五六七八九十]+[)）]")


def item_overlap(terms: Terms, text: str, question: str) -> float:
    """How much of the question a part says, a part listing several 项 read item by item: the words before the
    list with its best item. 有前款第（一）项、第（二）项、第（三）项、第（五）项行为之一的 holds more of 放射性废液…处理…贮存
    across four items than 有前款第（四）项行为的 in its one, which is the conduct asked."""
    pieces = ITEM_MARK.split(text)
    if len(pieces) < 3:
        return terms.overlap(text)
    asked = set(_HAN_PAIR.findall(question)) - set(_HAN_PAIR.findall(pieces[0]))  # not the lead-in's (在湿地内)
    scores = sorted((terms.overlap(pieces[0] + item), len(asked & set(_HAN_PAIR.findall(item)))) for item in pieces[1:])
    (second, second_pairs), (best, best_pairs) = scores[-2:]
    # no item says clearly more of the question than the next, in words or in characters (养得太密: 违反养殖规模、养殖
    # 密度规定的 shares no word with it, and 养殖尾水 of another item is a synonym's; 挖沙子 picks 挖沙 by its characters):
    # the question picks no item, and the whole list answers ahead of any one of them
    return best if best - second >= ITEM_MARGIN or best_pairs != second_pairs else best + LIST_EDGE


_PARTIES = {"个人", "公民", "法人"}  # who is fined (对个人处…), never what for


class Terms:
    """The question's content words, minus the words every article shares (罚款, 部门…) and the
    phrases in `omit` (the name of the act asked about), each weighed by its length: the question's
    own words whole, words its synonyms add half. A word inside a longer word that also occurs is
    not counted again (环境影响评价, not also 环境, 影响, 评价).
    With `rarity` (the corpus's inverse document frequency, 0-1) a common word counts less: 擅自
    occurs in many prohibitions, 改作他用 in one."""

    def __init__(self, query: Query, rarity: Callable[[str], float] | None = None, omit: tuple[str, ...] = ()):
        generic = set(answer_vocab()["penalty_words"]) | {"部门", "规定", "处罚", "单位", "北京", "北京市"}
        text, expanded = query.text, query.expanded_text
        if omit:  # the act's name says which act, not what about: neither its words nor their synonyms
            for phrase in sorted(omit, key=len, reverse=True):
                text = text.replace(phrase, " ")
            try:
                expanded = analyse(text).expanded_text
            except QueryError:  # the name was all it said: no other words to weigh
                expanded = ""
        self.weights = {t: (1.0 if t in text else 0.5) * (rarity(t) if rarity else 1.0)
                        for t in dict.fromkeys(tokenize(expanded)) if len(t) > 1 and t not in generic}
        self.own = frozenset(t for t in self.weights if t in text)  # the question's words, not its synonyms'

    def overlap(self, text: str) -> float:
        found = [t for t in self.weights if self.holds(t, text)]
        return sum(len(t) * self.weights[t] for t in found if not any(t != u and t in u for u in found))

    def pieces_in(self, text: str) -> bool:
        """Whether a two-character piece of a longer word of the question is in the text, where
        `overlap` does not count it because the text cuts it otherwise: 洗衣服 → 清洗衣物."""
        return any(len(t) == 2 and t in text and any(t in u and len(u) > 2 for u in self.weights) for t in self.weights)

    def holds(self, word: str, text: str) -> bool:
        """Whether a text holds one of the question's words as `overlap` counts it (用能 is not in 利用能源)."""
        return word in text and (len(word) > 2 or word in _words(text))

    def key(self, known: Callable[[str], bool] = lambda word: True) -> str | None:
        """The question's own word that weighs most (longest and rarest; not a word its synonyms add):
        what the question is about beyond the setting every article of an act shares (游泳 of
        在河道里游泳会被罚款吗, not 河道). Only a word `known` keeps (some document holds it: 河里 is in
        none), in Chinese characters (not 26 of 低于26度) and not a piece of a longer word of the
        question (车尾 of 汽车尾气)."""
        own = [t for t in self.weights if t in self.own and known(t) and _HAN_WORD.fullmatch(t) and t not in _PARTIES
               and not any(t != u and t in u for u in self.own)]
        if not own:  # 烧纸 is in no text: the legal word the everyday vocabulary gives for it (祭祀, 用火) is the key
            everyday = vocab.data("everyday")["terms"]
            own = [t for w in self.own if not known(w) for t in everyday.get(w, ())
                   if t in self.weights and known(t) and _HAN_WORD.fullmatch(t)]
        return max(own, key=lambda t: len(t) * self.weights[t], default=None)

    def total(self, known: Callable[[str], bool] = lambda word: True) -> float:
        """The weight of the words `known` keeps (those some document holds: a word no text uses
        is in no article, the one answering or another), for `overlap` as a share."""
        return sum(len(t) * w for t, w in self.weights.items() if known(t))

    def longest(self) -> int:
        return max((len(t) for t in self.weights), default=2)


def states_fine(picked: list[Part]) -> bool:
    """Whether the parts chosen state a fine's amount, multiple or share (五百元以上, 三倍以下), not only that a
    fine may be imposed (可以并处罚款) or another act's penalty (依照《土壤污染防治法》的有关规定处罚)."""
    return any(re.search(answer_vocab()["fine_amount"], p.quote + p.note) for p in picked)


def _has_penalty(text: str) -> bool:
    return any(w in text for w in answer_vocab()["penalty_words"])


def _states(kind: str, sentence: str, orders: bool = False, effective: bool = False, when: bool = False,
            often: bool = False, record: bool = False, day: bool = False,
            repeal: bool = False, condition: bool = False) -> bool:
    """Whether a sentence states what a question of this kind asks for; for a penalty, with `orders`,
    also an order or a referral (责令停止违法行为, 按照《森林防火条例》有关规定处罚); for a deadline, with
    `effective` (the question asks when the act takes effect), the article saying so, and with `when`
    (it asks by when: 最晚什么时候), a time set by another event (在投入生产前), a season (在易出现重污染天气的秋冬季)
    or a period left to another document (按照许可证注明的期限), and with `often` (it asks how often: 多久评估一次) an
    interval the act leaves open (定期评估) — the last two said as not set (period_left_open). With `record` (a
    penalty question asks what record is kept: 会留下什么记录, 登记到哪里) a credit record is a consequence too. With
    `day` (it asks a day: 植树节是哪一天) only a sentence stating a time may answer, not a figure of another measure;
    the sentence repealing earlier acts (…通过的《X》同时废止) answers only with `repeal` (the question asks of a repeal
    or of an act's history: 废止, 通过, 修正). With `condition` (by when, and not how long) a condition met
    answers too (经依法验收合格后，方可投入使用)."""
    data = answer_vocab()
    if kind == "penalty":
        return _has_penalty(sentence) or (orders and bool(re.search(data["consequence"], sentence))) \
            or (record and bool(re.search(data["credit_record"], sentence)))
    if kind == "department":
        return bool(re.search(data["authority"], sentence)) or (  # 由国务院和省、自治区、直辖市人民政府划定
            names_body(sentence) and any(w in sentence for w in data["duty_words"]))
    if kind == "deadline" and often:  # 多久公示一次: an interval (每季度, 每三年, 两年一次), not a time limit (十日内)
        return bool(re.search(data["frequency"], sentence) or re.search(data["interval"], sentence)
                    or re.search(data["open_interval"], sentence))
    if kind == "deadline" and day and not (re.search(data["time_stated"], sentence) or re.search(data["season"], sentence)
                                           or re.search(data["event_time"], sentence)):
        return False  # 湿地保护日是哪一天 is not answered by the definition's 水深不超过六米
    if kind == "deadline" and re.search(data["repeal_text"], sentence) and not repeal:
        return False  # 环境卫生日是哪一天 is not answered by the dates of the acts the 条例 repealed
    if kind == "deadline":  # a number of days, a frequency, or (asked when an act takes effect) 自公布之日起施行
        return bool(re.search(data["number"], sentence) or re.search(data["frequency"], sentence)
                    or re.search(data["lasting"], sentence) or (effective and pattern("effective_text").search(sentence))
                    or (when and (re.search(data["event_time"], sentence) or re.search(data["season"], sentence)
                                  or re.search(data["deferred_period"], sentence)))
                    or (condition and re.search(data["condition_met"], sentence))
                    or (often and re.search(data["open_interval"], sentence)))
    if kind == "definition":
        return any(w in sentence for w in data["definition_words"])
    return True


def asks_record(question: str) -> bool:
    """Whether a penalty question asks what record is kept of the breach (会不会留下信用记录, 会被登记到哪里), not
    how much the fine is (管护记录没存档…罚多少: 记录 is the conduct)."""
    data = answer_vocab()
    return bool(re.search(data["asks_record"], question)) and not re.search(data["asks_fine_amount"], question)


def period_left_open(sentence: str) -> str | None:
    """What a sentence answering 多久 / 什么期限 does not set, when it answers only by leaving it to another
    document (按照许可证注明的期限 → 期限) or to be done from time to time (定期评估 → 频次): said as such, not
    given as the value asked."""
    data = answer_vocab()
    if any(re.search(data[key], sentence) for key in ("number", "frequency", "lasting", "event_time", "season")):
        return None
    return "期限" if re.search(data["deferred_period"], sentence) else \
        "频次" if re.search(data["open_interval"], sentence) else None


def names_body(sentence: str) -> bool:
    """Whether a sentence names a body: 林业主管部门核发, not only 审核发放采伐许可证的部门 (the body that
    does something else, named elsewhere) nor 有关部门."""
    vague = answer_vocab()["measure_subject"]["vague"]
    return any(m.start() == 0 or sentence[m.start() - 1] != "的"
               for m in re.finditer(answer_vocab()["body"], sentence)
               if not any(sentence.startswith(v, m.end() - len(v)) for v in vague))


_HOW_LONG = re.compile(r"多久|多长时间")  # not 什么时候: 每月报送 does not say when a plan is submitted


def _fits_ask(kind: str, question: str, sentence: str, terms: Terms) -> float:
    """A bonus for a sentence that has the form of the answer asked for: a definition ("…是指…")
    of a term in the question; a number in the unit the question asks (多少天 → 日/天, 几个人 → 人)."""
    weight = terms.longest()
    data = answer_vocab()
    if kind == "department" and re.search(data["asks_recipient"], question) and re.search(data["recipient"], sentence):
        return 2 * weight  # 报哪里备案 → "报市水行政部门备案"
    if kind == "deadline" and asks_effective(question) and pattern("effective_text").search(sentence):
        return 4 * weight  # 什么时候开始施行 → "本条例自2014年10月1日起施行" (立法法)
    if kind == "penalty" and asks_record(question) and re.search(data["credit_record"], sentence):
        return 2 * weight  # 会不会留下信用记录 → "应当记入有关个人、单位信用档案", not a fine sharing the word 记录
    if kind == "definition":
        defined = defined_terms(sentence)
        if len(defined) <= 2 and defines_asked(question, defined):  # not a list defining many
            return 4 * weight  # "本法所称能源，是指…" for 能源是指什么
        if names_in_passing(question, sentence):
            return 3 * weight  # “环境敏感区域”包括哪些 → "本市医院、学校及幼托机构等环境敏感区域内…"
        return 2 * weight if any(w in sentence for w in data["definition_verbs"]) else 0.0
    if kind == "deadline":
        units = asked_units(question, time=True)
        how_often = _HOW_LONG.search(question) and re.search(data["frequency"], sentence)  # 多久要清走 → 日产日清
        if (units and (in_units(sentence, units) or how_often or cleared_same_day(sentence, units))) or (
                re.search(data["asks_when"], question) and re.search(data["event_time"], sentence)):
            return 2 * weight
    return 0.0


_HAN_PAIR = re.compile(r"(?=([\u4e00-\u9fff]{2}))")


def shared_pairs(question: str, text: str) -> int:
    """How many of the question's character pairs a part shares: between parts as close by words
    (the items of one list share its lead-in), the one naming the conduct in words jieba cuts
    differently (挖沙子 → "（二）挖沙、擅自取土的，处…", not the list's first item)."""
    return len(set(_HAN_PAIR.findall(question)) & set(_HAN_PAIR.findall(text)))


def gives_value(kind: str, question: str, quote: str) -> bool:
    """Whether a part states the value itself: a sum of money for a penalty, the figure for a
    question asking one (多少, 几天), the meaning of the term asked (中心城是指本市外环线以内的地区, though
    the sentence defines two more), not only the rule around it."""
    if kind == "penalty":
        return states_money(quote)
    if kind == "definition":
        return defines_asked(question, defined_terms(quote))
    return asks_amount(question) and states_amount(quote, question)


def about_officials(text: str) -> bool:
    """An article on officials' own misconduct (工作人员滥用职权、玩忽职守、徇私舞弊的，依法给予处分), which
    every act has: it answers questions about officials, not about the conduct of others it regulates."""
    return bool(re.search(answer_vocab()["officials_misconduct"], text)) and not states_money(text)


CITED_WEIGHT = 0.5  # the conduct of another article a part applies, against the part's own words
# A duty no article fines (LawAnswerer.unpenalised_duty): the question's words it shares, at least this
# much and this many times those the chosen fine's conduct shares (dev sets: the fines for the
# conduct asked share 0.6-0.7 as much; near misses answered with another conduct's fine 0.1-0.4).
DUTY_MIN_OVERLAP = 3.0
DUTY_RATIO = 2.5
_ONLY_REFERENCE = re.compile(r"违反本(?:法|条例|办法|规定|细则|决定)第[^，。；：]{1,30}?规定的，")
# 违反本条例规定，危害防汛墙安全的，由… fines a class of conduct by its name (not 有下列行为之一)
_FINED_CLASS = re.compile(r"违反本(?:法|条例|办法|规定|细则|决定)规定，(?!有下列|有下述)([^，。；：]{4,20}?)的，")
# …第二十三条用火规定的 names the conduct (用火); 有关 / 相关 / 禁止性 规定 name none
_NAMED_REFERENCE = re.compile(
    r"违反本(?:法|条例|办法|规定|细则|决定)第[^，。；：]{1,30}?[条款项](?:关于)?(?!有关|相关|禁止|其他)([^，。；：、第]{1,15}?)的?规定的，")


def reference_names_conduct(part: Part) -> bool:
    """Whether a penalty part that refers to another 款 for its conduct also names it (违反本条例第二十二条、
    第二十三条用火规定的 → 用火): its own words are then about the conduct too."""
    found = refers_only(part) and _NAMED_REFERENCE.match(part.quote)
    return bool(found and found.group(1))


def refers_only(part: Part) -> bool:
    """Whether all a penalty part says of the conduct is the 款 it names (违反本条例第十九条第二款规定的，
    由…处…): its own words then name who acts, not what was done."""
    return bool(part.cited) and bool(_ONLY_REFERENCE.match(part.quote))


def conduct(part: Part) -> str:
    """What a penalty part is about, for checking it against the question: the conduct of the 款 it
    names when that is all it says of it, else its own words."""
    return part.cited if refers_only(part) else part.about


class LawAnswerer:
    """Chooses the article and the part of it (kb.answer.provisions) that answers a law question."""

    def __init__(self, kb):
        self.kb = kb
        self.docs = {d.id: d for d in kb.documents}
        self._cited_by: dict[str, list[str]] | None = None
        self._general: dict[str, tuple[str, str] | None] = {}
        self.rank: dict[str, int] = {}  # candidate → retrieval rank (a citing article: that of the hit it cites)

    def general_authority(self, doc_id: str) -> tuple[str, str] | None:
        """Who imposes the act's penalties when a penalty article names nobody, and the article that
        says so ("本市城市管理综合执法部门…依法对本条例规定的…违法行为实施行政处罚" → 城市管理综合执法部门, 第十条)."""
        if doc_id not in self._general:
            patterns = [re.compile(p, re.M) for p in answer_vocab()["general_authority"]]
            found = next(((re.sub("^(?:本市|各级)", "", m.group(1)), c.label)
                          for c in self.kb.document_clauses(doc_id) if c.kind == "article"
                          for p in patterns for m in [p.search(c.text)] if m), None)
            self._general[doc_id] = found
        return self._general[doc_id]

    def cited_by(self, clause_id: str) -> list[str]:
        """Articles whose text refers to this one (the reverse of Clause.links)."""
        if self._cited_by is None:
            self._cited_by = {}
            for c in self.kb.clauses:
                for target in c.links:
                    self._cited_by.setdefault(target, []).append(c.clause_id)
        return self._cited_by.get(clause_id, [])

    def versions_ok(self, query: Query, hits: list[Hit]) -> list[Hit]:
        """The versions the question wants (in force in the year it gives next to the act's name,
        else current), the same rule retrieval uses; all hits when none is."""
        ask = reading(query, self.kb.documents)
        return [h for h in hits if not other_version(self.docs[h.doc_id], ask, self.docs)] or hits

    def candidates(self, query: Query, hits: list[Hit], kind: str) -> list[Hit]:
        """Law articles to answer from, in retrieval order, with citing articles after each for penalties."""
        out, seen, origin = [], set(), {}
        for n, hit in enumerate(hits):
            extra = []
            if kind == "penalty" and not _has_penalty(hit.text):
                extra = self.kb.cite(self.cited_by(hit.clause_id), query)
            for h in [hit, *extra]:
                if h.clause_id not in seen and is_law(self.docs[h.doc_id]):
                    seen.add(h.clause_id)
                    origin[h.clause_id] = n  # a citing article ranks with the article it cites
                    out.append(h)
        out = self.versions_ok(query, self.same_place(query, out))
        # The rank counts the articles that may answer: plan paragraphs, other places' acts and
        # versions not asked for above them do not push them down.
        place = {n: i for i, n in enumerate(sorted({origin[h.clause_id] for h in out}))}
        self.rank.update({h.clause_id: place[origin[h.clause_id]] for h in out})
        return out

    def same_place(self, query: Query, hits: list[Hit]) -> list[Hit]:
        """A local regulation of another place never answers a question naming a place (北京 ≠ 上海)."""
        named = [p for p in place_names() if p in query.text]
        cities = [w for w in place_words(query.text) if w not in named and province_of(w)]  # 广州, 青岛市
        if not named and not cities:
            return hits  # answered, but labelled with the other place (render, elsewhere)
        provinces = {province_of(c) for c in cities}  # a province's act applies in its cities

        def fits(h: Hit) -> bool:  # the scope, or the title: 山东黄河三角洲…条例 applies in 东营市, in 山东
            doc = self.docs[h.doc_id]
            scope = doc.scope or "全国"
            return scope in ("全国", "全市", *provinces) or any(
                short_place_name(p) in scope or p in doc.title for p in named + cities) or (
                scope != "全国" and short_place_name(scope) in query.text)  # 浙江景宁…: the act's own place named
        return [h for h in hits if fits(h)]

    def named_article(self, query: Query) -> list[Hit]:
        """The article a question names by law and number ("森林法第八十三条"), each version asked."""
        number = article_number(query.text)
        named = reading(query, self.kb.documents).named
        if number is None or not named:
            return []
        ids = [c.clause_id for c in self.kb.clauses if c.doc_id in named
               and c.kind == "article" and label_number(c.label) == number]
        return self.versions_ok(query, self.kb.cite(ids, query))

    def choose(self, query: Query, hits: list[Hit], kind: str, orders: bool = False) -> list[tuple[Hit, list[Part]]]:
        """The best article and its answering part; a second from another level if it answers too.
        Within an article the part is the one most about the question (a penalty by the 款 or 项
        it refers to); of those nearly as close, one that states the value asked wins. With `orders`
        a penalty may be an order or a referral (责令停止违法行为, 按照《森林防火条例》有关规定处罚)."""
        ask = reading(query, self.kb.documents)
        terms = Terms(query, self.kb.rarity)
        own_words = Terms(query, self.kb.rarity, omit=tuple(n.strip("《》") for n in ask.names))
        wants_list = bool(re.search(answer_vocab()["asks_list"], query.text))  # 包括哪些: the whole list, else its item
        effective = asks_effective(query.text)
        when = bool(re.search(answer_vocab()["asks_when"], query.text))
        day = bool(re.search(answer_vocab()["asks_day"], query.text))
        repeal = bool(re.search(answer_vocab()["asks_repeal"], query.text))
        condition = when and not re.search(answer_vocab()["asks_duration"], query.text)  # 多久之内不能再申请: a period
        often = bool(re.search(answer_vocab()["asks_frequency"], query.text))
        record = asks_record(query.text)
        scored = []
        officials = bool(re.search(answer_vocab()["asks_officials"], query.text))
        # Of an article's parts about as close, the one saying the words next to the asking word
        # (…防治设施，什么时候验收 → 应当与主体工程同时验收, not …同时设计、同时施工); a penalty's fine comes first anyway.
        names = ask.names or tuple(self.docs[d].title for d in ask.named)  # the act's name says which act, not what is asked
        focus = [t for t in tokenize(asked_part(query.text)) if len(t) > 1
                 and not any(t in name for name in names)] if kind != "penalty" else []
        if kind == "department":  # 交给哪个部门负责: 部门 and 负责 ask who, every part naming a body says them
            focus = [t for t in focus if t not in answer_vocab()["duty_words"] and not re.search(answer_vocab()["body"], t)]

        def said(words: Terms, p: Part) -> float:  # a penalty's list of conduct is read item by item
            text = p.context + p.about
            return item_overlap(words, text, query.text) if kind == "penalty" else words.overlap(text)

        for rank, hit in enumerate(hits):
            if about_officials(hit.text) and not officials:
                continue  # 对露天焚烧秸秆的个人罚多少 is not answered by the 处分 of officials who neglect their duty
            stating = [p for p in parts(hit.text)
                       if _states(kind, p.quote, orders, effective, when, often, record, day, repeal, condition)
                       or (kind == "definition" and (names_in_passing(query.text, p.quote)  # …等高污染燃料（以下统称高污染燃料）
                                                     or defines_asked(query.text, defined_terms(p.quote))))]
            if not stating:
                continue
            stating = [self.with_cited(hit, p) for p in stating]
            cited = {p: terms.overlap(p.cited) for p in stating}
            # The conduct a part cites counts (at half weight) when its own words share nothing with the
            # question; otherwise it only decides between parts as close (第三十一条第一项 / 第二项至第七项).
            # A part whose conduct is only the reference (违反本条例第十九条第二款规定的，由…处…) has no words of
            # its own about the conduct: those it has name who acts (城市管理主管部门 for 城市道路绿化).
            fit = {p: (own := 0.0 if refers_only(p) else said(terms, p))
                   + (CITED_WEIGHT * cited[p] if own == 0 else 0.0) + _fits_ask(kind, query.text, p.quote, terms)
                   for p in stating}
            # between the parts of one article the act's name says nothing (按垃圾分类条例罚多少: 垃圾分类 of (一)'s
            # 生活垃圾分类标志 is not the conduct asked, (三) 将已经分类投放的生活垃圾混合收集 is)
            within = {p: said(own_words, p) for p in stating} \
                if kind == "penalty" and len(stating) > 1 else fit
            close = max(fit.values()) / 2
            # 哪一天起开始实施: 本条例自2014年10月1日起施行, not the next sentence's date of the act it repeals
            best = max(stating, key=lambda p: (effective and bool(pattern("effective_text").search(p.quote)),
                                               fit[p] >= close and gives_value(kind, query.text, p.quote + p.note),
                                               fit[p] >= close and sum(t in p.quote for t in focus), within[p], fit[p],
                                               cited[p], p.whole_list == wants_list, shared_pairs(query.text, p.about)))
            scored.append((fit[best] - rank * (RANK_WEIGHT if kind != "other" else OTHER_RANK_WEIGHT), hit, best))
        if not scored:
            return []
        if kind == "definition":  # the article that defines the very term asked is the answer
            scored = [row for row in scored if defines_asked(query.text, defined_terms(row[2].quote))] or [
                row for row in scored if names_in_passing(query.text, row[2].quote)] or scored
        if kind == "deadline" and asks_effective(re.sub(r"\s", "", query.text), ask.names):
            # when the act named takes effect: its own 本法自…起施行, whatever else the question's words share
            scored = [row for row in scored if row[1].doc_id in ask.named  # (核技术利用单位…哪日生效)
                      and pattern("effective_text").search(row[2].quote)] or scored
        if kind == "deadline":  # a period left open (定期, 按照许可证注明的期限) answers only when no article as
            # close sets one (供热系统多长时间检查一次 → 定期检查, not another article's 每年3月底前报送 ranked below)
            opens = [row[0] for row in scored if period_left_open(row[2].quote)]
            if opens:
                floor = max(opens) - OPEN_PERIOD_SHARE * abs(max(opens))
                scored = [row for row in scored if period_left_open(row[2].quote) is None and row[0] >= floor] or scored
        if kind == "deadline":  # a fine's list restates a duty's time (…二个小时内未到达现场…的): the duty answers
            units = asked_units(query.text, time=True)
            duties = [row[2].quote for row in scored if not _has_penalty(row[1].text)]
            scored = [row for row in scored if not _has_penalty(row[1].text) or not any(
                figures_in(row[2].quote, units) & figures_in(duty, units) for duty in duties)] or scored
        if kind == "penalty" and re.search(answer_vocab()["public_staff"], query.text):
            # 执法部门的工作人员收了好处…怎么处理: the act's article on officials' own misconduct, not a fine of
            # polluters (nor another act's: the act is the one the closest article is of)
            act = self.versions_of(max(scored, key=lambda row: row[0])[1].doc_id)[0]
            scored = [row for row in scored if about_officials(row[1].text)
                      and self.versions_of(row[1].doc_id)[0] == act] or scored
        scored.sort(key=lambda row: -row[0])
        acts = {self.versions_of(d)[0] for d in ask.named}  # versions: one act
        if len(acts) > 1:  # 节约能源法和北京实施办法分别…: each act named answers with its own best article
            best: dict[str, tuple[Hit, list[Part]]] = {}
            for _, hit, part in scored:
                if (act := self.versions_of(hit.doc_id)[0]) in acts:
                    best.setdefault(act, (hit, [part]))
            return list(best.values())
        top_score, top, part = scored[0]
        chosen = [(top, [part])]
        top_level = self.docs[top.doc_id].type
        for score, hit, part in scored[1:4]:  # a national law and a local regulation may both answer
            if self.docs[hit.doc_id].type != top_level and score >= 0.8 * top_score and kind == "penalty":
                chosen.append((hit, [part]))
                break
        return chosen

    def unpenalised_duty(self, query: Query, candidates: list[Hit], chosen: tuple[Hit, list[Part]],
                         omit: tuple[str, ...] = ()) -> Hit | None:
        """The article that best matches a penalty question when it sets no penalty itself, no
        article applies it, and the fine chosen is for conduct the question hardly names: 森林法
        第四十五条 requires 林木良种, and 第七十九条's fine (未完成更新造林任务) is not for breaching it.
        A question about such a duty has no fine in the act; the duty is what it says."""
        top = candidates[0] if candidates else None
        hit, part = chosen[0], chosen[1][0]
        if top is None or _has_penalty(top.text) or hit.clause_id == top.clause_id \
                or hit.clause_id in self.cited_by(top.clause_id):
            return None
        terms = Terms(query, self.kb.rarity, omit=omit)
        matched = terms.overlap(top.text)
        if matched >= DUTY_MIN_OVERLAP and matched >= DUTY_RATIO * terms.overlap(conduct(part)):
            return top
        return None

    def fine_for_named_duty(self, query: Query, candidates: list[Hit], chosen: tuple[Hit, list[Part]],
                            omit: tuple[str, ...] = ()) -> tuple[Hit, list[Part]] | None:
        """The penalty for the duty that names the conduct asked, when the fine chosen does not. In a
        river act, 在河道里游泳会被罚款吗 is near every fine for its setting (河道), and the one chosen may be
        for destroying listed structures; 游泳, the question's key word (Terms.key), is in the duty that
        designates 禁止游泳的水域, and no two characters of it are in the fine's article or the articles it
        applies. The article citing that duty answers (its fine, or a referral: 依照…法律、法规的有关规定
        进行处罚); without one, None (the duty may be fined in other words, which the chosen fine may be)."""
        terms = Terms(query, self.kb.rarity, omit=omit)
        key = terms.key(self.kb.mentions)
        hit, picked = chosen
        fined = hit.text + picked[0].cited  # 排放…总量 is about 排放量: a fine holding a piece of the key is not passed over
        if key is None or shared_pairs(key, fined):
            return None
        duty = next((h for h in candidates[:POOL] if not _has_penalty(h.text) and terms.holds(key, h.text)), None)
        if duty is None:
            return None
        citing = [h for h in self.kb.cite(self.cited_by(duty.clause_id), query) if h.clause_id != hit.clause_id]
        found = self.choose(query, citing, "penalty", orders=True)
        if not found or not terms.holds(key, found[0][1][0].cited):
            return None
        # the rest of the question decides too: 垃圾焚烧炉排放…超标 keeps the fine for 焚烧炉排放…超过排放标准, whose
        # words it shares, over the fine for not publishing data on 超标排放, which holds only the key
        part = found[0][1][0]
        return found[0] if terms.overlap(conduct(part) + part.cited) >= terms.overlap(fined) else None

    def applying_fine(self, query: Query, chosen: tuple[Hit, list[Part]]) -> tuple[Hit, list[Part]] | None:
        """The fine of the article applying the rule chosen, when the rule states an order only and the
        question asks how much (第二十五条 责令限期改正、消除隐患 → 第四十三条 违反本条例第二十五条规定，未在规定期限内消除
        森林火灾隐患的，…处以500元以上2000元以下的罚款): its part citing the rule, when that part states a sum.
        First the article's own next part, when it goes on with the order not obeyed (责令限期改正。逾期未改正的，按照…
        每平方米五百元以上二千元以下处以罚款): the order and that fine together."""
        hit, picked = chosen
        pieces = parts(hit.text)
        quotes = [p.quote for p in pieces]
        at = quotes.index(picked[-1].quote) + 1 if picked and picked[-1].quote in quotes else len(quotes)
        follow = pieces[at] if at < len(pieces) and _OVERDUE.match(quotes[at]) else None
        if follow is not None and states_fine([follow]):
            return hit, [*picked, follow]
        citing = self.kb.cite(self.cited_by(chosen[0].clause_id), query)
        found = self.choose(query, [h for h in citing if _has_penalty(h.text)], "penalty")
        return found[0] if found and states_fine(found[0][1]) else None

    def enforcing_fine(self, duty: Hit, candidates: list[Hit]) -> tuple[Hit, list[Part]] | None:
        """A fine among the candidates for the class of conduct a duty article names (第五十一条 违反本条例规定，
        危害防汛墙安全的 → 第二十二条 禁止下列危害防汛墙安全的行为): it enforces the duty without citing its
        number, so the duty is not unpenalised and that fine answers."""
        for hit in candidates:
            for part in parts(hit.text) if _has_penalty(hit.text) and hit.clause_id != duty.clause_id else []:
                found = _FINED_CLASS.match(part.quote)
                if found and found.group(1) in duty.text:
                    return hit, [part]
        return None

    def versions_of(self, doc_id: str) -> list[str]:
        """Every version held of the act `doc_id` is a version of, newest first (linked by superseded_by)."""
        def newest(d: str) -> str:
            seen = set()
            while self.docs[d].superseded_by in self.docs and d not in seen:
                seen.add(d)
                d = self.docs[d].superseded_by
            return d
        root = newest(doc_id)
        same = [d for d in self.docs if newest(d) == root]
        return sorted(same, key=lambda d: -(self.docs[d].version_year or 0))

    def each_version(self, query: Query, chosen: list, candidates: list[Hit], kind: str) -> list:
        """For a question about two versions at once (现行…？2017年版又…？): the chosen article and, from
        every other version of its act, that version's answering article (found among the
        candidates, else by searching that version alone), newest first."""
        from kb.search.searcher import Filters

        top = chosen[0][0]
        out = []
        for version in self.versions_of(top.doc_id):
            if version == top.doc_id:
                out.append(chosen[0])
                continue
            pool = [h for h in candidates if h.doc_id == version]
            if not pool:
                pool = self.kb.searcher.search(query.text, POOL, filters=Filters(doc_ids=[version])).hits
            found = self.choose(query, pool, kind, orders=kind == "penalty")
            if found:
                out.append(found[0])
        return out

    def with_cited(self, hit: Hit, part: Part) -> Part:
        """A part that names another article of its act it applies (违反本条例第二十条规定) is also about
        that article's conduct (在生态清洁小流域范围内禁止…倾倒垃圾、排放污水): the 款 and 项 it names, kept
        apart from its own words, which count more."""
        own = [r for r in find_references(part.quote, self.docs[hit.doc_id].title) if r.law is None]
        cited = []
        for target in self.kb.clause(hit.clause_id, 0)[0].links if own else ():
            clause = self.kb.clause(target, 0)[0]
            refs = [r for r in own if r.article == label_number(clause.label)]
            if clause.doc_id == hit.doc_id and refs:  # only the 款 and 项 the part names (第三十一条第一项)
                cited.append(cited_conduct(clause.text, refs[0].paragraph, {r.item for r in refs if r.item}))
        return replace(part, cited=" ".join(cited)) if cited else part

    def referenced(self, clause_id: str) -> list[dict]:
        """The articles a clause cites, as the API shows them: id, label, document title, text."""
        clause = self.kb.clause(clause_id, 0)[0]
        rows = []
        for target in clause.links:
            cited = self.kb.clause(target, 0)[0]
            rows.append({"clause_id": cited.clause_id, "label": cited.label,
                         "doc_title": self.docs[cited.doc_id].title, "text": cited.text})
        return rows

    def annotate(self, hit: Hit) -> dict:
        """Extra citation fields: level, version note, referenced articles."""
        doc = self.docs[hit.doc_id]
        return {"level": level_label(doc), "version_note": version_note(doc, self.docs),
                "referenced": self.referenced(hit.clause_id)}


def authority(text: str) -> str | None:
    """Who acts: 由城市管理综合执法部门责令… → 城市管理综合执法部门."""
    found = re.search(answer_vocab()["authority"], text)
    return found.group(1) if found else None


# A penalty left to other laws (依照价格、税务相关法律法规进行处罚, 按照《森林防火条例》有关规定处罚), not this act's own
_REFERRAL = re.compile(r"(?:依照|按照)(?!本)[^。；]{0,40}(?:法律|法规|条例|规定)(?:(?:予以)?(?:处罚|处理)|(?:进行|给予)处罚)")


def render(chosen: list[tuple[Hit, list[Part]]], laws: "LawAnswerer", kind: str, question: str = "") -> str:
    """The answer text: each answering part (with the 款 or 项 it refers to), its authority when the
    part omits it (from the article, else from the act's general article on penalties), and the article."""
    lines, docs = [], laws.docs
    for hit, picked in chosen:
        sentence = "".join(p.quote + (f"（{p.note}）" if p.note else "") for p in picked)
        lead = ""
        # a penalty left to other laws (依照价格、税务相关法律法规) is imposed by the bodies those laws name: neither
        # another 款's authority nor the act's general one is its 执法主体
        if kind == "penalty" and not authority(sentence) and not _REFERRAL.search(sentence):
            who, general = authority(hit.text), laws.general_authority(hit.doc_id)
            if who:
                lead = f"（执法主体：{who}）"
            elif general:
                lead = f"（执法主体：{general[0]}，见本{act_kind(hit.doc_title) or '法'}{general[1]}）"
        level = level_label(docs[hit.doc_id])
        prefix = f"【{level}】" if len(chosen) > 1 and level else ""
        if len({docs[h.doc_id].title for h, _ in chosen}) < len(chosen):  # versions of one act: which is which
            prefix = f"【{version_label(docs[hit.doc_id], docs)}】"
        if elsewhere(docs[hit.doc_id], question):  # 上海's regulation quoted for a question naming no place
            prefix = f"【{level or docs[hit.doc_id].scope}，非本市规定】"
        lines.append(f"{prefix}{sentence}{lead}（{book_title(hit.doc_title)}{hit.label}）")
    return "\n".join(lines)


def version_label(doc, docs: dict) -> str:
    """现行（2023年版） / 2017年版（已被 2023年修订）."""
    year = f"{doc.version_year}年" if doc.version_year else ""
    note = version_note(doc, docs)
    return f"{year}版（{note}）" if note else f"现行（{year}版）" if year else "现行"


def elsewhere(doc, question: str) -> bool:
    """A local act of another place than the one this deployment serves (上海市, 广州市, 雄安新区 —
    anything but 全国, 全市, the home city and its districts), which the question does not name."""
    scope = doc.scope or "全国"
    if scope in ("全国", "全市") or home_city() in scope or scope in districts():
        return False
    return short_place_name(scope) not in question


def merge_first(chosen_hits: list[Hit], hits: list[Hit]) -> list[Hit]:
    """Citations: the answering articles first, then the other retrieved clauses."""
    ids = {h.clause_id for h in chosen_hits}
    return chosen_hits + [h for h in hits if h.clause_id not in ids]


def with_text(hit: Hit, text: str) -> Hit:
    return replace(hit, text=text)
