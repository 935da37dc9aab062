"""Laws and regulations as clauses: one clause per 条, long ones split at 款/项 boundaries.

Ids are readable and stable: `<doc>:art118`, `<doc>:art10-1` for 第十条之一, `<doc>:art118.p2`
for the second part of a long article. Cross-references are kept on each clause as
`references` (law, article) pairs; `resolve_links` turns them into clause ids once the whole
corpus is known.
"""
from __future__ import annotations

import re

from kb.documents.cleaning import clean_text
from kb.documents.law import Article, find_aliases, find_references, parse_law, split_article
from kb.model import Clause, Document

MAX_ARTICLE_CHARS = 500
_SELF = ""  # how a reference to the citing document itself is recorded
_CN_PREFIX = "中华人民共和国"


def article_token(number: int, suffix: int) -> str:
    """"art118", or "art10-1" for 第十条之一."""
    return f"art{number}" + (f"-{suffix}" if suffix else "")


def parse_articles(doc: Document, body: list[tuple[int, str]]) -> list[Clause]:
    """The clauses of a law or regulation, in order; the text before the first article is metadata."""
    parsed = parse_law(body)
    aliases = find_aliases("\n".join(text for _, text in body))
    clauses: list[Clause] = []
    for article in parsed.articles:
        clauses += _article_clauses(doc, article, aliases)
    return clauses


def _article_clauses(doc: Document, article: Article, aliases: dict[str, str]) -> list[Clause]:
    base = f"{doc.id}:{article_token(article.number, article.suffix)}"
    path = [clean_text(p) for p in article.path]
    refs = sorted({f"{r.law or _SELF}#{r.article}" for r in find_references(article.text, doc.title, aliases)
                   if not (r.law is None and r.article == article.number)})
    parts = split_article(article, MAX_ARTICLE_CHARS)
    if len(parts) <= 1:
        texts = [_clean_lines(article.text)]
    else:
        texts = [_clean_lines("\n".join(t for t in (p.lead, p.body, p.closing) if t)) for p in parts]
    return [Clause(clause_id=base if len(texts) == 1 else f"{base}.p{i}", doc_id=doc.id, section_path=list(path),
                   label=article.label, kind="article", text=text, start_line=article.start_line,
                   end_line=article.end_line, part=None if len(texts) == 1 else i, references=list(refs))
            for i, text in enumerate(texts, start=1)]


def _clean_lines(text: str) -> str:
    return "\n".join(line for line in (clean_text(x) for x in text.split("\n")) if line)


def _law_key(title: str) -> str:
    """A title as references write it: no 中华人民共和国 prefix, no 《》, no spaces."""
    title = re.sub(r"[《》\s]", "", title)
    return title[len(_CN_PREFIX):] if title.startswith(_CN_PREFIX) else title


def resolve_links(docs: list[Document], clauses: list[Clause]) -> None:
    """Fill `links` on every clause that cites an article present in the corpus (current version)."""
    by_title: dict[str, Document] = {}
    for doc in sorted(docs, key=lambda d: d.superseded_by is None):  # current versions win
        by_title[_law_key(doc.title)] = doc
    first_part: dict[tuple[str, str], str] = {}
    for c in clauses:
        if c.kind == "article":
            first_part.setdefault((c.doc_id, c.clause_id.split(":", 1)[1].split(".")[0]), c.clause_id)
    for clause in clauses:
        links = []
        for ref in clause.references:
            law, _, number = ref.rpartition("#")
            target = clause.doc_id if law == _SELF else getattr(by_title.get(_law_key(law)), "id", None)
            cid = first_part.get((target, f"art{number}")) if target else None
            if cid and cid not in links and not cid.startswith(clause.clause_id.split(".")[0] + "."):
                links.append(cid)
        clause.links = [c for c in links if c.split(".")[0] != clause.clause_id.split(".")[0]]
