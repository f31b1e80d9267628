"""The address a request comes from, for limits that apply before anyone is authenticated.

The socket's peer is the address, unless the peer is one of the configured trusted proxies
(``AGORA_GATEWAY_TRUSTED_PROXIES``): then ``X-Forwarded-For`` is read from the right, each hop a
trusted proxy vouches for, up to the first address that is not a trusted proxy. Entries left of
it were written by the client and are never believed. An IPv6 client is counted by its /64, the
block one subscriber usually gets, so rotating addresses inside it buys nothing.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from starlette.types import Scope

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
UNKNOWN = "unknown"


def _parse(text: str) -> IPAddress | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # "[2001:db8::1]:443"
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # "192.0.2.1:443"
        text = text.split(":", 1)[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _key(address: IPAddress) -> str:
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


class ClientAddresses:
    """Which address a request counts against."""

    def __init__(self, trusted_proxies: Sequence[Network] = ()) -> None:
        self.trusted_proxies = tuple(trusted_proxies)

    def _trusted(self, address: IPAddress) -> bool:
        return any(address in network for network in self.trusted_proxies)

    def of(self, scope: Scope) -> str:
        """The client's address (an IPv6 client's /64), or ``unknown`` without a peer."""
        address = self.address_of(scope)
        return UNKNOWN if address is None else _key(address)

    def address_of(self, scope: Scope) -> IPAddress | None:
        """The client's own address (not its /64), or None without a peer."""
        client = scope.get("client")
        peer = _parse(str(client[0])) if client else None
        if peer is None:
            return None
        if self.trusted_proxies and self._trusted(peer):
            forwarded = b",".join(
                value for name, value in scope["headers"] if name.lower() == b"x-forwarded-for"
            ).decode("latin-1")
            for hop in reversed(forwarded.split(",") if forwarded else []):
                address = _parse(hop)
                if address is None:
                    break  # not written by a proxy we trust: stay with the last one that was
                peer = address
                if not self._trusted(address):
                    break
        return peer
