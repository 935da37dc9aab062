"""What a question says about laws: the documents it names, the article it asks for, whether it
asks about consequences. Vocabulary is data (kb/data/legal.json). A law is named the way people
abbreviate it — 停车条例, 节能法, 环评法 — and matched to titles, not to a list of short names."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kb import vocab
from kb.documents.numbering import cn_to_int, int_to_cn
from kb.model import Document

_ARTICLE = re.compile(r"第\s*([零〇一二三四五六七八九十百千两\d]+)\s*条(?:之([一二三四五六七八九十]+))?")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*[年版]")  # 2017年, 2017版 (a version written without 年)


@dataclass(frozen=True)
class LegalAsk:
    """The legal reading of a question."""

    named: frozenset[str]  # ids of documents the question names (all versions)
    year: int | None  # a year the question gives next to a document's name: that version
    article: str | None  # "第一百一十八条" (normalised) when the question asks for one
    penalty: bool  # asks what happens to a violation
    definition: bool = False  # asks what a term means (…是指什么, 什么叫…)
    effective: bool = False  # asks when the act takes effect (哪天起施行)
    names: tuple[str, ...] = ()  # the law names as the question writes them (named or not in the corpus)
    compare: bool = False  # asks about two versions at once (现行…？2017年版又…？): every version is wanted
    labelled: bool = False  # the year labels a version (2023年修订, 2017年版), not a time the act applied


@lru_cache(maxsize=1)
def _data() -> dict:
    return vocab.data("legal")


@lru_cache(maxsize=1)
def penalty_question() -> re.Pattern[str]:
    return re.compile(_data()["penalty_question"])


@lru_cache(maxsize=1)
def penalty_text() -> re.Pattern[str]:
    return re.compile(_data()["penalty_text"])


@lru_cache(maxsize=1)
def definition_question() -> re.Pattern[str]:
    return re.compile(_data()["definition_question"])


@lru_cache(maxsize=1)
def _definition_text() -> re.Pattern[str]:
    return re.compile(_data()["definition_text"], re.M)


_SHORT_NAME = re.compile(r"[（(](?:以下)?(?:简|统)?称([^）)]{1,14})[）)]")  # （以下简称重点林区）, （简称陆源）


@lru_cache(maxsize=50_000)
def defined_terms(text: str) -> tuple[str, ...]:
    """The terms a clause defines, the way laws define them: "本法所称能源，是指…", "（一）放射性污染，是指…",
    "本条例所称的“城市道路”（以下简称道路），是指…", an item "（一）森林，包括…", and a term named in
    passing: "…有关专项规划（以下称专项规划）"."""
    # …有关专项规划（以下称专项规划）, …（以下统称排污单位）; 以下简称 only shortens a name defined before it
    named = re.findall(r"[（(]以下(?:统)?称[“「]?([^）)”」]{2,12})[”」]?[）)]", text)
    text = _SHORT_NAME.sub("", re.sub("[“”「」]", "", text))  # 陆地污染源（简称陆源），是指
    found = (next(g for g in m.groups() if g) for m in _definition_text().finditer(text))
    terms = (t.split("所称")[-1].removeprefix("的") for t in found)
    return tuple(dict.fromkeys([*(t for t in terms if len(t) >= 2), *named]))


def defines_asked(question: str, terms: tuple[str, ...] | list[str]) -> bool:
    """Whether the question asks what one of these terms means — the term next to 是指 / 是什么意思,
    after 什么是 / 所称, or before 包括哪些 right after a law's name (国家重点保护的林地包括哪些 asks
    for a list, not the meaning of 林地)."""
    quoted = re.findall(r"[“「]([^”」]{2,30})[”」]", question)
    asks_meaning = bool(pattern("definition_question").search(question))
    question = re.sub(r"[\s“”「」《》]", "", question)
    for term in terms:
        if any(term in q and term != q for q in quoted):
            continue  # “集体林地”是指什么 does not ask what 林地 means
        if term in quoted and asks_meaning:
            return True  # 节约能源法里说的“能源”具体指哪些: the term quoted is the one asked
        forms = [f.replace("{term}", re.escape(term)) for f in _data()["definition_asked"]]
        if any(re.search(form, question) for form in forms):
            return True
    return False


def defines_other(question: str, text: str) -> bool:
    """Whether a clause defines only terms the question does not mention, not even in part or by the
    short name it gives (what 优先划入生态保护红线的海域 means is not answered by the item defining
    陆地污染源（简称陆源）; 海边湿地 shares 湿地 with 滨海湿地)."""
    terms = defined_terms(text)
    short = [t for t in _SHORT_NAME.findall(re.sub("[“”「」]", "", text)) if len(t) >= 2]
    question = re.sub(r"[\s“”「」《》]", "", question)
    return bool(terms) and not any(term[i:i + 2] in question for term in (*terms, *short) for i in range(len(term) - 1))


MIN_LISTED = 6  # characters of the words before 包括哪些 an enumeration must end in (海洋生态系统, not 政策和措施)


def names_in_passing(question: str, text: str, unquoted: bool = True) -> bool:
    """Whether a clause says what a term the question quotes covers without defining it: an
    enumeration ending in it (医院、学校及幼托机构等“环境敏感区域”) or the full name it shortens
    (国务院确定的国家重点林区（以下简称“重点林区”）). With `unquoted`, a question asking what
    something includes names its term in the words before 包括哪些, from the start or a 的
    (…列举的具有典型性、代表性的海洋生态系统包括哪些 → 具有典型性、代表性的海洋生态系统, 海洋生态系统), the
    enumeration ending in one of them (红树林、珊瑚礁…等具有典型性、代表性的海洋生态系统); 其他违法行为 names none."""
    text = re.sub(r"[“”「」]", "", text)
    terms = set(re.findall(r"[“「]([^”」]{2,30})[”」]", question))
    listed = re.search(_data()["list_question"], question) if unquoted else None
    if listed:
        before = re.sub(r"[\s“”「」《》，,]", "", question[:listed.start()])
        parts = before.split("的")
        terms |= {t for t in ("的".join(parts[i:]) for i in range(len(parts)))
                  if len(t) >= MIN_LISTED and not re.search(_data()["vague_term"], t)}
    for term in terms:
        forms = [f.replace("{term}", re.escape(term)) for f in _data()["definition_passing"]]
        if any(re.search(form, text) for form in forms):
            return True
    return False


@lru_cache(maxsize=None)
def asks_permission(question: str) -> bool:
    """Whether a question asks if something is allowed (能不能在人行道上停车, 烧秸秆合法吗), not for an
    amount or a right (能罚多少, 能拿到补偿吗)."""
    return bool(pattern("permission_question").search(question)) and not pattern("permission_not").search(question)


def pattern(key: str) -> re.Pattern[str]:
    """A pattern of kb/data/legal.json by its key ("effective_text": the article an act takes effect
    by, 立法法 — "本法自2024年1月1日起施行")."""
    return re.compile(_data()[key])


@lru_cache(maxsize=1)
def liability_chapter() -> re.Pattern[str]:
    return re.compile(_data()["liability_chapter"])


def in_force(doc: Document, year: int, docs: dict[str, Document]) -> bool:
    """Whether `doc` is a version of its act the year names: the version of that year ("2017年版",
    "2023年修订的") or the one in force then — in effect by then and not yet replaced by one in
    effect ("2022年按当时的停车条例" is the 2021 version; a 2023 revision in effect from 2024 leaves
    2023 under the older one). A year before the oldest version we hold names that version."""
    older = any(d.superseded_by == doc.id for d in docs.values())  # we hold a version before this one
    if doc.version_year is None or not (older or doc.superseded_by):
        return True  # the only text we hold (or one without dates) is the one there is
    if doc.version_year == year:
        return True
    newer = docs.get(doc.superseded_by or "")
    if newer is not None and newer.version_year is not None and _effective_year(newer) <= year:
        return False  # replaced by then
    return _effective_year(doc) <= year or not older


def _effective_year(doc: Document) -> int:
    """When a dated version took effect: its 施行 year when that follows the version's own (an
    amended text often keeps the act's first 施行 date), else the version's year."""
    effective = int(doc.date_effective[:4]) if doc.date_effective else 0
    return max(doc.version_year, effective)


def other_version(doc: Document, ask: LegalAsk, docs: dict[str, Document]) -> bool:
    """Whether `doc` is not the version the question wants: the one in force in the year it gives
    next to the act's name, else the current one; none when it asks about two versions at once."""
    if ask.compare:
        return False
    if doc.id in ask.named and ask.year is not None:
        if ask.labelled and any(docs[d].version_year == ask.year for d in ask.named if d in docs):
            return doc.version_year != ask.year  # 海环法（2023年修订）: that text, though in force from 2024
        return not in_force(doc, ask.year, docs)
    return doc.superseded_by is not None


