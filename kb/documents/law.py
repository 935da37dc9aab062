"""Chinese laws and regulations as articles: 编/分编/章/节 headings, 条 (incl. 之一), 款, 项, 目.

Self-contained (stdlib only) so it can move between layouts.  Input is a document body as
``(line_number, text)`` pairs.  ``Article.text`` is the article WITHOUT its label ("第十条");
the label is kept in ``Article.label`` and prefixed by ``ArticlePart.text``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.documents.numbering import cn_to_int

_NUM = r"[零〇一二三四五六七八九十百千两\d０-９]+"
_ARTICLE = re.compile(rf"^第({_NUM})条(?:之({_NUM}))?([\s\u3000:：]|$)?")
_HEADING = re.compile(rf"^第({_NUM})(分编|编|章|节)(.*)$")
_ITEM = re.compile(r"^[（(]([零一二三四五六七八九十百]+)[）)]")
_SUB = re.compile(r"^(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[）)])")
_DATE = re.compile(r"^[（(]?\d{4}年\d{1,2}月")
_ANNEX = re.compile(r"^附(?:件|表|录)[一二三四五六七八九十\d]*(?:[\s:：]|$)")
_PAGE = re.compile(r"^(?:[—\-－–]+\s*\d{1,4}\s*[—\-－–]+|\d{1,3}|第\s*\d+\s*页.*)$")
_LEVELS = {"编": 0, "分编": 1, "章": 2, "节": 3}
_TERMINAL = "。；：！？…;:!?"
_CLOSERS = "”’」』）)》】"
# A line can never start a paragraph with these: it is the tail of a broken line.
_NON_INITIAL = "，。；：、）》」』”’！？,.;:)!?"


@dataclass
class Paragraph:
    """One 款; ``items`` are its 项 (with any 目 appended on new lines under their 项)."""

    text: str
    items: list[str] = field(default_factory=list)

    def full_text(self) -> str:
        """The 款 with its 项, one per line."""
        return "\n".join([self.text, *self.items] if self.text else self.items)


@dataclass
class Article:
    """One 条. ``path`` holds the open 编/分编/章/节 headings, outermost first."""

    number: int
    suffix: int
    label: str
    path: list[str]
    paragraphs: list[Paragraph]
    start_line: int
    end_line: int

    @property
    def text(self) -> str:
        """The article's text without its label: 款 and 项 each on their own line."""
        return "\n".join(p.full_text() for p in self.paragraphs)


@dataclass
class LawParse:
    """Result of ``parse_law``: text before the first article, the articles, what looked odd,
    and annexes (附件/附表/附录) after the articles."""

    header_lines: list[tuple[int, str]]
    articles: list[Article]
    warnings: list[str]
    trailer_lines: list[tuple[int, str]] = field(default_factory=list)


def _clean(raw: str) -> tuple[str, bool, bool]:
    """(text, indented, markdown_heading); text is "" for lines that carry nothing."""
    raw = raw.replace("\u200b", "").replace("\ufeff", "").rstrip()
    indented = raw.startswith(("\u3000", "  ", "\t"))
    text = raw.strip(" \t\u3000\xa0")
    md = text.startswith("#")
    text = text.lstrip("#").strip(" \t\u3000\xa0")
    if re.fullmatch(r"<!--.*-->|[-*_=]{3,}|>+", text) or _PAGE.fullmatch(text):
        return "", indented, md
    return text, indented, md


def _ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _TERMINAL


def _layout(lines: list[tuple[str, bool]]) -> str:
    """'blank': paragraphs separated by empty lines (Markdown); 'indent': new paragraphs are
    indented and wrapped lines are not (PDF copies); 'plain': only punctuation tells."""
    filled = [i for i, (t, _) in enumerate(lines) if t]
    if not filled:
        return "plain"
    followed = sum(1 for i in filled if i + 1 < len(lines) and not lines[i + 1][0])
    if followed >= 0.5 * len(filled):
        return "blank"
    indented = sum(1 for i in filled if lines[i][1])
    if 0.15 * len(filled) <= indented <= 0.85 * len(filled):
        return "indent"
    return "plain"


def _norm_heading(marker: str, title: str) -> str:
    # Titles are spaced out for typography ("总　　则"); drop spaces between CJK characters.
    title = re.sub(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])", "", title.replace("\u3000", " "))
    title = re.sub(r"\s+", " ", title).strip()
    return f"{marker} {title}" if title else marker


def _heading(text: str, md: bool, boundary: bool) -> tuple[int, str] | None:
    """(level, normalised heading) if the line is a 编/分编/章/节 heading, not a cross-reference."""
    m = _HEADING.match(text)
    if not m:
        return None
    rest = m.group(3)
    title = rest.strip(" \t\u3000")
    spaced = rest[:1] in (" ", "\t", "\u3000")
    if len(title) > 40 or re.search(r"[，。；：！？,;]|第.{1,6}条", title):
        return None
    # "第三章规定的…" is prose; an unspaced title is accepted only when nothing suggests prose.
    if title and not spaced and not md and (not boundary or re.match(r"[的所中规第]", title)):
        return None
    return _LEVELS[m.group(2)], _norm_heading(text[: m.start(3)], rest)


class _Parser:
    """Single pass over cleaned lines; comments explain the rules that keep references out."""

    def __init__(self, layout: str, spaced_only: bool) -> None:
        self.layout = layout
        self.spaced_only = spaced_only  # the document always writes "第X条 正文"
        self.out = LawParse([], [], [])
        self.stack: list[tuple[int, str]] = []
        self.prev: str | None = None  # previous logical line's kind
        self.prev_text = ""
        self.annex = False

    def boundary(self, text: str, indented: bool, blank: bool, md: bool) -> bool:
        """Does the layout say this line starts a new paragraph (rather than continuing one)?"""
        if md or self.prev is None:
            return True
        if not self.out.articles and _DATE.match(text):  # header: one line per date
            return True
        if self.layout == "indent":  # PDF copies: wrapped lines lose the indentation
            return indented
        if self.prev == "heading":
            return True
        return (self.layout == "blank" and blank) or _ends_sentence(self.prev_text)

    def expected(self, number: int, suffix: int) -> bool:
        if not self.out.articles:
            return True
        last = self.out.articles[-1]
        return (number, suffix) in ((last.number + 1, 0), (last.number, last.suffix + 1))

    def article_ok(self, m: re.Match[str], boundary: bool) -> bool:
        number, suffix = cn_to_int(m.group(1)), cn_to_int(m.group(2)) if m.group(2) else 0
        spaced = m.group(3) is not None
        if self.spaced_only and not spaced:  # "第三十条规定的…" in a document that spaces labels
            return False
        if self.expected(number, suffix):
            # "…依照本法\n第二十条的规定" must not open article 20: unspaced needs a boundary.
            return boundary or (spaced and self.layout != "indent")
        last = self.out.articles[-1]
        if boundary and spaced and (number, suffix) > (last.number, last.suffix):
            self.out.warnings.append(f"gap: {last.label} -> {m.group(0).strip()}")
            return True
        if boundary:
            self.out.warnings.append(f"ignored out-of-sequence {m.group(0).strip()} after {last.label}")
        return False

    def feed(self, ln: int, text: str, indented: bool, blank: bool, md: bool) -> None:
        """Classify one cleaned, non-empty line and attach it."""
        if self.annex:
            self.out.trailer_lines.append((ln, text))
            return
        boundary = self.boundary(text, indented, blank, md) and text[0] not in _NON_INITIAL
        art = _ARTICLE.match(text)
        head = None if art else _heading(text, md, boundary)
        # An item after a line ending in "第" is the tail of "第\n（二）项" (a broken reference).
        item = bool(_ITEM.match(text)) and not self.prev_text.endswith("第")
        if head and (boundary or self.layout != "indent"):
            self.open_heading(*head)
        elif art and self.article_ok(art, boundary):
            self.open_article(ln, art)
        elif self.out.articles and boundary and _ANNEX.match(text):
            self.annex = True
            self.out.trailer_lines.append((ln, text))
        elif self.out.articles and md:  # an unnumbered Markdown heading such as "## 附则"
            self.open_heading(_LEVELS["章"], _norm_heading(text, ""))
        elif boundary or (item and self.layout != "indent"):
            self.new_block(ln, text)
        else:
            self.append(ln, text)
            self.prev_text += text
            return
        self.prev_text = text

    def open_heading(self, level: int, title: str) -> None:
        self.stack = [(lv, t) for lv, t in self.stack if lv < level] + [(level, title)]
        self.prev = "heading"

    def open_article(self, ln: int, m: re.Match[str]) -> None:
        number, suffix = cn_to_int(m.group(1)), cn_to_int(m.group(2)) if m.group(2) else 0
        label = m.group(0).strip(" \t\u3000:：")
        body = m.string[m.end():].strip(" \t\u3000")
        paragraphs = [Paragraph(body)] if body else []
        path = [t for _, t in self.stack]
        self.out.articles.append(Article(number, suffix, label, path, paragraphs, ln, ln))
        self.prev = "article"

    def new_block(self, ln: int, text: str) -> None:
        if not self.out.articles:
            self.out.header_lines.append((ln, text))
            self.prev = "header"
            return
        art = self.out.articles[-1]
        art.end_line = ln
        paras = art.paragraphs
        if _ITEM.match(text) or (_SUB.match(text) and not (paras and paras[-1].items)):
            if not paras:
                paras.append(Paragraph(""))
            paras[-1].items.append(text)
        elif _SUB.match(text):  # 目 nests under its 项
            paras[-1].items[-1] += "\n" + text
        else:
            paras.append(Paragraph(text))
        self.prev = "block"

    def append(self, ln: int, text: str) -> None:
        """Glue a broken line onto whatever the previous line opened."""
        if self.prev == "header":
            start, old = self.out.header_lines[-1]
            self.out.header_lines[-1] = (start, old + text)
        elif self.prev == "heading":  # a wrapped heading title in a PDF copy
            level, old = self.stack[-1]
            self.stack[-1] = (level, old + text)
        elif not self.out.articles:  # a continuation before any article: part of the header
            self.out.header_lines.append((ln, text))
        else:
            art = self.out.articles[-1]
            art.end_line = ln
            if not art.paragraphs:
                art.paragraphs.append(Paragraph(text))
            elif art.paragraphs[-1].items:
                art.paragraphs[-1].items[-1] += text
            else:
                art.paragraphs[-1].text += text


