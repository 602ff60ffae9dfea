"""Extractors: pure functions over a parsed document that return records (no I/O)."""