def imposes_penalty(clause) -> bool:
    """An article that sets a penalty: in the liability chapter, or its text says 处…罚款 / 责令…."""
    return clause.kind == "article" and bool(liability_chapter().search(clause.section) or penalty_text().search(clause.text))


def reading(query, documents: list[Document]) -> LegalAsk:
    """The legal reading of an analysed question, made on first use and kept on it: matching law
    names against every title is the costly part, and each rescoring stage and the answer need it."""
    if query.legal is None:
        query.legal = read_question(query.text, documents)
    return query.legal


def read_question(text: str, documents: list[Document]) -> LegalAsk:
    """The documents named (every version of the best-matching law), the article, penalty intent."""
    compact = re.sub(r"\s", "", text)
    names, docs = documents_named(compact, documents)
    if names and not docs and (described := described_acts(compact, documents)):
        names, docs = [], described  # 北京那部管市容和环境卫生的地方条例: no name, but the act held is plain
    named = frozenset(d.id for d in docs)
    year = _YEAR.search(compact)
    before = pattern("year_before").search(compact)  # 2024年施行之前: the version in force in 2023
    article = None
    m = _ARTICLE.search(compact)
    if m:
        number = cn_to_int(m.group(1))
        article = f"第{int_to_cn(number)}条" + (f"之{m.group(2)}" if m.group(2) else "")
    asked = int(before.group(1)) - 1 if before else int(year.group(1)) if year else None
    return LegalAsk(named, asked if named else None, article,
                    bool(penalty_question().search(compact)), bool(definition_question().search(compact)),
                    bool(pattern("effective_question").search(compact)), tuple(names),
                    bool(pattern("version_compare").search(compact)) and not _in_force_twice(compact, docs),
                    bool(pattern("version_label").search(compact)))


