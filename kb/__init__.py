"""Offline knowledge base of Beijing environmental-policy clauses with cited answers."""
from .answer import Answer
from .errors import CorpusError, IndexMissing, IndexStale, KBError, QueryError
from .knowledge import KnowledgeBase
from .model import Clause, Document
from .search import Filters, Hit

__all__ = ["KnowledgeBase", "Clause", "Document", "Hit", "Answer", "Filters",
           "KBError", "CorpusError", "IndexMissing", "IndexStale", "QueryError"]
