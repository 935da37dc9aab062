"""Turn a document's cleaned lines into clauses that follow its own numbering."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.documents.cleaning import SENTENCE_END, clean_text, ends_sentence, is_furniture
from kb.model import Clause, Document
from kb.documents.numbering import Marker, match_marker
from kb.documents.tables import Table, TableRow, header_of, is_table_line, split_cells, table_key

HEADING_MAX = 40        # a numbered line this short without 。 is a pure heading
TITLE_MAX = 80          # an unnumbered line up to this long without punctuation is a title
PROSE_MARKS = "，。；：！？,;:"
_PART = re.compile(r"^\s*##\s+(.+)$")
_CAPTION = re.compile(r"^表\s*(\d+)\s*(.*)$")
_ANNEX_LIST = re.compile(r"^附件\s*[:：]")
_ANNEX_ITEM = re.compile(r"^\d{1,2}\s*[.．、]")


@dataclass
class Frame:
    """One open heading in the section path."""

    rank: int
    token: str
    title: str


@dataclass
class Builder:
    """Walks lines in order, keeping the open headings, and emits clauses."""

    doc: Document
    clauses: list[Clause] = field(default_factory=list)
    stack: list[Frame] = field(default_factory=list)
    open_clause: Clause | None = None
    loose_title: str | None = None
    paragraph_counts: dict[str, int] = field(default_factory=dict)
    used_ids: set[str] = field(default_factory=set)
    table: Table | None = None
    annexes: int = 0
    table_counts: dict[str, int] = field(default_factory=dict)
    table_scope: str = "0"

    # ---- section path -------------------------------------------------
    def path_titles(self) -> list[str]:
        """The titles of the open headings, outermost first."""
        return [f.title for f in self.stack]

    def path_id(self) -> str:
        """The open headings as an id piece: "c4.1.3", or "0" before the first heading."""
        return ".".join(f.token for f in self.stack) or "0"

    def push(self, rank: int, token: str, title: str) -> None:
        """Open a heading, closing any at the same or a deeper level."""
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()
        self.stack.append(Frame(rank, token, title))

    def unique_id(self, base: str) -> str:
        """A clause id for `base`, with "~2", "~3"… if the document already used it."""
        candidate, n = base, 1
        while candidate in self.used_ids:
            n += 1
            candidate = f"{base}~{n}"
        self.used_ids.add(candidate)
        return f"{self.doc.id}:{candidate}"

    # ---- events ---------------------------------------------------------
    def annex(self, title: str) -> None:
        """Start an annex ("## 附件…"): it becomes the root of the section path."""
        self.close()
        self.end_table()
        self.annexes += 1
        self.stack = [Frame(-1, f"A{self.annexes}", title)]

    def end_table(self) -> None:
        """Emit the table's last open row and stop reading rows as part of it."""
        if self.table is not None:
            self.emit_rows(self.table.finish())
        self.table = None

    def table_row(self, cells: list[str], line: int) -> None:
        """A table row: a header opens a table (a repeated one continues it), a body row adds to it."""
        header = header_of(cells)
        if header is None:
            if self.table is not None:  # rows without any header have nothing to name their columns by
                self.emit_rows(self.table.row(cells, line, self.path_titles()))
            return
        if self.table is not None and self.table.header == header:
            return  # the header repeated at the top of a new page
        self.end_table()
        caption, self.loose_title = self.loose_title or "", None
        name = caption or (self.stack[-1].title if self.stack else self.doc.title)
        scope = self.path_id().split(".")[0]
        self.table_counts[scope] = self.table_counts.get(scope, 0) + 1
        annex = self.stack[0].title if scope.startswith("A") and self.stack else ""
        self.table = Table(header, name, table_key(caption, self.table_counts[scope]), annex=annex)
        self.table_scope = scope

    def emit_rows(self, rows: list[TableRow]) -> None:
        """Finished table rows become clauses under the table's scope."""
        for row in rows:
            clause = self.new_clause(f"{self.table_scope}.{row.key}", row.label, row.kind, row.text,
                                     row.start_line, fields=row.fields, section_path=row.section_path)
            clause.end_line = row.end_line
            if row.caption and (not clause.section_path or clause.section_path[-1] != row.caption):
                clause.section_path.append(row.caption)

    def heading(self, marker: Marker, title: str) -> None:
        """Open a numbered heading that has no body of its own."""
        self.close()
        self.loose_title = None
        self.push(marker.rank, marker.token, _heading_title(marker, title))

    def numbered(self, marker: Marker, text: str, line: int) -> None:
        """A numbered unit with its own body: a measure or an item."""
        self.close()
        self.loose_title = None
        title = text.split("。")[0] if "。" in text[:HEADING_MAX + 1] else text[:HEADING_MAX]
        self.push(marker.rank, marker.token, _heading_title(marker, title))
        self.open_clause = self.new_clause(self.path_id(), marker.label, marker.clause_kind, text, line)

    def paragraph(self, text: str, line: int) -> None:
        """Add prose: to the open numbered clause, else as a paragraph of the open section."""
        if self.open_clause is not None:
            self.open_clause.text += "\n" + text
            self.open_clause.end_line = line
            return
        path = self.path_id()
        k = self.paragraph_counts.get(path, 0) + 1
        self.paragraph_counts[path] = k
        kind = "preamble" if not self.stack else "paragraph"
        clause = self.new_clause(f"{path}.p{k}", "", kind, text, line)
        if self.loose_title:
            clause.section_path.append(self.loose_title)
            self.loose_title = None

    def new_clause(self, base: str, label: str, kind: str, text: str, line: int,
                   fields: dict[str, str] | None = None, section_path: list[str] | None = None) -> Clause:
        """Create and record a clause under the open headings (or the path given)."""
        clause = Clause(
            clause_id=self.unique_id(base), doc_id=self.doc.id,
            section_path=self.path_titles() if section_path is None else list(section_path),
            label=label, kind=kind, text=text, start_line=line, end_line=line, fields=fields or {},
        )
        self.clauses.append(clause)
        return clause

    def close(self) -> None:
        """Stop adding prose to the numbered clause opened last."""
        self.open_clause = None


