"""Read a Chinese official document's metadata from its own text.

Evidence comes from the places GB/T 9704 (公文) and the 立法法 put it: the title,
the 题注 / header lines under a statute's title (date + enacting body + 通过/修正/施行),
the 发文机关标志 and 文号 lines, the signature block (发文机关 + 成文日期), web-site
metadata headers ("[发文机构] …", "发布日期：…") and the 施行 article.  The file name
is only a fallback, and every fallback or guess is recorded in ``warnings``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path


HEAD_LINES, TAIL_LINES = 60, 30
_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}
_Y, _MD = r"(\d{4}|[〇零一二三四五六七八九]{4})", r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
DATE = re.compile(rf"{_Y}\s*年\s*{_MD}\s*月\s*{_MD}\s*日|(?<!\d)(\d{{4}})[-./](\d{{1,2}})[-./](\d{{1,2}})(?!\d)")
NUMBER = re.compile(r"([\u4e00-\u9fff]{1,10}?)\s*[〔\[［(（【]\s*(\d{4})\s*[〕\]］)）】]\s*(\d+)\s*号")
DECREE = re.compile(r"(?:中华人民共和国)?([\u4e00-\u9fff]{1,15}?令)\s*第\s*([\d〇零一二三四五六七八九十百]+)\s*号")
# Web-site metadata headers: ". [发文机构] 北京市人民政府" or "发布日期：2021-12-10".
KEY_VALUE = re.compile(r"\[\s*([\u4e00-\u9fff]{2,6})\s*\]\s*([^\[\n]*)|"
                       r"(发文机[关构]|发布机关|成文日期|发布日期|印发日期|公布日期|实施日期|施行日期|"
                       r"发文字号|文号|有效性|时效性|效力状态)\s*[:：]\s*([^\s，。]*)")
KEY_FIELDS = {"发文机构": "issuer", "发文机关": "issuer", "发布机关": "issuer", "联合发文单位": "issuer",
              "成文日期": "date_written", "发布日期": "date_published", "印发日期": "date_published",
              "公布日期": "date_published", "实施日期": "date_effective", "施行日期": "date_effective",
              "发文字号": "number", "文号": "number", "有效性": "validity", "时效性": "validity",
              "效力状态": "validity", "废止日期": "repealed"}
BODY_START = re.compile(r"^\s*(第[一二三四五六七八九十百零〇\d]+[章节条]|#{2,}\s|<!--|[一二三四五六七八九十]+、"
                        r"|（[一二三四五六七八九十]+）|目\s*录$)")
SENTENCE = re.compile(r"[。；！？]")
EDITION = re.compile(r"[（(](\d{4}\s*年?[^）)]{0,12}?(?:修正|修订|版|文本))[）)]$")
NOTICE = re.compile(r"^(.*?)关于(?:印发|转发|发布)《(.+)》的通知$")
TITLE_PREFIX = re.compile(r"^(.{2,80}?关于.{2,80}?的(?:通知|意见|决定|通告|公告|报告|批复|函))(?=发布|成文|印发|\d|[\u4e00-\u9fff]{1,8}[〔\[(（]\d{4}|$)")
EFFECT = re.compile(r"本(?:法|条例|办法|规定|细则|解释|决定|意见|规划|方案|通知|文|计划|规则)(?:自|从)"
                    r"(.{0,16}?)起(?:施行|实施|生效)")
INVALID = ("已废止", "失效", "已失效")
FILE_DATE = re.compile(r"[(（](\d{4}-\d{2}-\d{2})[)）]")

# --- organs, places and document types (vocabulary, not rules for one document) ---
ORGAN_TAIL = r"(?:人民政府|办公厅|办公室|委员会|人民代表大会|[省市区县]委|党委|人民法院|人民检察院|总局|局|部|院|厅|署)"
# Bodies that meet inside an organ: the document is the organ's own (立法法 / 组织法).
_INNER_BODY = re.compile(r"(审判委员会|检察委员会|常务会议|全体会议)$")
_SESSION = re.compile(r"第[\d〇零一二三四五六七八九十百]+届")
_MEETING = re.compile(r"^(.+?)第[\d〇零一二三四五六七八九十百]+次(?:常务|全体)?会议")
_NATIONAL = re.compile(r"^(全国|国务院|最高人民|中共中央|中国共产党中央|中华人民共和国|国家)")
NATIONAL_TYPES = {"法律", "行政法规", "司法解释", "部门规章"}
# A place name is 2–3 characters and a suffix; names ending in these are common nouns.
_SUB_PLACE = re.compile(r"^([\u4e00-\u9fff]{2,8}?(?:自治州|自治县)|[\u4e00-\u9fff]{2,3}?(?:市|区|县))")
_GENERIC_AREAS = ("地区", "城区", "郊区", "市区", "社区", "园区", "山区", "景区", "辖区", "片区", "开发区")
# Title endings → document type, longest first (办法 before 法).
TITLE_TYPES = [("行动计划", "行动计划"), ("实施意见", "实施意见"), ("意见", "实施意见"), ("规划", "规划"),
               ("纲要", "规划"), ("方案", "方案"), ("通知", "通知"), ("办法", "办法"), ("细则", "办法"),
               ("规定", "规定"), ("决定", "决定"), ("条例", "条例"), ("公告", "公告"), ("通告", "通告"),
               ("计划", "计划"), ("法", "法律")]
# Scraped text runs the signature into the text: '…执行。北京市人民政府2021年11月28日…'.
INLINE_SIGNATURE = re.compile(rf"(?:^|[。！])\s*([\u4e00-\u9fff ]{{2,30}}{ORGAN_TAIL})\s*({DATE.pattern})")
PROVINCES: list[str] = json.loads(
    (Path(__file__).resolve().parent.parent / "data" / "places.json").read_text("utf-8"))["provinces"]


def split_organs(text: str) -> list[str]:
    """Organ names in a joint-issuer string ('中共北京市委 北京市人民政府')."""
    parts = re.split(r"[\s、，,]+", re.sub(r"^中华人民共和国(?=国务院)", "", text.strip()))
    return [p for p in parts if re.search(ORGAN_TAIL + "$", p)]


def organ_from_entry(seg: str) -> str | None:
    """The enacting organ in a 题注 entry: '北京市第十五届人民代表大会常务委员会第三次会议通过' → 北京市人民代表大会常务委员会."""
    seg = _SESSION.sub("", seg.strip(" （(）)根据"))
    if m := _MEETING.match(seg):
        organ = _INNER_BODY.sub("", m.group(1))
    elif (m := DECREE.search(seg)) and re.search(ORGAN_TAIL + "令$", m.group(1)):
        organ = m.group(1)[:-1]  # '国务院令第559号公布' → 国务院 (主席令 names no organ)
    elif m := re.match(rf"^([\u4e00-\u9fff]{{2,30}}?{ORGAN_TAIL})(?:发布|公布|印发)", seg):
        organ = m.group(1)  # '国务院发布'
    else:
        return None
    return re.sub(r"^中华人民共和国", "", organ) or None


def place_of(text: str) -> str | None:
    """The most specific place a title or organ name starts with (province, then city/district)."""
    text = re.sub(r"^(中共|中国共产党)", "", text or "")
    province = next((p for p in PROVINCES if text.startswith(p)), None)
    rest = text[len(province):] if province else text
    m = _SUB_PLACE.match(rest)
    if m and not m.group(1).endswith(_GENERIC_AREAS):
        return m.group(1)
    return province


def scope_of(title: str, issuers: list[str], doc_type: str | None) -> str | None:
    """全国 for national instruments; else the most specific place named by issuer or title."""
    if doc_type in NATIONAL_TYPES or any(_NATIONAL.match(o) for o in issuers) or title.startswith("中华人民共和国"):
        return "全国"
    places = [p for p in [place_of(o) for o in issuers] + [place_of(title)] if p]
    return next((p for p in places if p not in PROVINCES), places[0] if places else None)


def classify(title: str, issuers: list[str], number: str | None = None) -> tuple[str | None, str | None]:
    """Document type per 立法法 / GB/T 9704 from title form and issuer; also an issuer the form implies."""
    joined, title = " ".join(issuers), re.sub(r"[（(][一二三四五六七八九十]+[）)]$", "", title)  # serial parts
    if re.search(r"最高人民(法院|检察院)", joined) and re.search(r"(解释|规定|批复|决定)$", title):
        return "司法解释", None
    if "全国人民代表大会" in joined or (title.startswith("中华人民共和国") and title.endswith("法")):
        return "法律", None
    decree = bool(number and "令" in number)
    # 行政法规 are promulgated by 国务院令; a 国务院 notice that issues a 办法 is not one.
    if "国务院" in issuers and (title.endswith("条例") or decree and re.search(r"(规定|办法|细则)$", title)):
        return "行政法规", None
    if "人民代表大会" in joined:
        return "地方性法规", None
    if decree and re.search(r"(规定|办法|细则)$", title):
        local = any(place_of(o) and o.endswith("人民政府") for o in issuers)
        return ("地方政府规章" if local else "部门规章"), None
    # 规章 may not be called 条例 (规章制定程序条例 第七条) and local regulations carry
    # their place name, so a '…条例' with no issuer in the text is a local regulation if it
    # names a place and a State Council one if it does not.
    if title.endswith("条例") and not issuers:
        return ("地方性法规", None) if place_of(title) else ("行政法规", "国务院")
    return next((t for end, t in TITLE_TYPES if title.endswith(end)), None), None


@dataclass
class DocMeta:
    """What a document says about itself; dates are ISO YYYY-MM-DD strings."""

    title: str | None = None
    issuer: list[str] = field(default_factory=list)
    number: str | None = None
    date_written: str | None = None
    date_published: str | None = None
    date_adopted: str | None = None
    date_amended: str | None = None
    date_effective: str | None = None
    type: str | None = None
    scope: str | None = None
    validity: str = "现行有效"
    version_date: str | None = None
    version_note: str | None = None
    notice_title: str | None = None  # the 印发通知 wrapping the document, if any
    doc_id: str | None = None
    superseded_by: str | None = None
    warnings: list[str] = field(default_factory=list)


def _cn_int(text: str) -> int:
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return int("".join(str(_CN_DIGIT[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)


def iso_date(match: re.Match) -> str | None:
    """A DATE match as YYYY-MM-DD, or None when it is no calendar date."""
    parts = [g for g in match.groups() if g]
    year, month, day = (_cn_int(p) for p in parts[:3])
    if not (1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def first_date(text: str) -> str | None:
    """The first calendar date in text, as ISO."""
    for m in DATE.finditer(text or ""):
        if found := iso_date(m):
            return found
    return None


def normalize_number(text: str) -> str | None:
    """文号 in canonical form: brackets around the year become 〔〕; 令 numbers lose the state name."""
    if m := NUMBER.search(text):
        return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号"
    if m := DECREE.search(text):
        return f"{m.group(1)}第{m.group(2)}号"
    return None


def _squash(text: str) -> str:
    """Drop Markdown emphasis and the spaces PDF/web copies add, keeping one space between words."""
    text = re.sub(r"[*_]{2,}|^#+\s*", "", text.strip())
    text = re.sub(r"[\s\u3000\xa0]+", " ", text)
    return re.sub(r"(?<![\u4e00-\u9fffA-Za-z]) | (?![\u4e00-\u9fffA-Za-z])|(?<=[A-Za-z]) (?=[\u4e00-\u9fff])"
                  r"|(?<=[\u4e00-\u9fff]) (?=[A-Za-z])", "", text).strip()


def _is_title_like(line: str) -> bool:
    return (0 < len(line) <= 60 and not SENTENCE.search(line) and ":" not in line and "：" not in line
            and not DATE.search(line) and not normalize_number(line) and not BODY_START.match(line))


def _title_block(head: list[str]) -> tuple[str | None, int, str]:
    """The title, the index after it, and any text run on after it on the same line.

    A Markdown '# ' heading wins; else the first run of short title-like lines after
    the 版头 (发文机关标志 '…文件', 文号, dates); else a 公文 title run together with text.
    """
    for i, raw in enumerate(head):
        if re.match(r"^#\s", raw):
            return _squash(raw), i + 1, ""
    block: list[str] = []
    for i, raw in enumerate(head):
        line = _squash(raw)
        if block and (not line or not _is_title_like(line) or len(block) == 4):
            return "".join(block), i, ""
        if not line or line.endswith("文件") or normalize_number(line) == line or DATE.fullmatch(line):
            continue
        if not _is_title_like(line):
            m = TITLE_PREFIX.match(line)  # a scraped page may run title and text together
            return (m.group(1), i + 1, line[m.end():]) if m else (None, i, "")
        sep = " " if block and re.search(ORGAN_TAIL + "$", block[-1]) and not line.startswith("关于") else ""
        block.append(sep + line)
    return ("".join(block) or None), len(head), ""


def _set_title(meta: DocMeta, title: str) -> None:
    """Unwrap 印发通知 and edition notes; the prefix before 关于 names the issuers."""
    title = title.strip("《》 ")
    if m := EDITION.search(title):
        meta.version_note, title = m.group(1), title[: m.start()].strip()
    if m := NOTICE.match(title):
        meta.notice_title, title = title, m.group(2)
        meta.issuer += split_organs(m.group(1))
    elif "关于" in title:
        meta.issuer += split_organs(title.split("关于", 1)[0])
    meta.title = title.strip("《》 ")


def _validity(value: str) -> str:
    """A site's 有效性 wording mapped onto 现行有效 / 已修订 / 已废止."""
    if re.search(r"废止|失效|撤销", value):
        return "已废止"
    return "已修订" if re.search(r"修订|修正|修改", value) else "现行有效"


