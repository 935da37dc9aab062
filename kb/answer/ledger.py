"""Target ledger: every quantitative target or reported status figure in the clauses.

A figure is a number with a unit (35微克/立方米, 45%, 200万辆, 3—5个). Each becomes a
``Target`` with its indicator, qualifier, year, baseline, scope and kind. Indicator tables are
read cell by cell from ``Clause.fields``; every other clause is read sentence by sentence.
Not figures: years and dates, numbers inside parentheses or quotes, ranks (第4名) and
thresholds that define a category (4.5吨以下环卫车, 面积大于50亩的, 500米服务半径).
"""
from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from kb.answer.indicators import (clean_name, fold, indicator_name, matching_indicators, split_items, strip_scope,
                                  table_figures, vocabulary)
from kb import vocab
from kb.model import Clause, Document

STATUS_SECTIONS = ("十三五", "成效", "成就", "完成情况", "回顾", "现状", "形势", "挑战")

_UNIT = "|".join(map(re.escape, vocab.units()))
FIGURE = re.compile(
    r"(?<![A-Za-z0-9.])(?P<num>\d+(?:\.\d+)?)(?:(?P<dash>[—–\-~至])(?P<num2>\d+(?:\.\d+)?))?"
    r"(?P<yu>余)?(?P<mult>万|亿)?(?P<yu2>余)?(?P<unit>" + _UNIT + r")?(?P<post>左右|及以上|及以下|以上|以下|以内)?"
)
_LINK = ("达到|达|降至|降到|下降到|下降至|减到|减至|减少到|减少至|提升到|提升至|提高到|提高至|增加到|增加至|增长到|"
         "扩大到|控制在|保持在|稳定在|维持在|保持|为|是|占|至|到|不低于|不少于|不高于|不超过|超过|高于|低于|"
         "下降|降低|削减|减少|增加|增长|提高|提升|回升|在")
_ADVERB = ("力争|确保|持续|进一步|稳步|大力|加快|积极|全面|切实|着力|基本|率先|逐步|预计|总体|大幅|分别|均|共计|"
           "合计|共|累计|约|近|逾|要|将|应|并|已|每月|每年|全年|其中|同时|或者|或|且")
_ACTION = ("完成|新增|新建|建成|建立|创建|培育|淘汰|发展|实现|实施|解决|推动|推进|组织|开展|举办|发放|发布|命名|出台|"
           "制修订|刊登|拍摄|推广|形成|坚守|严守|划定并严守|统筹管理|启动建设|改造提升|消除|整治|清理整治|疏解退出|利用|建设")
_TAIL = re.compile(f"(?:{_LINK}|{_ADVERB}|{_ACTION}|的)$")
_LEAD_WORDS = f"[、,和及与等]|按照|到?(?:19|20)\\d{{2}}年(?:底|末|前)?|年底前|力争到|{_ADVERB}"
_LEAD = re.compile(f"^(?:{_LEAD_WORDS}|{_ACTION})")
_LEAD_KEEP_ACTION = re.compile(f"^(?:{_LEAD_WORDS})")
_LINK_END = re.compile(f"(?:{_LINK})$")
_ACTION_END = re.compile(f"(?:{_ACTION})$")
_APPROX_END = re.compile(r"(?:约|近|逾|每月|每年|不少于|不低于|不超过|不高于|超过)+$")
_BASELINE = re.compile(r"(?:比|较|与|相比)(?P<b>(?:19|20)\d{2}年(?:同期|底)?|峰值|监测基准年|上年|同期)|(?P<b2>同比)")
_PARENS = re.compile(r"\([^()]*\)")
_FROM = re.compile(r"(?:由|从)(?P<y>(?:19|20)\d{2}年)?的?(?:每月|每年)?$")
_QUALIFIER = re.compile(r"力争|确保|累计|新增|预计|不低于|不少于|不超过|不高于|超过|高于|低于|"
                        r"(?:下降|削减|减少|降低|增加|增长|提高|提升|回升)(?![到至值])")
_DISTRIBUTIVE = re.compile(r"分别|(?<![年平人])均(?![值匀衡])")
_YEAR = re.compile(r"(?P<pre>力争到|到|至|在|于|比|较|与|由|从)?(?P<y>(?:19|20)\d{2})年(?P<post>底|末|度|以来|的)?")
_OBJECT_CUT = re.compile(r"的|向|对|开展|安装|为|以|实现|且|并|达到|消除|进行|用于|作为")
_GENERIC = {"面积", "占比", "面积占比", "比例", "规模", "总量", "数量"}
_SHARE_OF = re.compile(r"^(.*(?:不低于|不少于|不超过|达到|超过|占))[^\d,、]*的$")
_COUNTS = {"个", "处", "家", "座", "台", "条", "块", "所", "套", "项", "次", "期", "组", "部", "份", "届", "户", "人次"}