def _heading_title(marker: Marker, title: str) -> str:
    """Chapter titles keep a space after 第X章; other labels run straight into the title."""
    return f"{marker.label} {title}" if marker.kind == "chapter" and title else f"{marker.label}{title}"


def parse_lines(doc: Document, body: list[tuple[int, str]]) -> list[Clause]:
    """Parse line-structured documents (plans, opinions, action plans with tables)."""
    builder = Builder(doc)
    pending: tuple[int, str] | None = None  # a prose line that may continue on the next line
    for number, raw in body:
        text = None if _is_part(raw) or is_table_line(raw) else clean_text(raw)
        if text is not None and (not text or is_furniture(text)):
            continue
        joined = _join(pending[1], text) if pending is not None and text is not None else None
        if joined is not None:
            pending = (pending[0], joined)
            continue
        if pending is not None:
            _prose(builder, pending[1], pending[0])
            pending = None
        if text is None:
            _structure(builder, raw, number)
        else:
            pending = (number, text)
    if pending is not None:
        _prose(builder, pending[1], pending[0])
    builder.end_table()
    return builder.clauses


def _is_part(raw: str) -> bool:
    """A Markdown `## ` heading without numbering of its own: a titled part such as an annex.

    A numbered one (`## 第一章 总则`, `### 五、…`) is read by its numbering like any heading."""
    m = _PART.match(raw)
    return bool(m) and match_marker(clean_text(m.group(1))) is None


def _structure(builder: Builder, raw: str, number: int) -> None:
    """An unnumbered part heading or a table row."""
    part = _PART.match(raw)
    if part:
        builder.annex(clean_text(part.group(1)))
        return
    cells = split_cells(raw)
    filled = [c for c in cells if c]
    if len(filled) == 1 and match_marker(filled[0]):
        _prose(builder, filled[0], number)  # a group heading row inside a task table
        return
    builder.close()
    builder.table_row(cells, number)


def _is_prose(text: str) -> bool:
    """Prose has punctuation after its numbering; titles and headings have none."""
    marker = match_marker(text)
    rest = marker.rest if marker else text
    return any(p in rest for p in PROSE_MARKS)


def _join(prev: str, text: str) -> str | None:
    """`prev` and `text` as one line if `text` carries it on (wrapped prose, an annex list), else None."""
    if _ANNEX_LIST.match(prev):  # "附件：1.…" then "2.…" on the next lines
        return f"{prev} {text}" if _ANNEX_ITEM.match(text) else None
    if ends_sentence(prev) or not _is_prose(prev) or match_marker(text) or _CAPTION.match(text):
        return None
    return prev + text


def _prose(builder: Builder, text: str, line: int) -> None:
    """One logical line of prose: a table caption, a heading, a numbered clause, a title or a paragraph."""
    caption = _CAPTION.match(text)
    if caption:
        builder.close()
        builder.end_table()
        builder.loose_title = text
        return
    marker = match_marker(text)
    if marker is not None:
        rest = marker.rest.strip()
        if len(rest) <= HEADING_MAX and not any(p in rest for p in SENTENCE_END):
            builder.heading(marker, rest)
        else:
            builder.numbered(marker, rest, line)
        return
    if len(text) <= TITLE_MAX and not _is_prose(text):
        builder.close()
        builder.loose_title = text
        return
    builder.paragraph(text, line)
