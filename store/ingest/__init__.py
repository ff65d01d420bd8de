"""Parsers: files analysts have (page dumps, HTML, feeds, Markdown, JSON/CSV, REFI-QDA) turned
into parsed releases. They write nothing; ``store.imports`` saves what they read."""