def _read_key_values(lines: list[str], meta: DocMeta) -> set[int]:
    """Fill fields from web metadata headers; returns the indices of the lines used."""
    used = set()
    for i, line in enumerate(lines):
        for m in KEY_VALUE.finditer(line):
            if m.start() <= len(line) - len(line.lstrip(" .·\u3000")) + 1:
                used.add(i)  # the line is a metadata header, not text
            key, value = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
            name, value = KEY_FIELDS.get(key), value.strip()
            if not name or not value or set(value) <= set("-—/ 无"):
                continue
            if name == "issuer":
                meta.issuer += split_organs(value)
            elif name == "number":
                meta.number = normalize_number(value) or value
            elif name == "validity":
                meta.validity = _validity(value)
            elif name == "repealed":
                meta.validity = "已废止" if first_date(value) else meta.validity
            elif getattr(meta, name) is None:
                setattr(meta, name, first_date(value))
    return used


def _read_entries(text: str, meta: DocMeta) -> None:
    """Header entries: '<date> <organ>…通过/修正/修订/公布/施行', as 题注 or one per line."""
    starts = [m for m in DATE.finditer(text) if iso_date(m)]
    adopted, amended = [], []
    for m, nxt in zip(starts, starts[1:] + [None]):
        date, seg = iso_date(m), text[m.end(): nxt.start() if nxt else len(text)]
        acts = re.findall(r"通过|修正|修订|公布|发布|印发|施行", seg)
        act = acts[-1] if acts else None
        if organ := organ_from_entry(seg):
            meta.issuer.append(organ)
        if act in ("修正", "修订") or (act == "通过" and adopted):
            amended.append(date)  # a law is adopted once; a later 通过 adopts an amendment
        elif act == "通过":
            adopted.append(date)
        elif act in ("公布", "发布", "印发"):
            meta.date_published = meta.date_published or date
        elif act == "施行":
            meta.date_effective = meta.date_effective or date
        elif act is None and not meta.date_written:
            meta.date_written = date  # a bare date under a 公文 title is its 成文日期
        if number := normalize_number(seg):
            meta.number = meta.number or number
    meta.date_adopted = meta.date_adopted or (adopted[0] if adopted else None)
    meta.date_amended = max(amended) if amended else meta.date_amended