def _in_force_twice(compact: str, docs: list[Document]) -> bool:
    """Whether a question that reads like comparing versions only names the version in force twice
    (现行北京市实施《水法》办法（2022年版）): the one year it gives is that of a version in force, and no
    word compares (相比, 有什么变化, 修改前)."""
    years = {int(y) for y in _YEAR.findall(compact)}
    in_force = {d.version_year for d in docs if d.superseded_by is None and d.status != "已修订"}
    return len(years) == 1 and years <= in_force and not pattern("compare_words").search(compact)


# ---- laws named in a question ------------------------------------------------------------

def named_laws(text: str, loose: bool = False) -> list[str]:
    """Law names in a question: 《…》, 实施《…》办法, or a run of characters ending in 法/条例/办法/细则,
    followed by what may follow a name. With `loose`, also a name that can only be a law's (…法, …条例)
    followed by a word that follows any noun (按森林法最多罚多少, 海环法由谁确定): such a name may carry the
    words before it (违法排污在环境保护法), so `documents_named` keeps it only when it is a held act's."""
    return [name for name, _ in _names(text, loose)]


def _names(text: str, loose: bool) -> list[tuple[str, bool]]:
    """(name, read by the loose pass) for every law name in the question, in order."""
    data = _data()
    found, spans, written = [], [], data["law_name"]
    passes = ((data["law_name_next"], False), (data["law_name_next_strong"], True))
    for after, second in passes[:2 if loose else 1]:
        for m in re.finditer(f"{written}(?={after})", text):
            if second and any(s < m.end() and m.start() < e for s, e in spans):
                continue  # a name the first pass read (or read as none)
            if not second:
                spans.append(m.span())
            name = _name(m, data)
            if second and not strong_name(name):
                continue  # 具体办法由谁制定 names no act
            if len(name) >= 3 or (len(name) == 2 and (bool(m.group(2)) or act_kind(name) == "法")):  # 《水法》, 依照水法
                found.append((m.start(), name, second))  # (two characters name an act only when one held is called so: documents_named)
    return [(name, second) for _, name, second in sorted(found)]


def _name(m: re.Match, data: dict) -> str:
    """The name a match of `law_name` gives, without the words before it and an everyday ending."""
    name = next(g for g in m.groups() if g)
    whole = bool(m.group(2) or m.group(4))  # 《…》, 最高人民法院关于…的解释: the name is all there
    if not whole:  # outside 《…》: what the question says before the name is not part of it
        name = re.split(data["name_lead"], name)[-1]  # 企业违反了…法, …才算森林法
        if _described_way(name):
            return ""
        name = re.sub(data["name_level"], "", name)  # 国家层面的节约能源法, 全国人大的森林法: the act, whose level is said
    name = re.sub(data["name_prefix"], "", name)
    if not whole:  # 国务院排水条例: the issuer, outside 《》; 审理侵权纠纷那部司法解释: no 那部
        name = re.sub(data["name_filler"], "", re.sub(data["issuer_prefix"], "", name))
    if not whole:  # 发布实施了哪部条例 asks which act and names none; 由哪个部门负责实施森林法 still names 森林法
        name = re.split(data["name_question"], name)[-1]
    return _without_everyday_ending(name, data["not_law_endings"])


