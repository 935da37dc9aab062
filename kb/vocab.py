"""Vocabulary that belongs to a place, a field or a source, read once from kb/data/.

Code asks here for districts, periods, units, table columns and boilerplate; none of it is
written into a module, so a deployment for another city or field edits data files only.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=None)
def data(name: str) -> Any:
    """The parsed `kb/data/<name>.json`."""
    return json.loads((resources.files("kb") / "data" / f"{name}.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def districts() -> tuple[str, ...]:
    """The districts of the city this deployment serves."""
    return tuple(data("region")["districts"])


def district_aliases() -> dict[str, str]:
    """Short names people use for a district ("亦庄") → its full name."""
    return data("region")["aliases"]


def home_city() -> str:
    """The city this deployment serves ("北京")."""
    return data("region")["city"]


@lru_cache(maxsize=1)
def periods() -> dict[str, tuple[int, int]]:
    """Planning periods: "十四五" → (2021, 2025)."""
    return {name: (first, last) for name, (first, last) in data("periods")["periods"].items()}


@lru_cache(maxsize=1)
def units() -> tuple[str, ...]:
    """Units a figure can carry, longest first so 平方公里 wins over 公里."""
    return tuple(sorted(data("indicators")["units"], key=len, reverse=True))


@lru_cache(maxsize=1)
def place_names() -> tuple[str, ...]:
    """Province-level places as people write them (北京, 内蒙古, 广西), from places.json."""
    suffix = re.compile(r"(?:壮族|回族|维吾尔)?(?:自治区|特别行政区|省|市)$")
    return tuple(suffix.sub("", name) for name in data("places")["provinces"])


def province_abbreviations() -> dict[str, str]:
    """A province's one-character abbreviation → its name as people write it (沪 → 上海), from places.json."""
    return data("places")["abbreviations"]


_ADMIN_SUFFIX = re.compile(r"(?:(?<=[\u4e00-\u9fff]{2})(?:[\u4e00-\u9fff]{1,2}族)*自治[区州县旗]|特别行政区|自治区|地区|新区|林区"
                           r"|矿区|省|市|区|县|州|盟|旗|镇|乡|村)$")


def short_place_name(name: str) -> str:
    """A place as people write it, without its administrative suffix (深圳市 → 深圳, 雄安新区 → 雄安,
    恩施土家族苗族自治州 → 恩施); the name itself when less than two characters would remain."""
    short = _ADMIN_SUFFIX.sub("", name)
    return short if len(short) >= 2 else name


_AUTONOMOUS = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:[\u4e00-\u9fff]{1,2}族)+自治([县州旗])$")


@lru_cache(maxsize=1)
def _names_by_province() -> dict[str, frozenset[str]]:
    """A province as people write it (浙江) → the names of the divisions that lie in it and in no other."""
    found: dict[str, set[str]] = {}
    for name, provinces in _provinces_by_name().items():
        if len(provinces) == 1 and len(name) >= 2:
            found.setdefault(short_place_name(next(iter(provinces))), set()).add(name)
    return {province: frozenset(names) for province, names in found.items()}


def names_place_in(province: str, text: str) -> bool:
    """Whether a text names a division lying in the province (浙江 and 在浙江景宁…: 景宁)."""
    text = text.replace(province, " ")
    return any(name in text for name in _names_by_province().get(short_place_name(province), ()))


@lru_cache(maxsize=1)
def _autonomous_names() -> dict[str, str]:
    """An autonomous division as people write it → its full name (彭水县 → 彭水苗族土家族自治县)."""
    return {autonomous_short(name): name for _, name in _divisions() if autonomous_short(name) != name}


def autonomous_name(place: str) -> str | None:
    """The full name of the autonomous county, prefecture or banner a place names as people write it
    (彭水县 → 彭水苗族土家族自治县); None for any other place (朝阳县 is no autonomous county)."""
    return _autonomous_names().get(place)


def autonomous_short(name: str) -> str:
    """An autonomous county, prefecture or banner as people write it, with its kind but without its
    peoples: 彭水苗族土家族自治县 → 彭水县, 恩施土家族苗族自治州 → 恩施州; any other name unchanged."""
    return _AUTONOMOUS.sub(r"\1", name)


def has_admin_suffix(word: str) -> bool:
    """广州市, 浦东新区, 城关镇: a name (two characters at least) with an administrative suffix."""
    return short_place_name(word) != word


