"""Country and language names as the window shows them: CLDR's English names (babel), the
code itself for one CLDR does not know.

The store keeps codes (ISO 3166-1 alpha-2 for countries, the BCP 47 primary subtag for
languages); an analyst reads "Kosovo" and "French" more readily than "XK" and "fr".
"""

from __future__ import annotations

from functools import cache

from babel import Locale


@cache
def _english() -> Locale:
    return Locale("en")


def country_name(code: str) -> str:
    """
    >>> country_name("XK"), country_name("QQ")
    ('Kosovo', 'QQ')
    """
    return _english().territories.get(code.upper(), code)


def language_name(code: str) -> str:
    """
    >>> language_name("fr"), language_name("qqq")
    ('French', 'qqq')
    """
    return _english().languages.get(code.lower(), code)
