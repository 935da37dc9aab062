"""Answer target questions ("…目标是多少", "各文件…分别…") from the indicator ledger, and questions for one
year's figure ("丰台区2020年优良天数比例是多少") from the status figures documents state."""
from __future__ import annotations

import re
from functools import lru_cache

from kb.answer.extract import Answer
from kb.answer.indicators import apply_terms, fold, normal_name, parse_header, vocabulary
from kb.answer.laws import answer_vocab
from kb.answer.measures import figure_units
from kb.search.query import Query


@lru_cache(maxsize=1)
def _indicator_names() -> tuple[tuple[str, str], ...]:
    """(normalised name or synonym, canonical indicator), built once."""
    return tuple((normal_name(alias), name) for name, aliases in vocabulary()["indicators"].items()
                 for alias in [name, *aliases])


def indicator_in(text: str) -> str | None:
    """The canonical indicator a question names (longest name or synonym wins)."""
    folded = normal_name(text)
    found = [(len(alias), name) for alias, name in _indicator_names() if alias in folded]
    if found:
        return max(found)[1]
    loose = _loosely_named(folded)
    if loose is not None:
        return loose
    # A pollutant alone ("朝阳区PM2.5目标") names the one indicator measured in it, if only one is.
    named = [term for term in vocabulary()["terms"] if term in folded]
    heads = {name for _, name in _indicator_names() for term in named if name.startswith(term)}
    return heads.pop() if len(heads) == 1 else None