def has_subject(name: str) -> bool:
    """Whether a name says what its act is about, not only where it applies and what kind of act
    it is: 北京的实施办法, 上海条例 and 地方性条例 do not (水法, 北京市实施《水法》办法 do)."""
    core = re.sub("[《》〈〉]|中华人民共和国|国家|地方性?|实施|有关|相关|若干|暂行|管理|保护|的", "", name)  # 北京地方条例, 有关管理规定: no subject
    for place in vocab.place_names():
        core = core.replace(place, "")
    core = core.lstrip("省市")
    return bool(core.removesuffix(act_kind(core)))


def _without_everyday_ending(name: str, endings: list[str]) -> str:
    """A name ending in an everyday word (执法, 写法, 方法) is no law's name, unless what precedes that
    word is one: 海洋环境保护法写法有什么不同 names 海洋环境保护法. "" when it names none."""
    everyday = next((w for w in endings if name.endswith(w) and (w != "办法" or len(name) - len(w) < 2)), None)
    if everyday is None:
        return name
    before = name[:-len(everyday)]
    return before if strong_name(before) and len(before) >= 3 else ""


# 怎么个罚法, 这个收法, 什么算法, 啥样的过法, 这种干法: a verb between 个, 么, 种 or 样的 and 法 says a way of doing
# it, in everyday speech (no act's name holds 啥样的 / 怎样的 / 什么样的; 同样的水法 names 水法)
_WAY_OF_DOING = re.compile(r"(?:[个么]|[这那哪]种|[啥怎么]样的)[\u4e00-\u9fff]{1,2}法$")  # 怎么个处理法; not 种子法


def _described_way(name: str) -> bool:
    """A phrase for a way of doing something, not an act's name outside 《》: 工地夜里施工扰民怎么个罚法, 水费会怎么个收法,
    or a word for it qualified after a 的 (种树的总体摆法, 题目的标准解法, 一样的盖法) — a law's name outside 《》 holds
    no 的 but in 关于…的 (国家的水法 names 水法 alone)."""
    import jieba.posseg

    if _WAY_OF_DOING.search(name):
        return True
    if not name.endswith("法") or name.endswith("办法") or "的" not in name or "关于" in name:
        return False
    after = name.rsplit("的", 1)[1]  # 国家的水法 names 水法
    if len(after) == 2:  # 像搭积木一样的盖法: a verb and 法; 国家的水法: a noun
        return next(jieba.posseg.cut(after[0])).flag == "v"
    last = [w for w in jieba.posseg.cut(after) if w.word.strip()][-1]
    return len(last.word) == 2 and last.flag == "v" and len(after) > 2  # 税法 (环境保护税法) is a noun


_SUFFIXES = ("办法", "条例", "规定", "解释", "决定", "细则", "法")


def act_kind(name: str) -> str:
    """What an act calls itself by its name's ending: 条例, 办法, 法… ("" when none)."""
    return next((s for s in _SUFFIXES if name.endswith(s)), "")


def strong_name(name: str) -> bool:
    """A name that can only be a law's (…法, …条例, 《…》); "具体办法", "有关规定" can be everyday words."""
    return name.endswith("条例") or (name.endswith("法") and not name.endswith("办法")) or "《" in name


def _in_order(name: str, title: str) -> int:
    """How many characters of `name` occur in `title` in the same order (a greedy subsequence)."""
    pos, found = 0, 0
    for char in name:
        nxt = title.find(char, pos)
        if nxt >= 0:
            found, pos = found + 1, nxt + 1
    return found


def _core(title: str) -> str:
    return re.sub("[《》〈〉]", "", title).replace("中华人民共和国", "")


def law_match(name: str, doc: Document) -> float:
    """How well a name as people write it ("停车条例", "北京市实施水法办法") fits a document, 0 when not
    (title_match on its title)."""
    return title_match(name, doc.title)