def _read_signature(lines: list[str], meta: DocMeta) -> None:
    """发文机关署名 followed by 成文日期, on two lines or run together in scraped text."""
    clean = [_squash(x) for x in lines]
    rows = [x for x in clean if x]
    for organ, date in zip(rows, rows[1:]):
        only_date = DATE.fullmatch(date)
        if only_date and len(organ) <= 40 and re.search(ORGAN_TAIL + "$", organ):
            meta.issuer += split_organs(organ)
            meta.date_written = meta.date_written or iso_date(only_date)
            return
    for line in clean:
        if m := INLINE_SIGNATURE.search(line):
            meta.issuer += split_organs(m.group(1))
            meta.date_written = meta.date_written or first_date(m.group(2))
            return


def _read_effective(text: str, meta: DocMeta) -> None:
    """'本条例自2024年6月1日起施行' / '自公布之日起施行' in the 附则 or the notice."""
    if meta.date_effective:
        return  # a metadata header or a '…施行' header entry says it already
    for m in EFFECT.finditer(text):  # the last clause wins: the 附则 closes the text
        if date := first_date(m.group(1)):
            meta.date_effective = date
        elif re.search(r"公布|发布|印发", m.group(1)):
            meta.date_effective = meta.date_published


def _find_number(lines: list[str], run_on: str) -> str | None:
    """文号 from the 版头 / header lines, or from text run on after the title."""
    for line in lines:
        if number := normalize_number(_squash(line)):
            return number
    return normalize_number(re.split(r"[，。,]", run_on)[0]) if run_on else None


