"""Widgets of the main window: reader, filters, highlights panel (and the codebook's)."""
