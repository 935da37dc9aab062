"""The figure a question asks for and whether a sentence states it: 多少 / 几天 / 罚多少钱 ask for a
figure, 多少天 / 多高 / 税率 name its measure, and a sentence answers only with a figure in that
measure — never with a date, a year, or the 2.5 of PM2.5 — for the year asked, and for the period
asked (有效期) when one is named (vocabulary in kb/data/answers.json)."""
from __future__ import annotations

import re
from functools import lru_cache

from kb import vocab
from kb.answer.laws import answer_vocab
from kb.index.keyword import tokenize
from kb.search.query import Query


def asks_amount(question: str) -> bool:
    """多少钱 / 几天 / 税额: the question wants a figure — not where 几 only means "some": 几家企业想凑钱…,
    规划实施几年后…, 几条工作原则中…是哪一条; 是三十天还是六十天 / 是二十六度吗 want one too (`proposed`)."""
    return any(not means_some(m, question) and not story_figure(m, question)
               for m in re.finditer(answer_vocab()["asks_amount"], question)) or bool(proposed(question))


def cleared_same_day(text: str, units: list[str]) -> bool:
    """Whether a text asked for a number of days (`units` of `asked_units`: 日|天) answers it by clearing
    the same day (日产日清, 随产随清): no figure, and the shortest time there is."""
    return any("日" in u.split("|") for u in units) and bool(re.search(answer_vocab()["same_day"], text))


def story_figure(match: re.Match, question: str) -> bool:
    """Whether the figure word names something a yes-or-no question is about, not what it asks: words
    that are no unit follow it in its clause, and either the last clause, after it, asks yes or no and
    names no figure (发改委要在线盯着每天用了多少电和气，我们必须配合吗？; not 每天罚多少，有上限吗？) or a yes-or-no
    word is in the figure's own clause (有没有规定要改成按实际用了多少热来收费, 企业用了多少煤需不需要报告)."""
    stops = "，,；;：:"
    if re.search(answer_vocab()["bound_asked"], question[:match.start()]):
        return False  # 有没有写明至少几年从业经历, 有没有规定至少配多少个: a bound is what is asked, said or not
    cut = max(question.rfind(c) for c in stops)
    counted = _counted().match(question, match.start())
    after = question[(counted or match).end():]
    if re.match(answer_vocab()["limit_asked"], after):
        return False  # 有没有规定物业必须在多少日内答复: a time limit asked, said or not
    rest = re.sub(r"^(?:块钱|钱)", "", re.split(f"[{stops}？?！!。]", after)[0])  # 多少钱 asks the sum
    if len(rest) < 2:
        return False
    yes_no = answer_vocab()["yes_no"]
    if match.start() > cut:  # 有没有规定…用了多少热来收费, 企业用了多少煤需不需要报告
        return bool(re.search(yes_no, question[cut + 1:match.start()])
                    or re.search(yes_no, rest) and not re.match(yes_no, rest))  # 多少钱能不能少交 asks the sum
    last = question[cut + 1:]  # 有这个交易量的数吗 asks for the figure itself
    if re.search(answer_vocab()["rule_asked"], last):
        return False  # 每天几点开门、几点关门，条例有规定吗: whether the act sets that figure, which is what is asked
    return bool(re.search(rf"{yes_no}|[吗嘛么][？?！!。]*$", last)) and not re.search(answer_vocab()["asks_amount"], last) \
        and not re.search(answer_vocab()["figure_named"], last)


def proposed(question: str) -> list[re.Match]:
    """The figures a question puts forward to be confirmed (审查时限是三十天还是六十天, 是三到五棵吗): it asks
    what the figure is, and the act's own figure answers, whether the one put forward or another."""
    return list(re.finditer(answer_vocab()["proposed_figure"], question))