def infer_metadata(lines: list[str], filename: str) -> DocMeta:
    """Metadata of one document read from its lines (head and tail mostly); file name as fallback."""
    meta = DocMeta()
    head, tail = lines[:HEAD_LINES], lines[-TAIL_LINES:] if len(lines) > HEAD_LINES else []
    used = _read_key_values(head, meta)
    title, end, run_on = _title_block([x if i not in used else "" for i, x in enumerate(head)])
    if title:
        _set_title(meta, title)
    body = next((i for i in range(end, len(head)) if BODY_START.match(head[i]) or
                 (SENTENCE.search(head[i]) and not DATE.search(head[i][:20]))), len(head))
    header = [x for i, x in enumerate(head[end:body], end) if i not in used]
    _read_entries("".join(_squash(x) for x in header), meta)
    before = [x for i, x in enumerate(head[:end]) if i not in used and len(_squash(x)) <= 40]
    meta.number = meta.number or _find_number(before + header, run_on)
    _read_signature(head + tail, meta)
    _read_effective("".join(_squash(x) for x in head + tail), meta)
    notes = [_squash(x).strip("（）()【】[]") for x in header] + re.findall(r"（(.{2,3})）$", title or "")
    if any(n in INVALID for n in notes):
        meta.validity = "已废止"
    _finish(meta, filename)
    return meta


