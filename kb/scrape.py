"""Web-scraped documents: a few very long lines, repeated sentences, headings run inline.

The scrape interleaves several in-order runs of the document and repeats about a quarter of
its sentences later on. Keeping each sentence's first occurrence restores the reading order
within each run; headings are then recovered from their numbering markers, and a heading
whose number does not follow the current one is attached to the run it continues.
"""
from __future__ import annotations

import re

from .cleaning import clean_text, split_sentences
from .clauses import Builder, Frame
from .model import Clause, Document
from .numbering import Marker, match_marker

SCRAPE_MEDIAN_LINE = 250   # median line length above which a text is treated as a scrape
CLAUSE_TARGET = 260        # pack consecutive sentences under one heading up to this length
TITLE_MAX = 28
# Words that start the body text of an inline heading ("3.精细化实施扬尘管控|强化扬尘管控…").
_BODY_START = re.compile(
    "(强化|加强|加快|坚持|落实|严格|推动|建立|完善|深化|开展|依托|按照|聚焦|紧扣|全面|持续|积极|大力|构建|"
    "制定|编制|发挥|保持|践行|健全|严守|提高|优化|实施|推进|有效|以|对标|围绕|结合|统筹|"
    "空气|蓝天|碧水|净土|党|全市|能源|政府|危险|综合|重点|生态环境部|京津冀|南水|广大|生态环境保护)"
)
_NEXT_MARKER = re.compile(r"[（(][一二三四五六七八九十]+[)）]|\d{1,2}\.(?!\d)")


def looks_like_scrape(body: list[tuple[int, str]]) -> bool:
    lengths = sorted(len(t) for _, t in body if t.strip())
    return bool(lengths) and lengths[len(lengths) // 2] > SCRAPE_MEDIAN_LINE


def parse_scrape(doc: Document, body: list[tuple[int, str]]) -> list[Clause]:
    builder = Builder(doc)
    history: list[list[Frame]] = []
    buffer: list[str] = []
    start = end = 0

    def flush() -> None:
        nonlocal buffer
        if buffer:
            builder.paragraph("".join(buffer), start)
            builder.clauses[-1].end_line = end
            buffer = []

    for line, sentence in dedupe_sentences(body):
        rest = sentence
        marker = match_marker(rest)
        while marker is not None:
            flush()
            title, rest = _split_title(marker.rest)
            _attach(builder, history, marker, title)
            marker = match_marker(rest) if rest else None
        if not rest:
            continue
        if buffer and len("".join(buffer)) + len(rest) > CLAUSE_TARGET:
            flush()
        if not buffer:
            start = line
        buffer.append(rest)
        end = line
    flush()
    return builder.clauses


def dedupe_sentences(body: list[tuple[int, str]], window: int = 3) -> list[tuple[int, str]]:
    """Keep one occurrence of each repeated sentence: the one among the fewest other repeats.

    Repeated sentences arrive in runs pasted into other parts of the text, so the original
    occurrence is the one whose neighbours are mostly sentences that occur only once.
    """
    sentences = [(line, s) for line, raw in body for s in split_sentences(clean_text(raw))]
    keys = [re.sub(r"\s+", "", s) for _, s in sentences]
    where: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        where.setdefault(key, []).append(i)
    repeated = [len(where[k]) > 1 for k in keys]

    def unique_neighbours(i: int) -> int:
        lo, hi = max(0, i - window), min(len(keys), i + window + 1)
        return sum(not repeated[j] for j in range(lo, hi) if j != i)

    keep = {max(places, key=lambda i: (unique_neighbours(i), -i)) for places in where.values()}
    return [sentences[i] for i in sorted(keep)]


def _split_title(text: str) -> tuple[str, str]:
    """Split "精细化实施扬尘管控强化扬尘管控责任落实。" into heading and body."""
    nxt = _NEXT_MARKER.search(text, 2)
    if nxt and nxt.start() <= TITLE_MAX:
        return text[:nxt.start()], text[nxt.start():]
    stop = min([i for i in (text.find(p) for p in "，。；：") if i >= 0] or [len(text)])
    if stop <= 12 and text[stop:stop + 1] == "。":
        return text[:stop], text[stop + 1:]  # "(二)规划原则。" or a short title alone
    for m in _BODY_START.finditer(text, 4, min(stop, TITLE_MAX + 1)):
        if m.start() >= 5:
            return text[:m.start()], text[m.start():]
    return text[:min(stop, TITLE_MAX)], text[min(stop, TITLE_MAX):]


def _attach(builder: Builder, history: list[list[Frame]], marker: Marker, title: str) -> None:
    """Open a heading under the most recent parent that can still take its number.

    A parent has each child number once and in order, so "3." goes under the latest
    heading one level up that already has a "2." and no "3." yet.
    """
    parents = [s for s in reversed(history) if s[-1].rank < marker.rank]
    if parents:
        top = max(s[-1].rank for s in parents)
        parents = [s for s in parents if s[-1].rank == top]

    def children(parent: list[Frame]) -> set[str]:
        depth = len(parent)
        return {s[depth].token for s in history
                if len(s) > depth and s[:depth] == parent and s[depth].rank == marker.rank}

    chosen = next((p for p in parents if marker.token not in children(p)
                   and (marker.number == 1 or str(marker.number - 1) in children(p))), None)
    if chosen is None:
        chosen = next((p for p in parents if marker.token not in children(p)), parents[0] if parents else [])
    builder.stack = list(chosen)
    builder.heading(marker, title)
    history.append(list(builder.stack))