@dataclass
class Target:
    """One quantitative target or status figure and where it was stated."""

    indicator: str
    value: str
    number: float | None
    unit: str
    qualifier: str
    year: int | None
    baseline: str | None
    scope: str
    kind: str  # target | status
    doc_id: str
    clause_id: str
    text: str
    # False when the sentence (or table column) does not say it and the document's own scope or
    # target year was assumed: "森林覆盖率提升到36.5%" in a city plan names neither place nor year.
    scope_stated: bool = True
    year_stated: bool = True

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class _Sentence:
    """A sentence being read, with what earlier segments said (their subject and scope)."""

    text: str  # folded, same offsets as the original
    original: str
    clause: Clause
    doc: Document
    masked: str = ""
    segments: list[str] = field(default_factory=list)
    last_names: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.masked = _mask_parentheses(self.text)


def extract_targets(clauses: list[Clause], docs: list[Document]) -> list[Target]:
    """All figures in the clauses, in clause order; repeats of one sentence are kept once."""
    by_id = {doc.id: doc for doc in docs}
    seen: set[tuple] = set()
    ledger = []
    for clause in clauses:
        doc = by_id.get(clause.doc_id)
        if doc is None:
            continue
        for target in _clause_targets(clause, doc):
            key = (target.doc_id, target.indicator, target.value, target.year, target.scope, target.text)
            if key not in seen:
                seen.add(key)
                ledger.append(target)
    return ledger


def lookup(targets: list[Target], indicator: str, year: int | None = None,
           scope: str | None = None) -> list[Target]:
    """Every record for an indicator (synonyms, parts and near spellings match), sorted by year;
    optionally only one year, or one scope (a substring: 海淀 finds 海淀区)."""
    names = matching_indicators(indicator, frozenset(t.indicator for t in targets))
    hits = [t for t in targets if t.indicator in names
            and (year is None or t.year == year) and (scope is None or scope in t.scope)]
    return sorted(hits, key=lambda t: (t.year is None, t.year or 0))


def _clause_targets(clause: Clause, doc: Document) -> list[Target]:
    cells = table_figures(clause.fields, doc.scope, doc.target_year)
    if cells is not None:
        return [Target(**{**cell, "year_stated": cell["year_stated"] or _titled_year(doc)}, doc_id=doc.id,
                       clause_id=clause.clause_id) for cell in cells]
    text = clause.fields.get("工作措施") or clause.text
    return [t for s in _spans(text, "。;!?\n") for t in _sentence_targets(_Sentence(
        fold(text[s[0]:s[1]]), text[s[0]:s[1]].strip(), clause, doc))]


# ---- sentences --------------------------------------------------------------------------

def _spans(text: str, delimiters: str) -> list[tuple[int, int]]:
    """Start/end offsets of the pieces between delimiters that sit outside parentheses."""
    spans, start, depth = [], 0, 0
    for i, char in enumerate(fold(text)):
        depth += (char == "(") - (char == ")")
        if char in delimiters and depth <= 0:
            spans.append((start, i))
            start, depth = i + 1, 0
    spans.append((start, len(text)))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def _mask_parentheses(text: str) -> str:
    out, depth = [], 0
    for char in text:
        depth = max(depth + (char == "(") - (char == ")"), 0)
        out.append(" " if depth or char == ")" else char)
    return "".join(out)


def _sentence_targets(sentence: _Sentence) -> list[Target]:
    targets = []
    for start, end in _spans(sentence.text, ",:"):
        targets += _segment_targets(sentence, start, end)
        sentence.segments.append(sentence.text[start:end])
    return targets


def _segment_targets(sentence: _Sentence, start: int, end: int) -> list[Target]:
    text = sentence.text
    figures = [m for m in FIGURE.finditer(text, start, end) if _is_figure(sentence, m, start)]
    targets, pos, kept, baseline = [], start, "", None
    for group in _groups(text, figures):
        before = kept + text[pos:group[0].start()]
        after_end = figures[figures.index(group[-1]) + 1].start() if group[-1] is not figures[-1] else end
        came_from = _FROM.search(before)
        if came_from and len(group) == 1:  # 由2015年的44.5%下降到2.4%: a baseline, not a record
            baseline = (came_from["y"] or "") + group[0].group(0)
            kept, pos = before[:came_from.start()], group[-1].end()
            continue
        targets += _group_targets(sentence, group, before, text[group[-1].end():after_end], baseline)
        kept, pos, baseline = "", group[-1].end(), None
    return targets


