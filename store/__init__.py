"""The model of Communiqué Desk: releases, tags, highlights and their SQLite store.

Nothing in this package imports Qt or the ``gui`` package (an import-linter contract in
``pyproject.toml`` and ``tests/store/test_layering.py`` keep it that way).
"""
