"""Minimal DER encoder (X.690): one helper per ASN.1 type the vectors use.

All ASN.1 is produced here by hand, not by a library, so that deliberately broken encodings
(non-minimal lengths and integers, BOOLEAN 01, indefinite lengths, ...) can be made on purpose,
byte by byte.
"""

from __future__ import annotations

import base64


def enc_len(n: int) -> bytes:
    """Definite, minimal DER length."""
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag: int, content: bytes) -> bytes:
    return bytes([tag]) + enc_len(len(content)) + content


def seq(*items: bytes) -> bytes:
    return tlv(0x30, b"".join(items))


def set_of(*items: bytes) -> bytes:
    """DER SET OF: elements sorted by their encodings (X.690 11.6)."""
    return tlv(0x31, b"".join(sorted(items)))


def integer(v: int) -> bytes:
    """Minimal two's-complement INTEGER."""
    if v == 0:
        body = b"\x00"
    elif v > 0:
        body = v.to_bytes(v.bit_length() // 8 + 1, "big")  # room for a sign bit
        if len(body) > 1 and body[0] == 0 and body[1] < 0x80:
            body = body[1:]
    else:
        n = 1
        while not (-(1 << (8 * n - 1)) <= v):
            n += 1
        body = v.to_bytes(n, "big", signed=True)
    return tlv(0x02, body)


def integer_raw(content: bytes) -> bytes:
    """INTEGER with caller-supplied content octets (may be non-DER)."""
    return tlv(0x02, content)


def boolean(v: bool) -> bytes:
    return tlv(0x01, b"\xff" if v else b"\x00")


def boolean_raw(octet: int) -> bytes:
    return tlv(0x01, bytes([octet]))


def null() -> bytes:
    return b"\x05\x00"


def oid(dotted: str) -> bytes:
    arcs = [int(a) for a in dotted.split(".")]
    first = arcs[0] * 40 + arcs[1]
    body = bytearray()
    for arc in [first] + arcs[2:]:
        chunk = [arc & 0x7F]
        arc >>= 7
        while arc:
            chunk.append(0x80 | (arc & 0x7F))
            arc >>= 7
        body.extend(reversed(chunk))
    return tlv(0x06, bytes(body))


def bit_string(data: bytes, unused: int = 0) -> bytes:
    return tlv(0x03, bytes([unused]) + data)


def named_bits(*bits: int) -> bytes:
    """DER BIT STRING for a NamedBitList: trailing zero bits removed (X.690 11.2.2)."""
    if not bits:
        return bit_string(b"")
    top = max(bits)
    nbytes = top // 8 + 1
    buf = bytearray(nbytes)
    for b in bits:
        buf[b // 8] |= 0x80 >> (b % 8)
    return bit_string(bytes(buf), 7 - (top % 8))


def octet_string(data: bytes) -> bytes:
    return tlv(0x04, data)


def utc_time(s: str) -> bytes:
    return tlv(0x17, s.encode("ascii"))


def generalized_time(s: str) -> bytes:
    return tlv(0x18, s.encode("ascii"))


def printable_string(s: str) -> bytes:
    return tlv(0x13, s.encode("ascii"))


def utf8_string(s: str) -> bytes:
    return tlv(0x0C, s.encode("utf-8"))


def ia5_string(s: str) -> bytes:
    return tlv(0x16, s.encode("ascii"))


def explicit(n: int, content: bytes) -> bytes:
    """[n] EXPLICIT (context-specific, constructed)."""
    return tlv(0xA0 | n, content)


def implicit_prim(n: int, content: bytes) -> bytes:
    """[n] IMPLICIT over a primitive type: content octets of the underlying type."""
    return tlv(0x80 | n, content)


def implicit_cons(n: int, content: bytes) -> bytes:
    """[n] IMPLICIT over a constructed type (SEQUENCE/SET): content octets of it."""
    return tlv(0xA0 | n, content)


def der_content(encoded: bytes) -> bytes:
    """Content octets of a single definite-length TLV."""
    i = 1
    first = encoded[i]
    if first < 0x80:
        return encoded[2 : 2 + first]
    n = first & 0x7F
    length = int.from_bytes(encoded[2 : 2 + n], "big")
    return encoded[2 + n : 2 + n + length]


def header_len(encoded: bytes) -> int:
    first = encoded[1]
    return 2 if first < 0x80 else 2 + (first & 0x7F)


def pem(label: str, der: bytes) -> bytes:
    b64 = base64.b64encode(der).decode("ascii")
    lines = [b64[i : i + 64] for i in range(0, len(b64), 64)]
    return ("-----BEGIN %s-----\n%s\n-----END %s-----\n" % (label, "\n".join(lines), label)).encode("ascii")
