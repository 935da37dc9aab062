"""Gradio interface for the knowledge base (mounted on the API app by kb.api.create_app)."""
from .app import build_ui, mount_ui

__all__ = ["build_ui", "mount_ui"]
