"""Domain errors. Each message says what is wrong and how to fix it."""


class KBError(Exception):
    """Base class for every error the knowledge base reports to a person."""


class CorpusError(KBError):
    """A document or the corpus manifest cannot be used."""


class UnsupportedFormat(CorpusError):
    """A file type the parser does not read."""


class IndexError_(KBError):
    """The index on disk is missing, damaged or built with other settings."""


class IndexMissing(IndexError_):
    """No index has been built yet."""


class IndexStale(IndexError_):
    """The index was built from another corpus, model or schema."""


class QueryError(KBError):
    """A question or its filters cannot be searched."""
