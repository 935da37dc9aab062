"""Offline knowledge base of Beijing environmental-policy clauses with cited answers."""
from kb.answer.extract import Answer
from kb.errors import CorpusError, IndexMissing, IndexStale, KBError, QueryError
from kb.knowledge import KnowledgeBase
from kb.model import Clause, Document
from kb.search.searcher import Filters, Hit

__all__ = ["KnowledgeBase", "Clause", "Document", "Hit", "Answer", "Filters",
           "KBError", "CorpusError", "IndexMissing", "IndexStale", "QueryError"]
