"""How far an import has read, in the words the window and the command line show."""

from __future__ import annotations


def file_size_text(count: int) -> str:
    """A byte count as an analyst reads it: "212 MB", "1.0 GB", "18 KB"."""
    if count >= 1000**3:
        return f"{count / 1000**3:.1f} GB"
    if count >= 1000**2:
        return f"{count // 1000**2} MB"
    if count >= 1000:
        return f"{count // 1000} KB"
    return f"{count} bytes"


def bytes_read_text(read: int, size: int) -> str:
    """ "212 MB of 1.0 GB": how much of the current file the import has saved."""
    return f"{file_size_text(read)} of {file_size_text(size)}"