def title_match(name: str, title: str) -> float:
    """How well a name fits an act's title, held or only cited (环保法 → 环境保护法), 0 when not.

    An abbreviation drops characters of the title, it does not add or reorder them: every
    character of the name occurs in the title in order (one may differ in a long name, 司法解释
    for 解释), the kind of act (法 / 条例 / 办法) is the same, and a place it names is the title's.
    One reordering is allowed: a title opening with 防治 is shortened with 防治 after its object.
    """
    core, title = _core(name), _core(title)  # 〈〉: a title inside a title
    core = re.sub(r"^([\u4e00-\u9fff]{2,4})的", r"\1", core)  # 北京的停车条例, 信阳的条例: a place's act
    if len(core) <= 2 and core != title:
        return 0.0  # 水法 is 中华人民共和国水法, not 水污染防治法
    # 国家节约能源法 / 国家节能法 is 中华人民共和国节约能源法; 国家安全法 is not 核安全法 (an abbreviation
    # keeps the name's first character)
    if core.startswith("国家") and "国家" not in title and title.startswith(core[2:3]):
        core = core[2:]
    if core.endswith("司法解释") and "司法解释" not in title:  # the genre, not the title's words: …纠纷的司法解释
        core = core.removesuffix("司法解释") + "解释"
    if act_kind(core) != act_kind(title.rstrip("》")) or not act_kind(core):
        return 0.0
    if act_kind(core) == "法" and not core.startswith(title[0]):
        return 0.0  # 环境保护法 is not 海洋环境保护法, 能源法 not 节约能源法: a law's short name keeps its first character
    if any(place in core and place not in title for place in vocab.place_names()):
        return 0.0
    # 河南省实施《矿产资源法》办法 is as often written 河南矿产资源法实施办法: the same act either way
    implementing = re.fullmatch(r"(.*)实施(.+)办法", title)
    forms = [title] + ([f"{implementing[1]}{implementing[2]}实施办法"] if implementing else [])
    cores = [core]
    province = vocab.province_abbreviations().get(core[:1], "")
    if province and province in title and not core.startswith(province):  # 沪大气条例: 上海市大气污染防治条例
        cores.append(province + core[1:])
    if title.startswith("防治") and "防治" in core[2:]:  # 陆源污染物防治条例: 防治 moves after what it governs,
        cores.append(core.replace("防治", "", 1))  # as in every 污染防治法 (防治陆源污染物污染损害海洋环境管理条例)
    found = [max(_in_order(c, form) for form in forms) for c in cores]
    whole = [f for f, c in zip(found, cores) if f >= len(c) - (1 if len(c) >= 8 else 0)]
    return max(whole) / len(title) if whole else 0.0  # the closest title wins: 森林法 is 中华人民共和国森林法


# jieba's verbs, adverbs, pronouns, prepositions, conjunctions, particles, times, numerals (查一下), idioms
# (贯彻落实) and adverbial adjectives; not set phrases, which are often nouns (非机动车 of 非机动车停车条例)
_LEAD_FLAGS = ("v", "d", "r", "p", "c", "u", "y", "t", "m", "i", "ad")


def _abbreviates(name: str, doc: Document) -> bool:
    """Whether a name fits a document as law_match reads it, every character of it in the title in order
    (非机动车停车条例 is no abbreviation of 北京市机动车停车条例, though one character in a long name may differ)."""
    core = _core(name)
    return law_match(name, doc) > 0 and _in_order(core, _core(doc.title)) == len(core)


def placed_title(name: str) -> str | None:
    """The title in a name the loose pass read, when after its leading verbs it begins with a province's or
    a city's name and says what the act is about (请问北京市大气污染防治条例 → 北京市大气污染防治条例): a place's
    act named in full, held or not. None for any other name (违法排污在环境保护法)."""
    import jieba.posseg

    words = list(jieba.posseg.cut(name))
    lead = next((i for i, w in enumerate(words) if not w.flag.startswith(_LEAD_FLAGS)), len(words))
    title = "".join(w.word for w in words[lead:])
    place = re.match(r"[\u4e00-\u9fff]{2,7}?(?:省|市|自治区)", title)
    if place is None or not (vocab.short_place_name(place.group()) in vocab.place_names()
                             or place.group() in vocab.city_names()):
        return None
    return title if strong_name(title) and has_subject(title) else None


