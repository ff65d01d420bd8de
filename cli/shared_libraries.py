"""Which shared libraries a Linux library file asks for, and which of them cannot be loaded.

Read from the file itself (the ``DT_NEEDED`` entries of its ELF dynamic section) and tried
with the system's own loader through :mod:`ctypes`, so the answer is the one Qt will meet
when it loads the file, with no external tool (``ldd``, ``readelf``) needed.
"""

from __future__ import annotations

import ctypes
import struct
from collections.abc import Iterable
from pathlib import Path

_SHT_DYNAMIC = 6
_DT_NEEDED = 1
_NOT_FOUND = ": cannot open shared object file"


def needed_libraries(library: Path) -> list[str]:
    """The sonames ``library`` names as needed, in its own order; [] for a file that is not
    an ELF shared object (or has no section headers, as a fully stripped one may not).

    >>> import sys
    >>> "libc.so.6" in needed_libraries(Path(sys.executable)) or sys.platform != "linux"
    True
    """
    data = library.read_bytes()
    if data[:4] != b"\x7fELF" or len(data) < 64:
        return []
    wide = data[4] == 2  # ELFCLASS64
    order = "<" if data[5] == 1 else ">"  # ELFDATA2LSB
    if wide:
        (sections_at,) = struct.unpack_from(order + "Q", data, 0x28)
        entry_size, count = struct.unpack_from(order + "HH", data, 0x3A)
        header = order + "IIQQQQIIQQ"
        dynamic_entry = order + "qQ"
    else:
        (sections_at,) = struct.unpack_from(order + "I", data, 0x20)
        entry_size, count = struct.unpack_from(order + "HH", data, 0x2E)
        header = order + "IIIIIIIIII"
        dynamic_entry = order + "iI"
    if not sections_at or sections_at + entry_size * count > len(data):
        return []
    sections = [
        struct.unpack_from(header, data, sections_at + index * entry_size) for index in range(count)
    ]
    needed: list[str] = []
    for _name, kind, _flags, _addr, offset, size, link, *_rest in sections:
        if kind != _SHT_DYNAMIC or link >= len(sections):
            continue
        strings_at = sections[link][4]
        for tag, value in struct.iter_unpack(dynamic_entry, data[offset : offset + size]):
            if tag == 0:  # DT_NULL ends the table
                break
            if tag == _DT_NEEDED:
                end = data.index(b"\0", strings_at + value)
                needed.append(data[strings_at + value : end].decode("utf-8", "replace"))
    return needed


def unloadable(sonames: Iterable[str]) -> list[str]:
    """The libraries the system loader cannot find, in the order first met: each soname
    that fails to load, or, when it is there but one of its own libraries is not, that one.

    >>> unloadable(["libc.so.6", "libcommunique-nowhere.so.1"])
    ['libcommunique-nowhere.so.1']
    """
    missing: list[str] = []
    for soname in sonames:
        try:
            ctypes.CDLL(soname)
        except OSError as error:
            text = str(error)
            culprit = text.split(_NOT_FOUND)[0] if _NOT_FOUND in text else soname
            culprit = Path(culprit).name or soname
            if culprit not in missing:
                missing.append(culprit)
    return missing
