#!/usr/bin/env python3
"""Writes a DER CRL with N entries, signed by the test issuing CA (TestVectors/keys), for the
revocation benchmark. Entries are built as bytes (a cryptography CertificateListBuilder needs
minutes and gigabytes for a million entries); the result is checked to be a valid CRL with
cryptography when N is small enough to load quickly.

usage: make_large_crl.py N OUT.crl
"""
import hashlib
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding


def tlv(tag: int, content: bytes) -> bytes:
    n = len(content)
    if n < 0x80:
        length = bytes([n])
    else:
        octets = n.to_bytes((n.bit_length() + 7) // 8, "big")
        length = bytes([0x80 | len(octets)]) + octets
    return bytes([tag]) + length + content


def integer(value: bytes) -> bytes:
    value = value.lstrip(b"\x00") or b"\x00"
    if value[0] & 0x80:
        value = b"\x00" + value
    return tlv(0x02, value)


def main() -> None:
    count, out = int(sys.argv[1]), sys.argv[2]
    root = __file__.rsplit("/Benchmarks/", 1)[0]
    ca = x509.load_pem_x509_certificate(open(f"{root}/TestVectors/certificates/issuing-ca.pem", "rb").read())
    key = serialization.load_pem_private_key(open(f"{root}/TestVectors/keys/issuing-ca-key.pem", "rb").read(), None)
    ski = ca.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    algorithm = tlv(0x30, tlv(0x06, bytes.fromhex("2a864886f70d01010b")) + b"\x05\x00")
    reason_ext = {code: tlv(0x30, tlv(0x30, tlv(0x06, bytes.fromhex("551d15")) + tlv(0x04, tlv(0x0A, bytes([code])))))
                  for code in (1, 3, 4, 5)}
    date = tlv(0x17, b"260515000000Z")
    entries = bytearray()
    for index in range(count):
        # Distinct 16-octet serials, reproducible; every fourth entry carries a reasonCode.
        serial = hashlib.sha256(index.to_bytes(8, "big")).digest()[:16]
        body = integer(b"\x01" + serial[1:]) + date
        if index % 4 == 0:
            body += reason_ext[(1, 3, 4, 5)[index // 4 % 4]]
        entries += tlv(0x30, body)
    aki = tlv(0x30, tlv(0x06, bytes.fromhex("551d23")) + tlv(0x04, tlv(0x30, tlv(0x80, ski))))
    number = tlv(0x30, tlv(0x06, bytes.fromhex("551d14")) + tlv(0x04, integer((42).to_bytes(1, "big"))))
    tbs = tlv(0x30, integer(b"\x01") + algorithm + ca.subject.public_bytes() + tlv(0x17, b"260601000000Z")
              + tlv(0x17, b"260608000000Z") + tlv(0x30, bytes(entries)) + tlv(0xA0, tlv(0x30, aki + number)))
    signature = key.sign(tbs, padding.PKCS1v15(), hashes.SHA256())
    crl = tlv(0x30, tbs + algorithm + tlv(0x03, b"\x00" + signature))
    with open(out, "wb") as f:
        f.write(crl)
    if count <= 1000:
        parsed = x509.load_der_x509_crl(crl)
        assert parsed.is_signature_valid(ca.public_key()) and len(parsed) == count


if __name__ == "__main__":
    main()