def means_some(match: re.Match, question: str) -> bool:
    """Whether 几 and a classifier say "some", asking no number: opening a clause that goes on (几家企业想凑钱
    设一个基金), a time after which something is done that the question then asks something of (几年后要做的跟踪评价
    评哪些内容; not 几年后要做跟踪评价？), or a count of the things the question then asks
    which one of (几条工作原则中…是哪一条), or some things the question then asks something else of (几个沿海省市
    可以建立什么组织, 画了几个停车位，交警会怎么处理; not 有几个区…是哪些). 几年内 / 几天内 at a clause's start still
    ask how long."""
    counted, before, after = match.group(0), question[:match.start()], question[match.end():]
    if len(counted) != 2 or counted[0] != "几":
        return False
    timed = counted[1] in "年月天日周"
    asking = answer_vocab()["asked_focus"]  # 什么, 哪, 谁…: the question asks something else
    return (not timed and bool(re.search(r"(?:^|[，,。？?、；;：:（(])$", before)) and not re.match(r"[？?]|$", after)) \
        or bool(re.search(f"哪一?{counted[1]}", after)) \
        or (not timed and bool(re.search(asking, re.sub("哪[几些]", "", after)))) \
        or (timed and bool(re.match(r"以?后|之后", after)) and bool(re.search(asking, after)))


_FIGURE = re.compile(r"(?<![A-Za-z\d./-])(?!\d{4}年)\d+(?:\.\d+)?(?![A-Za-z\d/-])")  # not PM2.5, DB11/…, 2025年
_MONEY = re.compile(r"[0-9零〇一二两三四五六七八九十百千万亿.]+(?:多)?元")
_SHARE = re.compile(r"[0-9零〇一二两三四五六七八九十百.]+(?:\s*[%％‰]|个百分点)|百分之[零〇一二两三四五六七八九十百.]+")
_MULTIPLE = re.compile(r"[0-9一二两三四五六七八九十百.]+倍")  # a sum set as a multiple of another
_FINE = re.compile(r"[^，。；]*(?:罚款|罚金)[^，。；]*")  # the part of a sentence imposing a fine


def asked_units(question: str, time: bool = False) -> list[str]:
    """The units of the measure a question names (多少天 → 日|天, 多高 → 米); with `time`, also
    those that may answer 多久 / 什么时候."""
    data = answer_vocab()
    table = {**data["asked_units"], **(data["asked_time_units"] if time else {})}
    named = [units for asked, units in table.items() if re.search(asked, question)]
    put = [data["proposed_units"].get(m["unit"], m["unit"]) for m in proposed(question)]  # 三十天还是六十天 → 日|天
    return list(dict.fromkeys(named + put))


@lru_cache(maxsize=1)
def _counted() -> re.Pattern[str]:
    """多少 / 几 and the unit after it (多少家, 几处), or a classifier and 数 before 多少 (处数是多少); 个 only
    where no other measure follows (几个月, 多少个百分点 ask months and points, not a count), 几 read as
    `asked_units` reads it (前几年 asks none)."""
    whole = vocab.units()  # and the measure before a rate's slash: 多少微克 counts in 微克/立方米
    counters = answer_vocab()["classifiers"]  # and what counts things but is no unit of a target (多少起案件)
    units = sorted({*whole, *(u.split("/")[0] for u in whole if "/" in u), *counters}, key=len, reverse=True)
    alternatives = "|".join("个(?![月百工小人名])" if u == "个" else re.escape(u) for u in units)
    # 台数是多少, 处数是多少: a count asked by its classifier and 数 as much as by 多少台
    return re.compile(rf"(?:(?:多少|(?<![十好那这哪])(?<![^提]前)(?<!^前)几)(?:万|亿)?"
                      rf"|(?={_by_number().pattern}))({alternatives})")


@lru_cache(maxsize=1)
def _by_number() -> re.Pattern[str]:
    """A count asked by a classifier and 数 (台数是多少, 家数有多少)."""
    counters = "|".join(map(re.escape, answer_vocab()["classifiers"]))
    return re.compile(rf"(?:{counters})数(?:指标|目标|任务)?[是为有要达到共]{{0,2}}多少")


