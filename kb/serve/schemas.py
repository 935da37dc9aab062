"""Request and response models of the HTTP API (they also document it at /docs)."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from kb.model import DOC_ID_PATTERN
from kb.search.query import MAX_QUERY_CHARS
from kb.search.searcher import MAX_K, MODES, Hit  # Hit is a dataclass: pydantic documents it as it is


# ---- request models ---------------------------------------------------------
class Question(BaseModel):
    """A question and optional filters (shared by /search and /ask)."""

    q: str = Field(min_length=1, max_length=MAX_QUERY_CHARS, description="问题 / the question")
    doc_ids: list[str] = Field(default_factory=list, description="只检索这些文件 / restrict to documents")
    doc_types: list[str] = Field(default_factory=list, description="文件类型，如 规划 / document types")
    year: int | None = Field(None, ge=2000, le=2100, description="目标年份 / target year")
    district: str | None = Field(None, max_length=20, description="区，如 海淀区 / district")


class SearchRequest(Question):
    k: int = Field(10, ge=1, le=MAX_K, description="返回条款数 / number of clauses")
    mode: Literal[MODES] = Field("hybrid", description="hybrid | bm25 | dense")


class AskRequest(Question):
    k: int = Field(5, ge=1, le=MAX_K, description="检索的候选条款数 / clauses to consider")
    history: list[str] = Field(default_factory=list, max_length=20,
                               description="此前的问题（由早到晚），用于补全追问 / earlier questions, oldest first")


class DocumentUpload(BaseModel):
    """Form fields sent with an uploaded document (POST /documents); all optional."""

    id: str | None = Field(None, pattern=DOC_ID_PATTERN,
                           description="文件编号，小写字母、数字、- / document id (default: from the file name)")
    title: str | None = Field(None, max_length=200, description="标题 / title (default: the file name)")
    issuer: list[str] = Field(default_factory=list, max_length=10, description="发文机关，可用逗号分隔 / issuers")
    date: str | None = Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="发布日期 YYYY-MM-DD / publication date")
    type: str | None = Field(None, max_length=20, description="文件类型，如 规划、通知 / document type")
    number: str | None = Field(None, max_length=50, description="文号 / document number")
    scope: str | None = Field(None, max_length=20, description="适用范围，如 全市、丰台区 / scope")


# ---- response models --------------------------------------------------------
class SearchResponse(BaseModel):
    query: str
    mode: str
    retrieval: str = Field(description="检索实际使用的方式 / the retrievers that ran: hybrid, bm25 or dense")
    notice: str | None = Field(None, description="服务繁忙时的提示 / set when busy and keyword-only")
    count: int
    hits: list[Hit]


class ReferencedOut(BaseModel):
    """An article a cited clause refers to ("依照本法第X条")."""

    clause_id: str
    label: str
    doc_title: str
    text: str


class CitationOut(BaseModel):
    """A cited clause (the fields of a search hit) with its level, version and referenced articles."""

    model_config = {"extra": "allow"}  # every field of a search Hit comes through
    clause_id: str
    doc_id: str
    doc_title: str
    label: str
    text: str
    level: str | None = Field(None, description="国家法律 / 地方性法规（北京市）…")
    version_note: str | None = Field(None, description="旧版本时为 已被 YYYY年修订 / set on an amended version")
    referenced: list[ReferencedOut] = Field(default_factory=list, description="该条引用的条款 / cited articles")


class AnswerOut(BaseModel):
    query: str
    answerable: bool
    answer: str
    value: str | None
    kind: str
    found: bool = Field(True, description="文件是否规定了所问内容 / False: not stated, related clauses follow")
    resolved_query: str | None = Field(None, description="补全后的追问 / the follow-up as completed")
    citations: list[CitationOut]
    id: str | None = None
    retrieval: str = Field("hybrid", description="检索实际使用的方式 / the retrievers that ran")
    notice: str | None = Field(None, description="服务繁忙时的提示 / set when busy and keyword-only")


class DocumentOut(BaseModel):
    id: str
    title: str
    issuer: list[str]
    number: str | None
    date: str | None
    date_written: str | None
    date_published: str | None
    status: str | None
    type: str | None
    scope: str
    period: str | None
    target_year: int | None
    n_clauses: int


class SectionOut(BaseModel):
    title: str
    clause_ids: list[str]
    children: list["SectionOut"]


class DocumentDetail(DocumentOut):
    outline: SectionOut = Field(description="章节树；根节点（title 为空）含无标题条款 / section tree")


class ClauseOut(BaseModel):
    clause_id: str
    doc_id: str
    section_path: list[str]
    section: str
    label: str
    kind: str
    text: str
    start_line: int
    end_line: int
    fields: dict[str, str]


class ClauseContext(BaseModel):
    clause: ClauseOut
    document: DocumentOut
    before: list[ClauseOut]
    after: list[ClauseOut]


class TargetsResponse(BaseModel):
    indicator: str
    count: int
    rows: list[dict[str, Any]]


class DocumentChange(BaseModel):
    """The result of adding or removing a document: the index version now in service."""

    action: Literal["added", "removed"]
    id: str
    title: str
    file: str
    n_clauses: int = Field(description="该文件的条款数 / the document's clauses")
    index: str = Field(description="现用索引版本 / index version now in service")
    total_documents: int
    total_clauses: int


class FileResult(BaseModel):
    """One file of a batch upload: the document it became, or why it was refused."""

    file: str
    id: str | None = None
    title: str | None = None
    type: str | None = None
    n_clauses: int = 0
    error: str | None = Field(None, description="拒收原因 / why the file was refused")
    warnings: list[str] = Field(default_factory=list)


class BatchChange(BaseModel):
    """The result of a batch upload: every file's outcome and the index version now in service."""

    index: str | None = Field(description="现用索引版本（无文件加入时为空）/ index version now in service")
    total_documents: int
    total_clauses: int
    files: list[FileResult]


class Health(BaseModel):
    status: str
    index: str
    model_id: str | None
    dense: bool
    n_clauses: int | None
    n_documents: int | None
    built_at: str | None
