"""Entraide: a mentored learning community in a Git repository."""

__version__ = "0.1.0"