def last_count(question: str) -> re.Match | None:
    """The count a question asks last (几个城区…得改掉多少台 → 多少台), as `_counted` reads 多少 / 几 and its unit."""
    return next(reversed(list(_counted().finditer(question))), None)


def accepted_units(counted: list[str]) -> list[str]:
    """The units a figure may carry for a count asked in these: a measure and the units ending in it
    (多少吨 ← 360蒸吨), and for a classifier also 个 (几处口袋公园 ← 新建口袋公园20个)."""
    classifiers = set(answer_vocab()["classifiers"])
    out = [u for c in counted for u in (c, *(v for v in vocab.units() if v.endswith(c) and v != c))]
    return list(dict.fromkeys(out + (["个"] if classifiers & set(counted) else [])))


def figure_units(question: str) -> list[str]:
    """The units the figure asked for may carry: those of the measure named (比例 → %, 多少天 → 日|天)
    and a unit right after 多少 / 几 (多少家, 几处)."""
    units = [u for alternatives in asked_units(question) for u in alternatives.split("|")]
    counted = _counted().findall(question)
    units = list(dict.fromkeys(units + counted))
    return units + ["％"] if "%" in units else units


_YEAR = r"(?:19|20)\d{2}年"
_DATE = re.compile(rf"(?:{_YEAR})?\d{{1,2}}月\d{{1,2}}日|{_YEAR}")


@lru_cache(maxsize=64)
def _in_units(units: tuple[str, ...]) -> re.Pattern[str]:
    """A figure in one of the units; 万 alone is none (推广万平方米 of a garbled sentence), 百分之三十 is one."""
    after = answer_vocab()["unit_not_before"]  # 千瓦 but not 千瓦时
    alternatives = "|".join(f"(?:{u})(?!{after[u]})" if u in after else f"(?:{u})" for u in units)
    return re.compile(f"(?<![月\\d.第])[0-9一二两三四五六七八九十百千零〇][0-9一二两三四五六七八九十百千万零〇]*(?:\\.[0-9]+)?[余多]?(?:万|亿)?[余多]?(?:个)?(?:{alternatives})(?!性)")


def in_units(text: str, units: list[str], besides: frozenset[str] = frozenset()) -> bool:
    """A figure in one of the units: 三十日, 5年, 2.5米 — not a date or a year (自2014年10月1日起施行
    gives no number of days), not 一次性, and none of the figures `besides` (the question's own: 二次供水…清洗几次
    is not answered by the 二次 of 二次供水, while 停气8小时…提前多少小时 is by 48小时)."""
    return any(f not in besides for f in _in_units(tuple(units)).findall(_DATE.sub(" ", text)))


def figures_in(text: str, units: list[str]) -> frozenset[str]:
    """The figures a text states in these units (二个小时, 十五日); a question's are not what it asks."""
    return frozenset(_in_units(tuple(units)).findall(text)) if units else frozenset()


_NOUN = ("n", "vn", "nz", "l")
_PAYING = ("收费", "缴费", "交费", "付费", "免费", "经费", "花费", "消费", "浪费")  # paying, not a fee's name


@lru_cache(maxsize=4096)
def _fees(text: str) -> tuple[tuple[str, str | None], ...]:
    """The fees a text names, each as its last word with 费 (使用费, 资源费 of 砂石资源费 — jieba cuts 费 off) and
    the noun before that (探矿权, 砂石), if any."""
    import jieba.posseg

    words = [w for w in jieba.posseg.cut(text) if w.word.strip()]
    found = []
    for i, word in enumerate(words):
        if word.word == "费" and i and words[i - 1].flag in _NOUN:
            name, before = words[i - 1].word + "费", words[i - 2] if i > 1 else None
        elif word.word.endswith("费") and len(word.word) >= 2 and word.flag in _NOUN and word.word not in _PAYING:
            name, before = word.word, words[i - 1] if i else None
        else:
            continue
        found.append((name, before.word if before is not None and before.flag in _NOUN and len(before.word) >= 2
                      and re.fullmatch(r"[\u4e00-\u9fff]+", before.word) else None))
    return tuple(found)