@lru_cache(maxsize=1)
def _measured_subjects() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(canonical indicator, the measure its name or synonym ends in, the words of the subject before it), built once:
    安全利用率 and (污染, 耕地) of 受污染耕地安全利用率."""
    from kb.index.keyword import tokenize

    suffixes = sorted(vocabulary()["suffixes"], key=len, reverse=True)
    out = []
    for alias, name in _indicator_names():
        suffix = next((s for s in suffixes if alias.endswith(s) and len(alias) > len(s) + 1), None)
        words = tuple(w for w in tokenize(alias[:-len(suffix)]) if len(w) > 1) if suffix else ()
        if words:
            out.append((name, suffix, words))
    return tuple(out)


def _loosely_named(folded: str) -> str | None:
    """The one indicator whose measure (安全利用率) a question names after every word of its subject,
    not next to them (被污染的耕地，…安全利用率 → 受污染耕地安全利用率, not 重点建设用地安全利用率; 新能源车的比例 is
    no 可再生能源比例), with no word of change between (劣V类水体下降比例 is no 劣V类水体比例)."""
    change = answer_vocab()["change_text"]
    found = set()
    for name, suffix, words in _measured_subjects():
        at = folded.find(suffix)
        if at > 0 and all(w in folded[:at] for w in words) \
                and not re.search(change, folded[max(folded.rfind(w, 0, at) + len(w) for w in words):at]):
            found.add(name)
    return found.pop() if len(found) == 1 else None


def names_indicator(text: str, fields: dict[str, str], indicator: str) -> bool:
    """Whether a clause names the indicator: by its name or a synonym in the text, or as a table
    column the ledger reads as it (NOx重点工程累计减排量(吨) is 氮氧化物重点工程减排量)."""
    folded = normal_name(text)
    if any(alias in folded for alias, name in _indicator_names() if name == indicator):
        return True
    return any(parse_header(column)["name"] == indicator for column in fields)


def empty_cell(fields: dict[str, str], indicator: str) -> bool:
    """Whether a table row has the indicator's column and leaves it empty (—): the row states no
    figure for it (东城区 has no 受污染耕地), whatever its other columns state."""
    cells = [v for column, v in fields.items() if parse_header(column)["name"] == indicator]
    return bool(cells) and all(re.fullmatch(r"[—\-－\s]*", v) for v in cells)


def measured_in(indicator: str) -> list[str]:
    """The vocabulary's terms (a pollutant, a denominator) inside an indicator's name: 二氧化硫年均浓度 →
    二氧化硫. A sentence that names none of them is about another indicator."""
    return [term for term in vocabulary()["terms"] if term in indicator]


def terms_named(text: str) -> list[str]:
    """The vocabulary's terms (pollutants, denominators) a text names, by any alias: 大兴区CO… names none,
    一氧化碳年均浓度 names 一氧化碳."""
    folded = apply_terms(fold(text))
    return [term for term in vocabulary()["terms"] if term in folded]


def places_in(query: Query) -> list[str]:
    """Districts and named areas (城市副中心, 生态涵养区) a question asks about; not 全市 or 各区."""
    scopes = [s for s in vocabulary()["scopes"] if s in query.text and s not in ("全市", "全区", "各区")]
    return list(dict.fromkeys([*query.districts, *scopes]))


def answer_from_ledger(kb, query: Query, hits=()) -> Answer | None:
    """A short comparison of an indicator's targets by year and document, with the rows cited.

    Only the place and year asked (never another district's or year's figure). A question naming
    a year but no target ("丰台区2020年优良天数比例是多少") is answered from the status figures a
    document states for that year, when one states it in so many words."""
    targeted = bool(re.search(answer_vocab()["target_asked"], query.text)) and not re.search(answer_vocab()["status_asked"], query.text)
    status = not targeted and len(query.years) == 1 and not re.search(answer_vocab()["change_asked"], query.text)
    if "responsibility" in query.intents or "place" in query.intents and "quantity" not in query.intents \
            or not (targeted or status):
        return None  # who leads, or which districts (哪几个区…跨入“优”等级), is no figure of the ledger
    indicator = indicator_in(query.text)
    if indicator is None:
        return None
    places = places_in(query) or (["全市"] if "全市" in query.text else [])
    rows = [t for t in kb.targets(indicator) if t["kind"] == ("target" if targeted else "status")
            and (not places or t.get("scope") in places)]
    if query.years:
        rows = [t for t in rows if t.get("year") in query.years]
    if not targeted:  # a status figure only where its sentence or row names the year and the place
        rows = [t for t in rows if t.get("year_stated", True) and (not places or t.get("scope_stated", True))]
    if not rows:  # the clauses are read next, for the place and year asked only
        return None
    # for the place or year asked, figures whose sentence names it come before figures where it is assumed
    if places:
        rows = [t for t in rows if t.get("scope_stated", True)] or rows
    if query.years:  # a plan's own period (十四五 asked of a 十四五 plan) states its year
        rows = [t for t in rows if t.get("year_stated", True)
                or kb.document_meta(t["doc_id"]).period in query.periods] or rows
    unique: dict[tuple, dict] = {}
    for t in rows:  # the same figure stated twice in one document (text and table) is listed once
        unique.setdefault((t.get("year"), figure(t), t.get("scope"), t["doc_id"]), t)
    rows = list(unique.values())
    groups = _grouped(rows, by_district=not query.districts)[:MAX_PARTS]
    parts = [_part(group) for group in groups]
    citations = kb.cite([group[0]["clause_id"] for group in groups], query)  # the clause of every figure stated
    counters = {*answer_vocab()["classifiers"], "个"}  # 几份文件 counts the documents, not the figure
    units = [u for u in figure_units(query.text) if u not in counters]
    if units and not any(in_unit(t.get("unit") or "", units) for t in rows):
        # 碳排放总量要控制在多少万吨: the plan sets a cut in %, not a quantity in 吨 — never given as the answer
        return Answer(query.text, True, f"现有文件未规定以{units[0]}计的{indicator}。文件中的{indicator}："
                      + "；".join(parts), kind="not_stated", citations=citations, found=False)
    return Answer(query.text, True, f"{indicator}：" + "；".join(parts), value=rows[0]["value"],
                  kind="targets", citations=citations)


_MAGNITUDE = re.compile(r"^[万亿千百]")


def in_unit(unit: str, units: list[str]) -> bool:
    """Whether a figure's unit is one a question asks: the same measure, whatever its magnitude (万吨 and
    吨, 千米 and 米) or denominator (微克 of 微克/立方米). ％ and % are both listed by `figure_units`."""
    base = _MAGNITUDE.sub("", unit.split("/")[0])
    return bool(base) and any(base == _MAGNITUDE.sub("", u.split("/")[0]) for u in units)


MAX_PARTS = 8


def _grouped(rows: list[dict], by_district: bool) -> list[list[dict]]:
    """One group per record, except that many district rows of one table become one group."""
    groups: dict[tuple, list[dict]] = {}
    for t in rows:
        key = (t.get("year"), t["doc_id"], "districts") if by_district and t.get("scope") not in ("全市", None) \
            else (t.get("year"), t["doc_id"], t["clause_id"], figure(t), t.get("scope"))
        groups.setdefault(key, []).append(t)
    return sorted(groups.values(), key=lambda g: (g[0].get("year") or 0, g[0].get("scope") != "全市"))


def assumed_note(target: dict) -> str:
    """"，范围和年份按文件推定" for a figure whose sentence names neither (the document's were taken)."""
    missing = [what for what, key in (("范围", "scope_stated"), ("年份", "year_stated")) if not target.get(key, True)]
    return f"，{'和'.join(missing)}按文件推定" if missing else ""


def _part(group: list[dict]) -> str:
    t = group[0]
    status = "现状 " if t.get("kind") == "status" else ""
    if len(group) == 1:
        return f"{t.get('year') or '—'}年 {status}{figure(t)}（{t.get('scope')}{assumed_note(t)}，《{t['doc_title']}》）"
    numbers = sorted(g["number"] for g in group if g.get("number") is not None)
    span = f"{numbers[0]:g}–{numbers[-1]:g}{t.get('unit') or ''}" if numbers else figure(t)
    return f"{t.get('year') or '—'}年 {len(group)}个区 {span}（《{t['doc_title']}》，分区指标）"


_SUFFIX_QUALIFIERS = ("左右", "以上", "以内", "以下", "以上水平")


def figure(target: dict) -> str:
    """"35微克/立方米左右", "不低于26.1%": qualifiers on the side Chinese puts them."""
    value = f"{target['value']}{target.get('unit') or ''}"
    qualifier = target.get("qualifier") or ""
    return value + qualifier if qualifier in _SUFFIX_QUALIFIERS else qualifier + value
