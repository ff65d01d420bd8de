"""Which addresses a subscription may reach: public ones, unless private ones are allowed.

A feed address is typed or pasted by the analyst, and a redirect is chosen by a server: left
unchecked, either could make the desk fetch from the machine itself (127.0.0.1), the office
network or a cloud's metadata address (169.254.169.254). The host is resolved and every
address it resolves to is checked, so a public-looking name that points at 127.0.0.1 is
refused as well.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from store.fetch.errors import FetchError

_DEFAULT_PORTS = {"http": 80, "https": 443}


def check_reachable(url: str, allow_private: bool) -> None:
    """Raise :class:`FetchError` when ``url``'s host cannot be found, or (unless
    ``allow_private``) when any address it resolves to is not a public one.

    >>> try:
    ...     check_reachable("http://127.0.0.1:8080/feed", allow_private=False)
    ... except FetchError as error:
    ...     print(str(error)[:55])
    127.0.0.1 is a loopback or private address (127.0.0.1),
    """
    parts = urlsplit(url)
    host = parts.hostname
    if not host:
        raise FetchError(f"{url} names no host.")
    for address in _addresses(host, parts.port or _DEFAULT_PORTS.get(parts.scheme, 80)):
        if not allow_private and not _is_public(address):
            raise FetchError(
                f"{host} is a loopback or private address ({address}), which subscriptions "
                "may not reach unless private addresses are allowed."
            )


def _addresses(host: str, port: int) -> set[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return {ipaddress.ip_address(host)}
    except ValueError:
        pass
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchError(f"The name {host} could not be found.") from None
    # A scoped IPv6 address ("fe80::1%eth0") carries its interface after the address.
    return {ipaddress.ip_address(info[4][0].split("%")[0]) for info in found}


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast
