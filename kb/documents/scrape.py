"""Web-scraped documents: a few very long lines, repeated sentences, headings run inline.

The scrape merges two in-order passes over the document. An "echo" pass runs quickly from the
start, showing about a third of the sentences early, then carries on alone to the end; the main
pass runs at the normal pace and repeats every echoed sentence where it belongs, up to the point
where the echo pass carried on alone. Restoring the reading order therefore means: drop the
early copy of each repeated sentence, decide for every other sentence which pass it belongs to
(headings by their numbering, prose by what it resembles), slot the echo pass's own sentences in
after the main-pass copy of the echo they followed, and put its tail after the main pass.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kb.documents.cleaning import clean_text, split_sentences
from kb.documents.structure import Builder
from kb.model import Clause, Document
from kb.documents.numbering import Marker, match_marker

SCRAPE_MEDIAN_LINE = 250   # median line length above which a text is treated as a scrape
CLAUSE_TARGET = 260        # pack consecutive sentences under one heading up to this length
TITLE_MAX = 28             # an inline heading without a clear end is cut here
STICKINESS = 0.05          # prose prefers the pass of the sentence before it by this much
HEADING_MARGIN = 0.06      # a heading resembling the echo pass more than this leaves the main pass
RECENT = 5                 # sentences of each pass a new sentence is compared with
RIVAL_WINDOW = 30          # sentences searched ahead for a same-numbered heading that fits better
MAIN, ECHO = "main", "echo"
# Words that start the body of an inline heading ("3.精细化实施扬尘管控|强化扬尘管控…"); the weak
# ones also occur inside headings ("全面推进", "推进产业…"), so only the strong ones confirm a split
# together with a word that typically ends a heading.
_STRONG_START = (
    "强化|加强|加快|坚持|落实|严格|严控|严守|推动|建立|完善|深化|开展|依托|按照|聚焦|紧扣|全力|积极|大力|"
    "构建|制定|编制|发挥|保持|践行|健全|实施|以|对标|围绕|结合|统筹|研究|修订|鼓励|空气|蓝天|碧水|净土|"
    "党|全市|政府|危险|综合|重点|生态环境部|京津冀|南水|广大|生态环境保护|“十[一二三四五六七八九]五”|20\\d\\d年"
)
_BODY_STRONG = re.compile(_STRONG_START)
_BODY_START = re.compile(_STRONG_START + "|全面|持续|有效|推进|提升|提高|优化|能源|产业")
_TITLE_END = (
    "推进", "改善", "提高", "提升", "保障", "健全", "并存", "要求", "加大", "思想", "原则", "目标", "体系",
    "优化", "利用", "防控", "准入", "实践", "修复", "安全", "治理", "管控", "发展", "建设", "管理", "转型",
    "机制", "制度", "监管", "水平", "格局", "行动", "成就", "卓著", "质量", "效率", "稳定性", "创新", "突出",
    "防治", "理念", "网络", "空间", "功能", "能源", "攻坚战", "保卫战",
)
_NEXT_MARKER = re.compile(r"[（(][一二三四五六七八九十]+[)）]|\d{1,2}\.(?!\d)")


@dataclass(frozen=True)
class Sentence:
    """One sentence of the scrape and what is known about it before the passes are separated."""

    line: int
    text: str
    key: str
    grams: frozenset[str]
    markers: tuple[Marker, ...]
    role: str  # echo (an early copy) | repeat (the copy kept) | unique


def looks_like_scrape(body: list[tuple[int, str]]) -> bool:
    """Whether the text is a web scrape: a few very long lines rather than paragraphs."""
    lengths = sorted(len(t) for _, t in body if t.strip())
    return bool(lengths) and lengths[len(lengths) // 2] > SCRAPE_MEDIAN_LINE


def parse_scrape(doc: Document, body: list[tuple[int, str]]) -> list[Clause]:
    """Clauses of a scraped document: reading order restored, headings recovered from markers."""
    builder = Builder(doc)
    buffer: list[tuple[int, str]] = []

    def flush() -> None:
        if buffer:
            lines = [line for line, _ in buffer]
            builder.paragraph("".join(text for _, text in buffer), min(lines))
            builder.clauses[-1].end_line = max(lines)
            buffer.clear()

    for line, sentence in restore_order(body):
        rest = sentence
        marker = match_marker(rest)
        while marker is not None:
            flush()
            title, rest = _split_title(marker.rest)
            builder.heading(marker, title)
            marker = match_marker(rest) if rest else None
        if not rest:
            continue
        if buffer and sum(len(t) for _, t in buffer) + len(rest) > CLAUSE_TARGET:
            flush()
        buffer.append((line, rest))
    flush()
    return builder.clauses


def restore_order(body: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Every sentence once, in the document's reading order (see the module docstring)."""
    sentences = _sentences(body)
    if not any(s.role == ECHO for s in sentences):
        return [(s.line, s.text) for s in sentences]
    passes = Passes(sentences).assign()
    return [(sentences[i].line, sentences[i].text) for i in _merge(sentences, passes)]


def _sentences(body: list[tuple[int, str]]) -> list[Sentence]:
    """The scrape's sentences, each marked as an early echo, the copy kept, or unique."""
    raw = [(line, s) for line, text in body for s in split_sentences(clean_text(text))]
    keys = [re.sub(r"\s+", "", s) for _, s in raw]
    last = {key: i for i, key in enumerate(keys)}
    counts = Counter(keys)
    sentences = []
    for i, ((line, text), key) in enumerate(zip(raw, keys)):
        role = ECHO if last[key] != i else "repeat" if counts[key] > 1 else "unique"
        sentences.append(Sentence(line, text, key, _char_pairs(key), _markers(text), role))
    return sentences


def _char_pairs(key: str) -> frozenset[str]:
    return frozenset(key[i:i + 2] for i in range(len(key) - 1))


def _markers(text: str) -> tuple[Marker, ...]:
    """The numbering markers a sentence starts with: "二、指导思想(一)…" has two."""
    found = []
    marker = match_marker(text)
    while marker is not None:
        found.append(marker)
        _, rest = _split_title(marker.rest)
        marker = match_marker(rest) if rest else None
    return tuple(found)


def _resemblance(grams: frozenset[str], recent: list[frozenset[str]]) -> float:
    """Highest share of character pairs a sentence has in common with one of the recent ones."""
    return max((len(grams & g) / (len(grams | g) or 1) for g in recent), default=0.0)


def _fits(path: list[tuple[int, int]], marker: Marker) -> bool:
    """Whether a heading comes next after the open ones: the next sibling, or a first child."""
    for rank, number in path:
        if rank == marker.rank:
            return marker.number == number + 1
        if rank > marker.rank:
            break
    return marker.number == 1 or not path


def _push(path: list[tuple[int, int]], markers: tuple[Marker, ...]) -> list[tuple[int, int]]:
    for marker in markers:
        path = [p for p in path if p[0] < marker.rank] + [(marker.rank, marker.number)]
    return path


class Passes:
    """Decides, sentence by sentence, whether the main pass or the echo pass wrote it."""

    def __init__(self, sentences: list[Sentence]) -> None:
        self.sentences = sentences
        self.recent: dict[str, list[frozenset[str]]] = {MAIN: [], ECHO: []}
        self.path: list[tuple[int, int]] = []  # (rank, number) of the main pass's open headings
        self.previous = MAIN

    def assign(self) -> list[str]:
        """The pass of every sentence, in order."""
        passes = []
        for i, sentence in enumerate(self.sentences):
            which = self.decide(i)
            passes.append(which)
            self.recent[which] = (self.recent[which] + [sentence.grams])[-RECENT:]
            self.previous = which
            if which == MAIN and sentence.markers:
                self.path = _push(self.path, sentence.markers)
        return passes

    def decide(self, i: int) -> str:
        """The pass of sentence i: repeats are the main pass, headings by numbering, prose by resemblance."""
        sentence = self.sentences[i]
        if sentence.role != "unique":
            return ECHO if sentence.role == ECHO else MAIN
        if sentence.markers:
            return MAIN if self.continues_main(i) else ECHO
        scores = {which: _resemblance(sentence.grams, self.recent[which])
                  + (STICKINESS if which == self.previous else 0.0) for which in (MAIN, ECHO)}
        return max(scores, key=scores.get)

    def lean(self, i: int) -> float:
        """How much more sentence i resembles the main pass's recent text than the echo pass's."""
        grams = self.sentences[i].grams
        return _resemblance(grams, self.recent[MAIN]) - _resemblance(grams, self.recent[ECHO])

    def continues_main(self, i: int) -> bool:
        """A heading continues the main pass if it fits its numbering and no near rival fits better."""
        marker = self.sentences[i].markers[0]
        if not _fits(self.path, marker) or self.lean(i) < -HEADING_MARGIN:
            return False
        for j in range(i + 1, min(len(self.sentences), i + RIVAL_WINDOW)):
            rival = self.sentences[j]
            if rival.markers and rival.role == "repeat":
                break  # the main pass has moved on
            same = rival.markers and (rival.markers[0].rank, rival.markers[0].number) == (marker.rank, marker.number)
            if same and rival.role == "unique" and self.lean(j) > self.lean(i):
                return False
        return True


def _merge(sentences: list[Sentence], passes: list[str]) -> list[int]:
    """Indexes in reading order: the main pass with the echo pass's sentences slotted in, then its tail."""
    kept = {s.key: i for i, s in enumerate(sentences) if s.role == "repeat"}
    last_echo = max(i for i, s in enumerate(sentences) if s.role == ECHO)
    head: list[int] = []
    tail: list[int] = []
    slotted: dict[int, list[int]] = {}
    anchor: int | None = None
    for i, sentence in enumerate(sentences):
        if passes[i] != ECHO:
            continue
        if sentence.role == ECHO:
            anchor = kept[sentence.key]
        elif i > last_echo:
            tail.append(i)
        elif anchor is None:
            head.append(i)
        else:
            slotted.setdefault(anchor, []).append(i)
    main = [j for i, which in enumerate(passes) if which == MAIN for j in [i, *slotted.get(i, [])]]
    return head + main + tail


def _split_title(text: str) -> tuple[str, str]:
    """Split "精细化实施扬尘管控强化扬尘管控责任落实。" into heading and body."""
    nxt = _NEXT_MARKER.search(text, 2)
    if nxt and nxt.start() <= TITLE_MAX:
        return text[:nxt.start()], text[nxt.start():]
    stops = [i for i, ch in enumerate(text) if ch in "，。；："] + [len(text)]
    if stops[0] <= 12 and text[stops[0]:stops[0] + 1] == "。":
        return text[:stops[0]], text[stops[0] + 1:]  # "(二)规划原则。" or a short title alone
    # a heading may run over one comma: "对标率先实现碳中和目标，绿色低碳转型面临更高要求|全市…"
    reaches = stops[:2] if text[stops[0]:stops[0] + 1] == "，" else stops[:1]
    cuts = [p for reach in reaches for p in range(4, min(reach, TITLE_MAX + 12) + 1)
            if text[:p].endswith(_TITLE_END) and _BODY_STRONG.match(text, p)]
    cuts += [m.start() for m in _BODY_START.finditer(text, 5, min(stops[0], TITLE_MAX + 1))]
    cut = cuts[0] if cuts else min(stops[0], TITLE_MAX)
    return text[:cut], text[cut:].lstrip("，")
