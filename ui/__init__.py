"""Gradio interface for the knowledge base (mounted on the API app through the kb.frontends entry point)."""
from ui.app import build_ui, mount_ui

__all__ = ["build_ui", "mount_ui"]
