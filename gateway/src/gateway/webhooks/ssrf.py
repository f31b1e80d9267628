"""Where a webhook may be sent: the SSRF rules, checked when an endpoint is registered and again
at every delivery, after DNS resolution, on the address then connected to.

In production a receiver is an ``https`` URL whose host resolves only to public addresses; in
development (``make run``) loopback receivers are allowed too, also over plain ``http``. A host
is refused in numeric forms other than the standard ones (``2130706433``, ``0177.0.0.1``,
``0x7f.1``: resolvers read them as addresses, filters often do not). IPv6 addresses that embed
an IPv4 one (IPv4-mapped ``::ffff:0:0/96``, 6to4 ``2002::/16``, NAT64 ``64:ff9b::/96``) are
judged by the IPv4 address they carry; Teredo is refused. A delivery connects to an address it
resolved and checked itself (never resolving the name again, which a rebinding DNS could answer
differently) and never follows a redirect.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

MAX_URL_LENGTH = 2048
RESOLVE_TIMEOUT_SECONDS = 5.0
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$")
_HOST_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")


class RefusedTarget(ValueError):
    """A receiver URL or address that may not be called, and why (never echoing the URL)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Target:
    """A receiver URL taken apart: what to resolve, and what to put in the request."""

    scheme: str
    host: str
    """A DNS name (lower case, IDNA) or an IP address (without brackets)."""
    port: int
    path: str
    """Path and query, as given ("/" when empty)."""

    @property
    def literal(self) -> IPAddress | None:
        try:
            return ipaddress.ip_address(self.host)
        except ValueError:
            return None

    @property
    def host_header(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        default = 443 if self.scheme == "https" else 80
        return host if self.port == default else f"{host}:{self.port}"

    def url_for(self, address: IPAddress) -> str:
        """The URL that connects to ``address`` itself (the Host header names the host)."""
        host = f"[{address}]" if address.version == 6 else str(address)
        return f"{self.scheme}://{host}:{self.port}{self.path}"


def parse_url(url: str, *, allow_loopback: bool) -> Target:
    """The receiver URL checked for what can be judged without DNS; RefusedTarget otherwise."""
    if len(url) > MAX_URL_LENGTH:
        raise RefusedTarget(f"The URL is longer than {MAX_URL_LENGTH} characters.")
    if not url.isascii() or any(ch.isspace() or ord(ch) < 32 for ch in url):
        raise RefusedTarget("The URL must be ASCII without spaces (IDNA-encode the host).")
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise RefusedTarget("The URL cannot be parsed (host or port).") from None
    scheme = parts.scheme.lower()
    if scheme not in ("https", "http"):
        raise RefusedTarget("Only https URLs are allowed.")
    if scheme == "http" and not allow_loopback:
        raise RefusedTarget("Only https URLs are allowed.")
    if parts.username is not None or parts.password is not None:
        raise RefusedTarget("Credentials in the URL are not allowed.")
    if parts.fragment:
        raise RefusedTarget("A URL fragment is not allowed.")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise RefusedTarget("The URL has no host.")
    target = Target(
        scheme=scheme,
        host=host,
        port=port or (443 if scheme == "https" else 80),
        path=(parts.path or "/") + (f"?{parts.query}" if parts.query else ""),
    )
    if port == 0:
        raise RefusedTarget("Port 0 is not allowed.")
    literal = target.literal
    if literal is not None:
        if "%" in host:
            raise RefusedTarget("A scoped IPv6 address is not allowed.")
        check_address(literal, allow_loopback=allow_loopback, plain_http=scheme == "http")
        return target
    labels = host.split(".")
    if _NUMERIC_LABEL.match(labels[-1]):
        # No top-level domain is numeric: this is an address in a non-standard form.
        raise RefusedTarget(
            "A numeric host must be a standard IPv4 or IPv6 address (no decimal, octal or "
            "hexadecimal forms)."
        )
    if not all(_HOST_LABEL.match(label) for label in labels):
        raise RefusedTarget("The URL's host is not a valid DNS name.")
    return target


def _embedded_ipv4(address: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def refusal(address: IPAddress, *, allow_loopback: bool) -> str | None:
    """Why ``address`` may not be called, or None when it may."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.teredo is not None:
            return "a Teredo"
        embedded = _embedded_ipv4(address)
        if embedded is not None:
            return refusal(embedded, allow_loopback=allow_loopback)
    if address.is_loopback:
        return None if allow_loopback else "a loopback"
    if address.is_unspecified:
        return "an unspecified (0.0.0.0 or ::)"
    if address.is_link_local:
        return "a link-local"
    if address.is_multicast:
        return "a multicast"
    if address.is_private:
        return "a private"
    if address.is_reserved or not address.is_global:
        return "a non-public"
    return None


def check_address(address: IPAddress, *, allow_loopback: bool, plain_http: bool) -> None:
    """RefusedTarget unless ``address`` may be called (plain http: only a loopback one)."""
    reason = refusal(address, allow_loopback=allow_loopback)
    if reason is not None:
        raise RefusedTarget(
            f"The URL's host is {reason} address; only public addresses are allowed."
        )
    if plain_http and not _is_loopback(address):
        raise RefusedTarget("Only https URLs are allowed (plain http only to loopback).")


def _is_loopback(address: IPAddress) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and (embedded := _embedded_ipv4(address)):
        return embedded.is_loopback
    return address.is_loopback


async def resolve(target: Target, *, allow_loopback: bool) -> list[IPAddress]:
    """Every address the host resolves to, each one checked; RefusedTarget if any is refused
    (a name answering with one public and one private address is refused as a whole)."""
    literal = target.literal
    if literal is not None:
        check_address(literal, allow_loopback=allow_loopback, plain_http=target.scheme == "http")
        return [literal]
    try:
        infos = await asyncio.wait_for(
            asyncio.get_running_loop().getaddrinfo(
                target.host, target.port, type=socket.SOCK_STREAM
            ),
            RESOLVE_TIMEOUT_SECONDS,
        )
    except (socket.gaierror, UnicodeError):
        raise RefusedTarget("The URL's host does not resolve.") from None
    except TimeoutError:
        raise RefusedTarget("The URL's host did not resolve in time.") from None
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise RefusedTarget("The URL's host does not resolve.")
    for address in addresses:
        check_address(address, allow_loopback=allow_loopback, plain_http=target.scheme == "http")
    return addresses