def held_tail(name: str, documents: list[Document]) -> str | None:
    """The held act a name read with the words before it stands for (学习北京停车条例, 请讲讲放射性污染防治法,
    想了解现行海环法, 如今的森林法, 开会时有人引用上海大气条例): the name without its leading verbs, function
    and time words, or without the words up to a plain verb (and what `name_prefix` drops: 现行, 那部), when no
    act is called by the whole name and what follows them abbreviates one character for character. None when
    the whole name is held, or no such tail is, or a place (浙江省, 省里) is among the words dropped."""
    if any(law_match(name, d) for d in documents):
        return None
    import jieba.posseg

    words = list(jieba.posseg.cut(name))
    leading = True  # every word before this one leads
    for i in range(1, len(words)):
        if words[i - 1].flag.startswith(("ns", "nt")) or re.match(_data()["local_level"], words[i - 1].word):
            return None  # 浙江省大气污染防治条例: a place is part of the name, never dropped; nor 省里 (an act of a province's)
        leading = leading and words[i - 1].flag.startswith(_LEAD_FLAGS)
        verb = words[i - 1].flag == "v" or (i >= 2 and words[i - 2].flag == "v" and words[i - 1].flag in ("ul", "uz", "ug"))
        if not leading and not verb:  # 写论文引用了规划环境影响评价条例: a verb with its 了 / 过 / 着 too
            continue  # 开会时有人引用上海大气条例: after other words, a plain verb (引用, not 污染) ends what is dropped
        if words[i].flag.startswith(("u", "p", "c")):
            continue  # 出台的生态保护补偿条例: not 的生态保护补偿条例
        tail = re.sub(_data()["name_prefix"], "", "".join(w.word for w in words[i:]))  # 想了解现行海环法: 海环法
        tail = re.sub(_data()["issuer_prefix"], "", tail)  # 需要确认国务院生态保护补偿条例: the issuer is no part of it
        if strong_name(tail) and has_subject(tail) and any(_abbreviates(tail, d) for d in documents):
            return tail
    return None


def described_acts(text: str, documents: list[Document]) -> list[Document]:
    """The held act a question describes rather than names — a place, then words of its title among
    words of description, then its kind (北京那部管市容和环境卫生的地方条例 → 北京市市容环境卫生条例; 上海那部防治
    大气污染的地方条例; 北京关于实施节约能源法的地方办法, 北京那部实施节能法的地方办法): every version of the one act
    whose title holds the place and every word left; none when no act, or more than one, fits (北京大气污染防治条例
    is not held)."""
    import jieba

    described = _data()["described_filler"]
    filler = re.compile(f"(?:{described})+")
    fits: list[Document] = []
    for place in (p for p in (*vocab.place_names(), *vocab.city_names()) if p in text):  # a province's or a city's act
        for m in re.finditer(re.escape(place) + r"[省市]?([\u4e00-\u9fff、]{2,24}?)(条例|办法|细则)", text):
            words = [w for w in jieba.cut(m.group(1)) if len(w) > 1 and not filler.fullmatch(w)]
            fits += [d for d in documents if words and place in d.title and _core(d.title).endswith(m.group(2))
                     and all(_shortened_in(w, _core(d.title)) for w in words) and d not in fits]
    return fits if len({_core(d.title) for d in fits}) == 1 else []


def _shortened_in(word: str, title: str) -> bool:
    """A word of a description in a title, whole or shortened as titles are (节能 for 节约能源: its characters in
    order, at most two apart)."""
    return bool(re.search(".{0,2}".join(map(re.escape, word)), title))


def documents_named(text: str, documents: list[Document]) -> tuple[list[str], list[Document]]:
    """The law names in a question, and the documents (all versions) each best refers to."""
    names, found = [], []
    for name, loose in _names(text, loose=True):
        name = held_tail(name, documents) or name
        if loose and not any(law_match(name, d) for d in documents):
            name = placed_title(name)  # 北京市大气污染防治条例由谁负责实施: an act we do not hold, by its title
            if name is None:
                continue  # 违法排污在环境保护法上 (the words before the name read with it), 有关条例: no act named
        if len(name) == 2 and not any(_core(d.title) == name for d in documents):
            continue  # 水法 names 中华人民共和国水法; 依法, 无法 name nothing (nor are they reported missing)
        scored = [(law_match(name, d), d) for d in documents]
        if not has_subject(name) and "实施" in name and found:  # 节约能源法和北京实施办法: the law just named's
            scored = [(s, d) for s, d in scored if any(_core(f.title) in d.title for f in found)] or scored
        if not has_subject(name) and len({d.title for s, d in scored if s}) != 1:
            continue  # 北京条例, 国家法: which act is not said (上海条例 with one Shanghai 条例 held is said)
        names.append(name)
        best = max((s for s, _ in scored), default=0.0)
        found += [d for s, d in scored if best and s == best and d not in found]
    return names, found
