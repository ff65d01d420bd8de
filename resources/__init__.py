"""Data the program ships: the sample releases, the icon, the desktop entry, and the tables
an analyst may edit.

Read through ``importlib.resources`` (:func:`shipped`) so that an installed copy (a wheel,
``pipx install``) finds them as a checkout does.
"""

from importlib.resources import files
from importlib.resources.abc import Traversable

# One name for the program on the desktop: the desktop entry's file name, the icon's name in
# the icon theme, and what the window tells the desktop it is (Wayland's app id).
DESKTOP_ID = "communique-desk"
SAMPLES = "samples"
ICON = f"{DESKTOP_ID}.svg"
DESKTOP_ENTRY = f"{DESKTOP_ID}.desktop"


def shipped(name: str) -> Traversable:
    """A file or folder the program ships, by its name in this package.

    >>> shipped(ICON).read_text(encoding="utf-8").count("<svg")
    1
    """
    return files(__name__) / name