def another_fee(question: str, text: str) -> bool:
    """Whether a sentence states another fee than the one the question asks the amount of: 砂石资源费 is not
    stated by 采矿权使用费，…每平方公里每年1000元, nor 探矿权使用费 (the noun before 使用费 differs)."""
    own = _fees(text)
    for name, before in _fees(question):
        if name not in text:
            return bool(own)
        if before is not None and before not in text:
            return True
    return False


def states_money(text: str) -> bool:
    """Whether a part states a sum of money (五百元以上一千元以下, 每个泊位一万元)."""
    return bool(_MONEY.search(text))


_HOW_OFTEN_WORDS = re.compile(r"[一二两三四五六七八九十几多半每]+个?[年月日天周季]度?|多久|多长|时间|还是|一次")


def _words_of_act(text: str) -> list[str]:
    """The words of a question's part that may name what is done (报告, 生态环保工作): not its times
    and counts (一年, 几年, 多长时间) nor 还是 of 一年一次还是几年一次."""
    return [w for w in tokenize(text) if len(w) > 1 and not _HOW_OFTEN_WORDS.fullmatch(w)]


def _how_often(text: str, question: str) -> bool:
    """每年 / 按季度 right before the act the question asks about: 多长时间报告一次生态环保工作 is
    answered by 每年向市委、市政府报告生态环境保护工作, not by 每年3月底前报送 (another act) nor by
    每年向生态环境部门报送 (the body the act goes to is not the act)."""
    before, once, after = question.partition("一次")
    verbs = [w for w in _words_of_act(before)][-1:] if once else []  # 报告一次 → 报告; 报告是一年一次 → 报告
    asked = re.split(r"[，。？?,]", after)[0] if once else question  # 一次生态环保工作; 检查频次: the whole question
    objects = _words_of_act(asked)  # 还是几年一次 names no object
    for m in re.finditer(answer_vocab()["frequency"], text):
        window = text[m.end():m.end() + 20]
        if all(v in window for v in verbs) and (not objects or any(o in window for o in objects)):
            return True
    return False


