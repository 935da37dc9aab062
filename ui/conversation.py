"""The 问答 conversation: asking with earlier questions as context, and the chat's messages."""
from __future__ import annotations

import inspect

from ui import render

MAX_HISTORY = 6  # earlier questions passed along: enough for 那…呢 follow-ups, bounded in size


def accepts_history(ask) -> bool:
    """Whether `KnowledgeBase.ask` takes `history=` (being added on another branch)."""
    try:
        params = inspect.signature(ask).parameters
    except (TypeError, ValueError):
        return False
    return "history" in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())


def ask(kb, question: str, history: list[str]):
    """`kb.ask(question, history=[…])` when the knowledge base supports it, else `kb.ask(question)`."""
    if history and accepts_history(kb.ask):
        return kb.ask(question, history=history[-MAX_HISTORY:])
    return kb.ask(question)


def answer_dict(ans) -> dict:
    """The answer as a plain dict, with `resolved_query` whether or not this `Answer` has the field."""
    data = ans.to_dict()
    data.setdefault("resolved_query", getattr(ans, "resolved_query", None))
    return data


def new_state() -> dict:
    """Per-browser conversation: the chat's messages and the answered turns (for history and export)."""
    return {"messages": [], "turns": []}


def add_turn(state: dict, question: str, html: str, answered: dict | None) -> dict:
    """The state with one more exchange; a turn that failed (empty question…) is shown, not remembered."""
    messages = state["messages"] + [{"role": "user", "content": render.esc(question)},
                                    {"role": "assistant", "content": html}]
    turns = state["turns"] + ([{"question": question, "answer": answered}] if answered else [])
    return {"messages": messages, "turns": turns}


def history(state: dict) -> list[str]:
    """The questions asked so far, as typed, oldest first."""
    return [t["question"] for t in state["turns"]]