def parse_law(body: list[tuple[int, str]]) -> LawParse:
    """Split a law's body into header lines, articles (with 款/项/目 and heading paths) and
    trailing annexes.  Only a line-initial 第X条 that fits the article sequence opens an article."""
    cleaned = [(ln, *_clean(raw)) for ln, raw in body]
    markers = [m for _, t, _, _ in cleaned if (m := _ARTICLE.match(t))]
    spaced = sum(1 for m in markers if m.group(3) is not None)
    parser = _Parser(_layout([(t, ind) for _, t, ind, _ in cleaned]), spaced >= max(3, 0.7 * len(markers)))
    blank = False
    for ln, text, indented, md in cleaned:
        if not text:
            blank = True
            continue
        parser.feed(ln, text, indented, blank, md)
        blank = False
    return parser.out


def looks_like_law(body: list[tuple[int, str]]) -> bool:
    """True when the text is organised in articles: at least 3 line-initial 第X条 that mostly
    count up one by one (plans numbered 一、（一）1. that merely mention 第十条 are not)."""
    arts = parse_law(body).articles
    if len(arts) < 3:
        return False
    steps = sum(1 for a, b in zip(arts, arts[1:]) if b.number - a.number in (0, 1))
    return steps >= 0.6 * (len(arts) - 1)


@dataclass
class Reference:
    """A cross-reference to an article; ``law`` None means this document (本法/本条例/…)."""

    law: str | None
    article: int
    suffix: int
    paragraph: int | None
    item: int | None
    raw: str


_REF_TOKEN = re.compile(
    rf"第({_NUM})条(?:之({_NUM}))?|第({_NUM})款|第[（(]({_NUM})[）)]项|第({_NUM})项"
)
_CONNECT = {"、", "和", "或", "或者", "及", "以及", "与"}
_RANGE = {"至", "到"}
_SELF = re.compile(r"本(?:法|法典|条例|办法|规定|细则|规则|解释|决定|实施办法)$")
# An unbracketed name such as 民法典 or 民事诉讼法, cut after the verb that introduces it.
_BARE_LAW = re.compile(r"([\u4e00-\u9fff]{1,24}?(?:法典|法|条例|办法|规定|细则))$")
_LEAD = re.compile(r".*(?:根据|依照|依据|按照|违反|适用|参照|具有|属于|符合|的|、|和|或者|及|与|为)")


def find_aliases(text: str) -> dict[str, str]:
    """Short names defined in the text: "《中华人民共和国水法》（以下简称《水法》）" -> {"水法": …}."""
    pairs = re.findall(r"《([^《》]+)》[（(]以下简称《?([^《》）)]+?)》?[）)]", text)
    return {short: full for full, short in pairs}


def _law_before(prefix: str, self_title: str | None, aliases: dict[str, str]) -> str | None:
    m = re.search(r"《([^《》]+)》$", prefix)
    if m:
        name = aliases.get(m.group(1), m.group(1))
        return None if name == self_title else name
    m = _BARE_LAW.search(prefix[-24:])
    if not m:
        return None
    name = _LEAD.sub("", m.group(1))
    if not name or _SELF.search(name) or name in ("规定", "办法", "法"):  # 有本条例, 除本法: this act
        return None
    name = aliases.get(name, name)
    return None if name == self_title else name