def states_amount(text: str, question: str = "") -> bool:
    """Whether a sentence gives the figure asked: a number (not the 2.5 of PM2.5, a standard's
    number or a year), a sum in 元 when the question asks how much money or names a fee and no other measure
    (使用费…交多少, not 停车费…多少日内缴纳), a figure in the measure it names (多少天: a number of 日 or 天), a
    share of a body's members for a count of people."""
    data = answer_vocab()
    if "第几" in question and not re.search(data["asks_class"], question):  # 第几次全国土壤普查: an ordinal asked
        return bool(_ORDINAL.search(text))
    if re.search(data["asks_month"], question):  # 每年几月到几月 → 3月15日至6月15日: a month, dates too
        return bool(re.search(r"[0-9一二三四五六七八九十]+月", text))
    units = asked_units(question)
    if re.search(data["asks_money"], question) or any("元" in u.split("|") for u in units) or (_fees(question) and not units):
        stated = text if "罚" in question else _FINE.sub("", text)  # a fee or payment is no fine
        return states_money(stated) or bool(_MULTIPLE.search(stated))  # 加价水费收费标准 → 水价的两倍
    if re.search(data["asks_frequency"], question) and _how_often(text, question):
        return True  # 多长时间报告一次 → 每年向市委、市政府报告
    if re.search(data["asks_duration"], question) and re.search(data["lasting"], text):
        return True  # 档案要保存多久 → 永久保存: a period with no number
    if cleared_same_day(text, asked_units(question, time=True)):
        return True  # 能在现场堆几天, 多长时间就得清运 → 日产日清: not a day
    if re.search(data["asks_class"], question):
        return bool(re.search(data["class_text"], text))  # 水质要保持在几类 → Ⅱ类
    counted = _counted().findall(question)
    # 台数是多少 asks a count, in whatever classifier the text counts it (叉车…60辆), never a share
    counting = accepted_units(counted) + (answer_vocab()["classifiers"] if _by_number().search(question) else [])
    # 是三十日吗 / 三年还是五年一次 is answered by the figure put forward: no figure of the question is its own
    own = frozenset() if proposed(question) else figures_in(question, [*units, *accepted_units(counted)])
    share = data["member_share"]
    people = {u for asked in [*units, *counted] for u in asked.split("|")}
    counts_people = people and people <= set(share["counts"]) and re.search(share["asked"], question)
    if (counts_people or re.search(rf"多少[\u4e00-\u9fff]{{0,4}}?(?:{share['asked']})", question)) \
            and re.search(share["share"], text):
        return True  # 要多少人同意才行 → 三分之二以上成员同意; 需要多少业主同意 → 过半数的业主同意
    if units:  # 多大比例 → 80%, or a table row giving its unit once: 生活垃圾回收利用率（%）：…2020年现状值：35
        return in_units(text, units, own) or (headed(text, [u for a in units for u in a.split("|")]) and _number(text))
    if counted and (in_units(text, counting, own) or headed(text, counted)):
        return True
    if counted and (re.search("[%％‰]", text) or set(counted) - {"个"}):
        return False  # 几个断面 is not answered by 达标率(%)：100, 多少分贝 not by 提前三日 (几个 by 一至两名)
    if not counted and _SHARE.search(text) and not _number(_SHARE.sub(" ", text)) \
            and re.search(data["named_quantity"], question) and not re.search(data["share_asked"], question):
        return False  # 一次能攒多少积分 is not answered by 绿色出行比例…76.5%: a share is no quantity of a thing named
    if counted:  # 建几个口袋公园 is not answered by 公园绿地500米服务半径: a measure counts no things
        text = _in_units(tuple(_measures())).sub(" ", text)
    if "罚" not in question:  # 一年最多受多少毫希沃特 is not answered by 违法所得不足十万元的，…罚款
        text = _MONEY.sub(" ", _FINE.sub("", text))
    return _number(text)


@lru_cache(maxsize=1)
def _measures() -> list[str]:
    """The units that measure rather than count (米, 吨, 平方米; not 个, 处, 家)."""
    counters = set(answer_vocab()["classifiers"]) | {"个", "人次", "辆次"}
    return sorted((u for u in vocab.units() if u not in counters and u not in "%％‰"), key=len, reverse=True)


def headed(text: str, units: list[str]) -> bool:
    """Whether the text gives one of the units once, in parentheses, as a table's header does: （%）,
    or a rate's header whose measure it is ((微克/立方米) for 多少微克), in 万 or 亿 of it or not ((万辆次))."""
    return any(re.search(rf"[(（](?:万|亿)?{re.escape(u)}[)）/]", text) for u in units)


def _number(text: str) -> bool:
    """A number that is no year (a date may be: 几月 is answered by 11月1日), nor the 2.5 of PM2.5, nor an
    ordinal (第三次全国土壤普查 counts nothing)."""
    text = _ORDINAL.sub("", re.sub(_YEAR, "", text))
    return bool(re.search(answer_vocab()["number"], text) or _FIGURE.search(text))


_ORDINAL = re.compile(r"第[0-9一二两三四五六七八九十百千零〇]+")
_YEAR_SPAN = re.compile(r"((?:19|20)\d{2})年?\s*[—–~至到-]\s*((?:19|20)\d{2})年")  # 2023—2025年
_STATED_YEAR = re.compile(r"(?<![较比与于以在自从由])((?:19|20)\d{2})年(?!以来|起|基础|为基)")