def _is_figure(sentence: _Sentence, m: re.Match[str], seg_start: int) -> bool:
    if not (m["unit"] or m["mult"]) or sentence.masked[m.start()] == " ":
        return False
    text, before = sentence.text, sentence.text[seg_start:m.start()].rstrip()
    if before[-1:] in ("“", '"', "第", "等"):
        return False
    after = text[m.end():]
    if m["post"] in ("以下", "及以下", "以上", "及以上") and re.match(r"[\u4e00-\u9fff]", after) \
            and after[0] not in "且并或的":
        return False  # 4.5吨以上环卫车
    if after.startswith(("范围", "半径", "服务半径")):
        return False
    if after.startswith("的"):
        return bool(_ACTION_END.search(_APPROX_END.sub("", before)) or "占" in before[-8:]
                    or (m["unit"] == "%" and after.startswith("的比例")))
    return True


def _groups(text: str, figures: list[re.Match[str]]) -> list[list[re.Match[str]]]:
    """Runs of figures joined only by 、/和/及: one list sharing one subject."""
    groups: list[list[re.Match[str]]] = []
    for m in figures:
        if groups and re.fullmatch(r"[、和及与,\s]*", text[groups[-1][-1].end():m.start()]):
            groups[-1].append(m)
        else:
            groups.append([m])
    return groups


def _group_targets(sentence: _Sentence, group: list[re.Match[str]], before: str, after: str,
                   baseline: str | None) -> list[Target]:
    figures = [_parse_figure(m) for m in group]
    if before.endswith("每月"):  # 每月5.2吨/平方公里 is the same unit as 5吨/平方公里·月
        figures = [(v, n, u if u.endswith("·月") else u + "·月", q) for v, n, u, q in figures]
    names = _names(sentence, before, after, len(figures), figures[0][2])
    if len(figures) == 1 and len(names) > 1:
        figures = figures * len(names)
    year, kind, year_stated = _year_kind(sentence, group[0].start())
    scope, scope_stated = _scope(sentence, before)
    found = _BASELINE.search(before)
    baseline = baseline or (found and (found["b"] or "上年同期"))
    if len(figures) > 1 and figures[-1][3] and not any(f[3] for f in figures[:-1]):
        figures = [(v, n, u, figures[-1][3]) for v, n, u, _ in figures]  # 55分贝和70分贝以内
    leading = _qualifiers(before)
    return [Target(_indicator(name, unit), value, number, unit, " ".join(dict.fromkeys(leading + extra)),
                   year, baseline, scope, kind, sentence.doc.id, sentence.clause.clause_id, sentence.original,
                   scope_stated, year_stated)
            for name, (value, number, unit, extra) in zip(names, figures)]


def _indicator(name: str, unit: str) -> str:
    """Counts (5个, 1.8万家) name the things counted; only measures map onto the vocabulary."""
    if unit.lstrip("万亿") in _COUNTS:
        return strip_scope(clean_name(name))
    return indicator_name(name)


def _parse_figure(m: re.Match[str]) -> tuple[str, float | None, str, list[str]]:
    value = f"{m['num']}{m['dash']}{m['num2']}" if m["num2"] else m["num"]
    number = None if m["num2"] else float(m["num"])
    extra = (["余"] if m["yu"] or m["yu2"] else []) + ([m["post"]] if m["post"] else [])
    return value, number, (m["mult"] or "") + (m["unit"] or ""), extra


def _names(sentence: _Sentence, before: str, after: str, count: int, unit: str) -> list[str]:
    """The indicator name for each figure of a group, from the words around it."""
    tail = _APPROX_END.sub("", _BASELINE.sub("", before))
    share = re.search(r"占([^\d,、]*)$", tail)
    if share and (after.startswith("的") or not _clean_subject(tail[:share.start()])):
        owner = _clean_object(after) if after.startswith("的") else _earlier_names(sentence, 1)[0]
        names = [owner + "占" + share.group(1) + "比例"]  # 占市域面积26.1%的生态保护红线
    elif after.startswith("的比例"):  # 按照10%的比例对工地开展抽检
        names = [_clean_object(re.sub(r"^的比例对?|开展|进行", "", after), cut=False) + "比例"]
    else:
        names = _named_by_words(sentence, before, after, count, unit, tail)
    sentence.last_names = names
    return names


def _named_by_words(sentence: _Sentence, before: str, after: str, count: int, unit: str,
                    tail: str) -> list[str]:
    initial, counted = not before.strip(" 、,"), unit.lstrip("万亿") in _COUNTS
    subject, thing = _clean_subject(before), _clean_object(after, cut=not initial)
    if thing and not _LINK_END.search(tail):  # 完成3000万平方米既有建筑节能改造
        return [subject + thing if unit == "%" and subject else thing]
    if counted:  # the verb is part of what is counted: 淘汰高排放车14万辆, 整治燃煤锅炉404台
        subject = _clean_subject(before, keep_action=True)
    if not subject:
        return _earlier_names(sentence, count)
    if subject in _GENERIC and sentence.segments:
        subject = _clean_subject(sentence.segments[-1]) + subject
    if _SHARE_OF.match(_BASELINE.sub("", before).rstrip()) and not re.search("比|比例|率$", subject):
        subject += "占比"  # 面积力争达到市域面积的75%
    return split_items(subject, count, bool(_DISTRIBUTIVE.search(before)))


