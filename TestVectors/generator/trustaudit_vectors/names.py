"""Distinguished names, serial numbers and publication URLs of the test PKI."""

from __future__ import annotations

import hashlib

from .der import ia5_string, oid, printable_string, seq, set_of, utf8_string
from .oids import OID_C, OID_CN, OID_EMAIL_ADDRESS, OID_JURISDICTION_C, OID_O, OID_SERIAL_NUMBER


def name(*rdns: tuple) -> bytes:
    """RDNSequence, one attribute per RDN, given in encoding order (C first)."""
    out = []
    for attr_oid, value in rdns:
        v = printable_string(value) if attr_oid == OID_C else utf8_string(value)
        out.append(set_of(seq(oid(attr_oid), v)))
    return seq(*out)


ROOT_NAME = name((OID_C, "BE"), (OID_O, "TrustAudit Test"), (OID_CN, "TrustAudit Test Root CA"))
ISSUING_NAME = name((OID_C, "BE"), (OID_O, "TrustAudit Test"), (OID_CN, "TrustAudit Test Issuing CA"))
TSU_NAME = name((OID_C, "BE"), (OID_O, "TrustAudit Test"), (OID_CN, "TrustAudit Test TSU"))
OTHER_ROOT_NAME = name((OID_C, "BE"), (OID_O, "TrustAudit Test"), (OID_CN, "TrustAudit Other Root"))


def alice_name(cn: str = "Alice Test") -> bytes:
    return name((OID_C, "BE"), (OID_CN, cn))


def serial_for(label: str) -> bytes:
    """Fixed 16-octet positive serial (first octet 0x01..0x7f) derived from a label."""
    h = bytearray(hashlib.sha256(b"TrustAudit serial/" + label.encode()).digest()[:16])
    h[0] &= 0x7F
    if h[0] == 0:
        h[0] = 0x01
    return bytes(h)


# X.520 serialNumber and the EV jurisdictionCountryName are PrintableString by
# definition (not DirectoryString), like countryName; every other attribute used
# here is a DirectoryString and is written as UTF8String.
PRINTABLE_ATTRS = (OID_C, OID_SERIAL_NUMBER, OID_JURISDICTION_C)


def dn(rdns) -> bytes:
    """RDNSequence, one attribute per RDN, in the given order."""
    out = []
    for attr_oid, value in rdns:
        if isinstance(value, bytes):  # a value encoded by the caller (a deliberately wrong string type)
            v = value
        elif attr_oid == OID_EMAIL_ADDRESS:
            v = ia5_string(value)
        else:
            v = printable_string(value) if attr_oid in PRINTABLE_ATTRS else utf8_string(value)
        out.append(set_of(seq(oid(attr_oid), v)))
    return seq(*out)


def replace_attr(rdns, attr_oid: str, value: str):
    assert any(a == attr_oid for a, _ in rdns)
    return [(a, value if a == attr_oid else v) for a, v in rdns]


def drop_attr(rdns, attr_oid: str):
    assert any(a == attr_oid for a, _ in rdns)
    return [(a, v) for a, v in rdns if a != attr_oid]


def insert_after(rdns, attr_oid: str, new):
    out = []
    for a, v in rdns:
        out.append((a, v))
        if a == attr_oid:
            out.append(new)
    assert len(out) == len(rdns) + 1
    return out


# Where the test PKI publishes its CRL, CA certificates and OCSP responder (CRLDP and AIA).
CRL_URL = "http://crl.trustaudit.test/issuing.crl"
CA_ISSUERS_URL = "http://pki.trustaudit.test/issuing.cer"
OCSP_URL = "http://ocsp.trustaudit.test"
ROOT_CRL_URL = "http://crl.trustaudit.test/root.crl"
ROOT_CA_ISSUERS_URL = "http://pki.trustaudit.test/root.cer"