def states_period(stated: list[str], question: str) -> bool:
    """Whether the quoted sentences state the period the question names, if it names one (有效期 is
    stated by a sentence holding 有效期; kb/data/answers.json asked_periods)."""
    periods = [word for asked, word in answer_vocab()["asked_periods"].items() if re.search(asked, question)]
    return not periods or any(w in s and _same_holder(question, s, w) for w in periods for s in stated)


def _same_holder(question: str, sentence: str, period: str) -> bool:
    """Whether the period the sentence states is of the thing the question asks about, when both
    name it right before a period that belongs to a thing (有效期, 保护期; not 公告, what is done):
    设计批准书有效期 is not answered by 制造许可证有效期为5年."""
    if not period.endswith("期"):
        return True

    def holder(text: str) -> str:
        m = re.search(rf"([\u4e00-\u9fff]{{1,6}}){period}", text)
        return m.group(1).split("的")[-1] if m else ""
    asked, stated = holder(question), holder(sentence)
    pairs = lambda t: {t[i:i + 2] for i in range(len(t) - 1)}  # noqa: E731
    return len(asked) < 2 or len(stated) < 2 or bool(pairs(asked) & pairs(stated))


def asked_years(query: Query) -> set[int]:
    """The years a question asks about: those it names and every year of a period it names (十三五
    is met by a clause naming 2018年, not only 2020年), but not a year it compares with (跟2015年比
    少了多少 asks the change since 2015, stated for 2020), nor a period that only opens the name of a plan
    beside a year given (“十四五”生态环境保护规划给2022年定的目标 asks 2022). A period's end (“十四五”末)
    is its last year alone: 顺义区到“十四五”末 is not answered by the 2023 action plan's row for 顺义区."""
    spans = vocab.periods()
    timed = [p for p in query.periods if p not in query.plan_periods]  # not 十四五 of 十四五规划给2022年…
    end = answer_vocab()["period_end"]
    return (set(query.years) - base_years(query)) | {
        y for p in timed for y in ((spans[p][1],) if re.search(re.escape(p) + end, query.text)
                                   else range(spans[p][0], spans[p][1] + 1))}


def base_years(query: Query) -> set[int]:
    """The years a question compares with (比2015年, 与2015年相比, 在2020年基础上)."""
    return {int(y) for m in re.finditer(answer_vocab()["base_year"], query.text) for y in m.groups() if y}


def other_year(sentence: str, query: Query, section: str = "") -> bool:
    """Whether the sentence states its figure for a year other than the ones asked: 2020年，全区PM10…36微克
    does not answer 到2025年要降到多少, though the plan's target year is 2025. A span (2023—2025年) holds
    every year in it; a base year (较2015年, 在2020年基础上, 以2020年为基准) or a start (2021年以来, 由2015年的
    44.5%下降到2.4%) is not the year of the figure. A sentence naming no year states it for the period
    its section names (“十三五”时期生态环境保护成效卓著 › …累计成交额达17.5亿元 is no 2025 target)."""
    years = years_in(sentence)
    if section and not re.search(_YEAR, sentence):  # (由2015年的44.5%下降到2.4% names a year: not its section's)
        spans = vocab.periods()
        years = years_in(section) | {y for p, (a, b) in spans.items() if p in section for y in range(a, b + 1)}
    asked = asked_years(query)
    return bool(years) and bool(asked) and not years & asked


def years_in(text: str) -> set[int]:
    """The years a text states as its own (到2025年, 2023—2025年), not the base it compares with (比2015年)."""
    years: set[int] = set()
    for m in _YEAR_SPAN.finditer(text):
        years |= set(range(int(m.group(1)), int(m.group(2)) + 1))
    return years | {int(y) for y in _STATED_YEAR.findall(_YEAR_SPAN.sub(" ", text))}