def _earlier_names(sentence: _Sentence, count: int) -> list[str]:
    """No subject in this segment (较2020年累计下降12%): reuse the one before it."""
    if sentence.last_names:
        last = sentence.last_names
        return last if len(last) == count else [last[-1]] * count
    for segment in reversed(sentence.segments):
        cut = re.search(f"(?:{_LINK})(?!比)|持续|稳步|得到|明显|有效|连续|率先", segment)
        subject = _clean_subject(segment[:cut.start()] if cut else segment)
        if subject:
            return split_items(subject, count, False)
    return [""] * count


def _clean_subject(text: str, keep_action: bool = False) -> str:
    """The indicator words before a figure: drop years, areas, verbs, adverbs and baselines."""
    text = _SHARE_OF.sub(r"\1", _BASELINE.sub("", _PARENS.sub("", fold(text))))
    lead = _LEAD_KEEP_ACTION if keep_action else _LEAD
    previous = None
    while previous != text:
        previous = text
        text = strip_scope(lead.sub("", _TAIL.sub("", text.strip())))
    return clean_name(text)


def _clean_object(text: str, cut: bool = True) -> str:
    """The thing counted after a figure: 3000万平方米既有建筑节能改造 → 既有建筑节能改造."""
    if text.startswith("、"):  # 8000余亩、森林健康经营林木抚育1万余亩: the next item, not this one's
        return ""
    text = re.sub(r"^[的和及]+", "", text.strip())
    cut = _OBJECT_CUT.search(text) if cut else None
    return clean_name((text[:cut.start()] if cut else text).rstrip("和及、"))


def _qualifiers(before: str) -> list[str]:
    found = [m.group(0) for m in _QUALIFIER.finditer(before)]
    tail = before[-4:]
    return found + [word for word in ("约", "近") if word in tail]


def _scope(sentence: _Sentence, before: str) -> tuple[str, bool]:
    """The area a figure applies to: named next to it, else in an earlier segment that only sets
    the scene (2020年，全区…) or that the name was taken from, else the document's (not stated)."""
    if re.search("合计|共计|总计", before):
        return sentence.doc.scope, True
    borrowed = not _clean_subject(before)
    for i, text in enumerate([before, *reversed(sentence.segments)]):
        found = _scopes_in(text)
        if found and (i == 0 or borrowed or not _clean_subject(text)):
            scope = "全市" if "全市" in found else "、".join(found)
            return (sentence.doc.scope if scope == "全区" else scope), True
    return sentence.doc.scope, False


def _scopes_in(text: str) -> list[str]:
    names = sorted(vocabulary()["scopes"], key=len, reverse=True)
    found = re.findall("|".join(names), text)
    return list(dict.fromkeys(found))


def _year_kind(sentence: _Sentence, pos: int) -> tuple[int | None, str, bool]:
    """The year a figure is for, whether it is a target or a reported status, and whether the
    sentence or its heading says the year (else the document's target year is assumed)."""
    doc, masked = sentence.doc, sentence.masked[:pos]
    stated = [m for m in _YEAR.finditer(masked) if m["pre"] not in ("比", "较", "与", "由", "从")
              and m["post"] not in ("度", "以来", "的") and not masked[:m.start("y")].endswith(("—", "-", "~"))]
    published = int(doc.date[:4]) if doc.date else None
    if stated:
        year = int(stated[-1]["y"])
        ahead = stated[-1]["pre"] in ("到", "至", "力争到") or published is None or year >= published
        return year, "target" if ahead else "status", True
    section = " ".join(sentence.clause.section_path)
    if any(marker in section for marker in STATUS_SECTIONS):
        return _period_end(section, doc, published), "status", True
    return doc.target_year, "target", _titled_year(doc)


def _titled_year(doc: Document) -> bool:
    """Whether the document's title states its target year (…2023年行动计划): then it is stated."""
    return doc.target_year is not None and f"{doc.target_year}年" in doc.title


def _period_end(section: str, doc: Document, published: int | None) -> int | None:
    """The year a review reports on: the end of a past period named in the heading (“十三五” →
    2020), else the year before the plan's own period starts."""
    ended = [end for name, (_, end) in vocab.periods().items()
             if name in section and (published is None or end < published)]
    if ended:
        return max(ended)
    return vocab.periods()[doc.period][0] - 1 if doc.period in vocab.periods() else None
