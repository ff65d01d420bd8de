"""Turning files analysts have (page dumps, HTML, feeds, Markdown, JSON/CSV) into releases."""
