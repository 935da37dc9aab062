"""Query understanding: cleaning, synonyms, years, districts and the kind of question."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from kb import vocab
from kb.documents.numbering import int_to_cn
from kb.errors import QueryError

if TYPE_CHECKING:
    from kb.search.legal import LegalAsk

MAX_QUERY_CHARS = 500
MIN_THING_CHARS = 3  # a law's term that names a thing (障碍物), not a field (捕鱼 → 渔业 would fit any fishing conduct)
_YEAR = re.compile(r"(20\d{2})\s*年?")
_ARTICLE_DIGITS = re.compile(r"第\s*(\d{1,4})\s*条")
_CONTENT = re.compile(r"[\u3400-\u9fffA-Za-z0-9]")
INTENTS = {
    "responsibility": re.compile(r"牵头|挑头|领头|哪个部门|哪些部门|什么部门|谁负责|负责部门|主责|协办|责任单位"),
    "deadline": re.compile(r"时限|什么时候|什么时间|啥时候|啥时间|何时|期限|截止|时间节点|哪年完成|(?:完成|办完|做完|干完)还是|还是(?:长期|一直|持续|常态)|(?<![近这前后头])几月(?!\d)|哪个月"),
    "quantity": re.compile(r"多少|(?<![哪这那近])(?<!^前)(?<![^提]前)几[个项家辆台吨]?|多[长高大远宽深重厚](?!时间)|比例|比重|占比|浓度|目标|数值|指标|要达到|达到多|控制在|[那这]个数(?![量目])"),
    "howto": re.compile(r"如何|怎样|怎么|哪些措施|什么措施|措施有哪些|采取"),
    "compare": re.compile(r"分别|各文件|各个文件|各规划|对比|比较|不同文件"),
    # which places (哪几个区跨入“优”等级), not which place ranks first (哪个区最高: their figures compared)
    "place": re.compile(r"^(?!.*最[高低多少大小好差]).*哪(?:个|几个|些)(?:区|县|街道|街乡|乡镇|地区|城市|省|市)"),
}
_COUNT = re.compile(r"多少|(?<!哪)几")  # a number asked, not 哪几个区 (which ones)
# a plan named by its field (“十四五”时期生态环境保护规划), not 十四五规划目标 nor 十四五期间重点规划项目
_PLAN_NAME = re.compile(r"[”\"」』]?(?:时期)?(?:(?!期间|的|和|与|跟|比|重点)[\u4e00-\u9fff]){2,10}?(?:规划|纲要)")


def _in_plan_name(period: str, text: str) -> bool:
    """Whether every mention of a period is the start of a plan's name (市“十四五”生态环境保护规划)."""
    return all(_PLAN_NAME.match(text, m.end()) for m in re.finditer(re.escape(period), text))


@lru_cache(maxsize=1)
def _asked_unit() -> re.Pattern[str]:
    """多少辆 / 多少万吨: the question wants a figure in that unit."""
    return re.compile(r"多少(?:万|亿)?(" + "|".join(map(re.escape, vocab.units())) + ")")


@dataclass
class Query:
    """A cleaned question and what was recognised in it."""

    text: str
    expansions: list[str] = field(default_factory=list)
    register: list[str] = field(default_factory=list)  # 批下来 → 核发: the law's wording, not the field's words
    years: list[int] = field(default_factory=list)
    districts: list[str] = field(default_factory=list)
    intents: list[str] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)  # 十三五 / 十四五 named in the question
    plan_periods: list[str] = field(default_factory=list)  # …only in a plan's name, beside a year asked
    units: list[str] = field(default_factory=list)  # 多少辆 → 辆: the answer is a count of these
    legal: "LegalAsk | None" = None  # its legal reading, made once per question (kb.search.legal.reading)

    @property
    def expanded_text(self) -> str:
        return " ".join([self.text, *self.expansions, *self.register])

    @property
    def field_text(self) -> str:
        """The question with the synonyms and legal terms its words stand for, not the register's
        procedure words: 去派出所办证要带什么材料 is not about the environment because 办证 maps to 许可证."""
        return " ".join([self.text, *self.expansions])