def find_references(
    text: str, self_title: str | None = None, aliases: dict[str, str] | None = None
) -> list[Reference]:
    """Every article cross-reference in ``text``: ranges (第十条至第十二条) expanded, lists
    (第二十条、第二十一条) split, 款/项 attached (第三十条第一款第（二）项).  References to the
    current article only (本条第一款, 前款) are skipped: they carry no article number."""
    aliases = aliases or {}
    refs: list[Reference] = []
    pending: Reference | None = None  # the reference being refined by 款/项 that follow it
    end = 0
    for m in _REF_TOKEN.finditer(text):
        gap = text[end : m.start()]
        joined = pending is not None and (gap.strip() in _CONNECT | _RANGE or gap == "")
        is_range = joined and gap.strip() in _RANGE
        end = m.end()
        if m.group(1):
            art, suf = cn_to_int(m.group(1)), cn_to_int(m.group(2)) if m.group(2) else 0
            law = pending.law if joined and gap else _law_before(text[: m.start()], self_title, aliases)
            if pending:
                refs.append(pending)
            if is_range and pending:
                refs += [Reference(law, n, 0, None, None, pending.raw + gap + m.group(0))
                         for n in range(pending.article + 1, art)]
            pending = Reference(law, art, suf, None, None, m.group(0))
        elif not joined or pending is None:
            refs += [pending] if pending else []
            pending = None  # 本条第一款 / 前款第（一）项: no article to attach to
        else:
            pending = _refine(pending, refs, m, gap, is_range)
    if pending:
        refs.append(pending)
    return refs


def _refine(pending: Reference, refs: list[Reference], m: re.Match[str], gap: str,
            is_range: bool) -> Reference:
    """Attach a 款 or 项 to the pending reference, or start a sibling after 、/和/至."""
    para = cn_to_int(m.group(3)) if m.group(3) else None
    item = cn_to_int(m.group(4) or m.group(5)) if para is None else None
    raw = pending.raw + gap + m.group(0)
    if gap == "" and (pending.item is None and (para is None or pending.paragraph is None)):
        return Reference(pending.law, pending.article, pending.suffix,
                         para if para is not None else pending.paragraph, item, raw)
    refs.append(pending)
    base = dict(law=pending.law, article=pending.article, suffix=pending.suffix)
    if para is not None:
        start = (pending.paragraph or 0) + 1 if is_range else para
        refs += [Reference(**base, paragraph=n, item=None, raw=raw) for n in range(start, para)]
        return Reference(**base, paragraph=para, item=None, raw=m.group(0))
    start = (pending.item or 0) + 1 if is_range else item
    refs += [Reference(**base, paragraph=pending.paragraph, item=n, raw=raw) for n in range(start, item)]
    return Reference(**base, paragraph=pending.paragraph, item=item, raw=m.group(0))


@dataclass
class ArticlePart:
    """A quotable piece of a long article: label, lead-in and closing 款 repeated in each part."""

    label: str
    index: int
    count: int
    lead: str
    body: str
    closing: str

    @property
    def text(self) -> str:
        """Label, lead-in, this part's 款/项, closing 款."""
        return f"{self.label}　" + "\n".join(t for t in (self.lead, self.body, self.closing) if t)


def split_article(article: Article, max_chars: int = 500) -> list[ArticlePart]:
    """Split an article longer than ``max_chars`` at 款/项 boundaries only.  Every part repeats
    the label, the lead-in (the first 款, e.g. "有下列行为之一的，…：") and, when the last 款
    follows a 项 list (the penalty), that closing 款.  A single 款/项 longer than the budget
    becomes a part of its own rather than being cut mid-sentence."""
    paras = article.paragraphs
    if len(article.label) + 1 + len(article.text) <= max_chars or not paras:
        return [ArticlePart(article.label, 1, 1, "", article.text, "")]
    first = paras[0].text
    # A list lead-in or a short first 款 is repeated whole; otherwise only its first sentence.
    whole = bool(paras[0].items) or len(first) <= max_chars // 4
    lead = first if whole else re.match(r"[^。；：]*[。；：]?", first).group(0)
    last_list = max((i for i, p in enumerate(paras) if p.items), default=-1)
    has_closing = 0 <= last_list < len(paras) - 1
    closing = paras[-1].full_text() if has_closing else ""
    units: list[tuple[str, str]] = []  # (the 款 a 项 belongs to, unit text)
    for i, p in enumerate(paras[:-1] if has_closing else paras):
        if p.text and (i > 0 or not whole):
            units.append(("", p.text))
        units += [(p.text if i > 0 else "", it) for it in p.items]
    budget = max_chars - len(article.label) - len(lead) - len(closing) - 3
    chunks: list[list[str]] = []
    size = budget + 1
    for ctx, unit in units:
        if size + len(unit) + 1 > budget:
            chunks.append([ctx] if ctx else [])  # a 项 keeps its own 款's lead-in
            size = len(ctx) + 1 if ctx else 0
        chunks[-1].append(unit)
        size += len(unit) + 1
    parts = [ArticlePart(article.label, i + 1, len(chunks), lead, "\n".join(c), closing)
             for i, c in enumerate(chunks)]
    if parts and not whole:
        parts[0].lead = ""  # part 1 already opens with the whole first 款
    return parts or [ArticlePart(article.label, 1, 1, lead, "", closing)]
