"""Entente: knowledge graphs of international politics from articles."""

__version__ = "0.1.0"