@lru_cache(maxsize=1)
def synonym_groups() -> list[list[str]]:
    return vocab.data("synonyms")["groups"]


def clean_query(text: str) -> str:
    """Normalise width and spacing; refuse empty, garbled or oversized questions with a reason."""
    if not isinstance(text, str):
        raise QueryError("问题必须是文字。The question must be a string.")
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch in "\n\t")
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        raise QueryError("问题为空，请输入要查询的内容。The question is empty: type what you want to find.")
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"问题过长（{len(text)}字），请控制在{MAX_QUERY_CHARS}字以内。"
                         f"The question is {len(text)} characters; keep it under {MAX_QUERY_CHARS}.")
    if not _CONTENT.search(text):
        raise QueryError("问题中没有可检索的文字或数字。The question has no words or numbers to search for.")
    return text


def in_law_words(text: str) -> str:
    """The question with its everyday words put in the words laws use for them (kb/data/everyday.json,
    each word's first term when it names a thing; longest words first): 私自摆水马、石墩挡着 →
    私自摆可移动障碍物、障碍物挡着, to compare in meaning with an article's conduct (擅自设置固定或者可移动障碍物)."""
    terms = {w: t[0] for w, t in vocab.data("everyday")["terms"].items() if w in text and len(t[0]) >= MIN_THING_CHARS}
    if not terms:
        return text
    words = sorted(terms, key=len, reverse=True)
    return re.sub("|".join(map(re.escape, words)), lambda m: terms[m.group(0)], text)


def analyse(text: str, use_synonyms: bool = True) -> Query:
    """Clean the question and recognise synonyms, years, districts and intents."""
    text = clean_query(text)
    query = Query(text)
    if use_synonyms:
        for group in synonym_groups():
            if any(term.upper() in text.upper() for term in group):
                query.expansions += [t for t in group if t.upper() not in text.upper()]
        for word, terms in vocab.data("everyday")["terms"].items():
            if word in text:  # everyday words → the terms laws use (keyword path only)
                query.expansions += [t for t in terms if t not in text and t not in query.expansions]
        for word, terms in vocab.data("register")["terms"].items():
            if word in text:  # 没回音 → 未答复: everyday register → the law's (keyword path only)
                query.register += [t for t in terms if t not in text and t not in query.expansions + query.register]
    query.years = sorted({int(y) for y in _YEAR.findall(text) if 2000 <= int(y) <= 2060})
    periods = vocab.periods()
    query.periods = [p for p in periods if p in text]
    # a period means its last year, unless it is part of a plan's name and the question gives a year:
    # 十四五规划给2022年定的目标 asks 2022, not 2025 (2023年和丰台区十四五的用水量 asks both)
    query.plan_periods = [p for p in query.periods if query.years and _in_plan_name(p, text)]
    query.years = sorted(set(query.years) | {periods[p][1] for p in query.periods if p not in query.plan_periods})
    query.districts = [d for d in vocab.districts()
                       if d in text or (d.endswith("区") and d[:-1] in text and _short_name_in(d[:-1], text))]
    query.districts += [full for alias, full in vocab.district_aliases().items()
                        if alias in text and full not in query.districts]
    for number in _ARTICLE_DIGITS.findall(text):  # 第22条 is written 第二十二条 in the law itself
        query.expansions.append(f"第{int_to_cn(int(number))}条")
    query.intents = [name for name, pattern in INTENTS.items() if pattern.search(text)]
    if "place" in query.intents and not _COUNT.search(text):  # 哪几个区…浓度达标 asks for the districts
        query.intents = [i for i in query.intents if i != "quantity"]
    query.units = list(dict.fromkeys(_asked_unit().findall(text)))
    return query


def _short_name_in(name: str, text: str) -> bool:
    """A district's name without 区 (东城) written in the text as itself, not as the tail or head of a
    province's name (广东城市 names 广东, not 东城)."""
    provinces = [m.span() for p in vocab.place_names() for m in re.finditer(re.escape(p), text)]
    return any(not any(a < m.end() and m.start() < b for a, b in provinces)
               for m in re.finditer(re.escape(name), text))