@lru_cache(maxsize=1)
def administrative_names() -> frozenset[str]:
    """Every administrative division of China (GB/T 2260, from the table that ships with `cpca`), by its
    full name and as people write it without the suffix (深圳市 → 深圳, 昆山市 → 昆山), except the short
    names that are everyday words (新建区 → 新建, 河西区 → 河西: places.json "not_places"); and the
    state-level new areas (places.json "new_areas"), without 新区 only as "new_area_short_names" has them."""
    places = data("places")
    full = {name for _, name in _divisions()}
    written = full | {f(name) for name in full for f in (short_place_name, autonomous_short)}
    new_areas = {*places.get("new_areas", ()), *places.get("new_area_short_names", ())}  # 雄安; not 湘江 (a river)
    return frozenset((written | new_areas) - set(places.get("not_places", ())))


@lru_cache(maxsize=1)
def city_names() -> frozenset[str]:
    """The cities and prefectures of China (GB/T 2260's second level: 张家口市, 恩施土家族苗族自治州) as
    administrative_names() holds them (张家口, 恩施州, 张家口市). jieba tags many of them as a person's name
    or a verb (张家口 nr, 保定 v), so a question naming one is read as naming a place by this list."""
    second = {name for code, name in _divisions() if code[2:4].strip("0") and not code[4:].strip("0")
              and "辖" not in name}  # 市辖区, 省直辖县级行政区划: headings of the table, no places
    second |= set(data("places").get("new_areas", ()))  # 雄安新区 (and 雄安, as administrative_names keeps it)
    written = {f(name) for name in second for f in (lambda n: n, short_place_name, autonomous_short)}
    return frozenset(w for w in written if len(w) >= 2 and w in administrative_names())


@lru_cache(maxsize=1)
def _divisions() -> tuple[tuple[str, str], ...]:
    """(GB/T 2260 code, full name) of every administrative division, from the table that ships with
    `cpca` (its table only: importing cpca would load pandas)."""
    import csv
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("cpca")
    table = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    with open(table, encoding="utf-8") as f:
        return tuple((row["adcode"], row["name"]) for row in csv.DictReader(f) if row["name"])


@lru_cache(maxsize=1)
def _provinces_by_name() -> dict[str, frozenset[str]]:
    """Every division of China (full and everyday name) → the provinces it lies in (GB/T 2260 codes:
    the first two digits are the province's); a name used in several provinces maps to each."""
    rows = _divisions()
    province = {code[:2]: name for code, name in rows if code[2:].strip("0") == ""}
    found: dict[str, set[str]] = {}
    for code, name in rows:
        if code[:2] in province and code[2:].strip("0"):
            for written in {name, short_place_name(name), autonomous_short(name)}:
                found.setdefault(written, set()).add(province[code[:2]])
    return {name: frozenset(p) for name, p in found.items()}


def province_of(place: str) -> str | None:
    """The province a city or county lies in (广州 → 广东省, 青岛市 → 山东省), None when the name is no
    division's or is shared by divisions of several provinces (鼓楼区)."""
    provinces = _provinces_by_name().get(place, frozenset())
    return next(iter(provinces)) if len(provinces) == 1 else None


@lru_cache(maxsize=1)
def _district_names() -> tuple[str, ...]:
    """Every way a district is written: 丰台区, 丰台, 亦庄."""
    return (*districts(), *map(short_place_name, districts()), *district_aliases())


_QUOTES = re.compile("[“”‘’\"'「」『』《》〈〉]")


def without_quotes(text: str) -> str:
    """The text with its quotation and title marks removed."""
    return _QUOTES.sub("", text)


def book_title(title: str) -> str:
    """A title in 书名号, a title inside it in 单书名号 (GB/T 15834): 《北京市实施〈中华人民共和国水法〉办法》."""
    return f"《{title.replace('《', '〈').replace('》', '〉')}》"


_YEAR_BRACKETS = re.compile(r"[\[［(（【]\s*(\d{4})\s*[\]］)）】]")


def number_brackets(text: str) -> str:
    """The text with the year of a 文号 in the brackets 文号 are written with (京政办发[2023]4号 → 〔2023〕)."""
    return _YEAR_BRACKETS.sub(r"〔\1〕", text)


def names_document(text: str, aliases: tuple[str, ...], scope: str | None) -> bool:
    """Whether a question names a document by one of its aliases or its 文号, quotation marks and the
    brackets around a 文号's year aside (按照北京“十四五”生态环境保护规划 names 十四五生态环境保护规划) — not
    when a district other than the document's own stands right before it (丰台区“十四五”生态环境保护规划 is
    the district's plan, not the city's)."""
    for plain in dict.fromkeys((text, without_quotes(text), number_brackets(text))):
        for alias in dict.fromkeys((*aliases, *map(without_quotes, aliases))):
            for m in re.finditer(re.escape(alias), plain):
                before = plain[:m.start()]
                if not any(before.endswith(p) and p not in (scope or "") for p in _district_names()):
                    return True
    return False
