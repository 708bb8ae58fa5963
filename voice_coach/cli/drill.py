"""CLI commands: drill (stub — being built)."""

from __future__ import annotations


def register(sub) -> None:
    """Add this module's commands to the `voice-coach` parser."""