def _finish(meta: DocMeta, filename: str) -> None:
    """Dedupe issuers, classify, and fall back to the file name where the text is silent."""
    meta.issuer = list(dict.fromkeys(o for o in meta.issuer if o))
    stem = Path(filename).stem
    file_date = FILE_DATE.search(stem)
    if not meta.title:
        meta.title = FILE_DATE.sub("", stem).strip()
        meta.warnings.append(f"title taken from the file name: {meta.title}")
    meta.type, inferred = classify(meta.title, meta.issuer, meta.number)
    if inferred:
        meta.issuer.append(inferred)
        meta.warnings.append(f"issuer {inferred} inferred from the title's form ({meta.type})")
    if not meta.issuer:
        meta.warnings.append("no issuing organ found in the text")
    meta.scope = scope_of(meta.title, meta.issuer, meta.type)
    if meta.scope is None:
        meta.warnings.append("scope not found in the title or issuer")
    dates = [d for d in (meta.date_adopted, meta.date_amended) if d]
    meta.version_date = max(dates) if dates else meta.date_published or meta.date_written
    if file_date and meta.version_date is None:
        meta.version_date = file_date.group(1)
        meta.warnings.append(f"version date taken from the file name: {meta.version_date}")
    elif file_date and file_date.group(1) != meta.version_date:
        meta.warnings.append(f"file name says {file_date.group(1)}, the text's latest date is {meta.version_date}")


# --- identity and versions ---
ID_MAX = 24
_ID_DROP = re.compile(r"[^\u4e00-\u9fffA-Za-z0-9-]")


def title_key(title: str) -> str:
    """A title normalised for matching versions of one document."""
    title = EDITION.sub("", _squash(title or "").strip("《》"))
    return _ID_DROP.sub("", re.sub(r"^中华人民共和国", "", title))


def document_id(title: str, version_date: str | None, taken: set[str]) -> str:
    """Short readable unique id: the title without 中华人民共和国, ≤24 characters, -YYYY, then -2, -3 …"""
    base = title_key(title) or "doc"
    if len(base) > ID_MAX and "关于" in base[:30]:
        base = base.split("关于", 1)[1]  # the subject says more than the issuers' names
    if len(base) > ID_MAX:
        cut = ID_MAX
        while 0 < cut < len(base) and base[cut - 1].isascii() and base[cut].isascii():
            cut -= 1  # never split a number or a Latin word
        base = base[:cut or ID_MAX].rstrip("-的和及与或、")
    doc_id = f"{base}-{version_date[:4]}" if version_date else base
    n, unique = 2, doc_id
    while unique in taken:
        unique, n = f"{doc_id}-{n}", n + 1
    return unique


def link_versions(metas: list[DocMeta]) -> dict[str, DocMeta]:
    """Give each document an id and link versions: same title, older version date → 已修订, superseded_by newer."""
    taken: set[str] = set()
    for meta in metas:
        meta.doc_id = meta.doc_id or document_id(meta.title or "", meta.version_date, taken)
        taken.add(meta.doc_id)
    groups: dict[str, list[DocMeta]] = {}
    for meta in metas:
        groups.setdefault(title_key(meta.title or ""), []).append(meta)
    for versions in groups.values():
        dated = sorted((m for m in versions if m.version_date), key=lambda m: m.version_date)
        for older, newer in zip(dated, dated[1:]):
            if older.version_date == newer.version_date:
                older.warnings.append(f"same title and version date as {newer.doc_id}")
                newer.warnings.append(f"same title and version date as {older.doc_id}")
                continue
            later = next(m for m in dated if m.version_date > older.version_date)
            older.superseded_by = later.doc_id
            if older.validity == "现行有效":
                older.validity = "已修订"
    return {m.doc_id: m for m in metas}
