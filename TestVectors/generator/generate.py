#!/usr/bin/env python3
"""TrustAudit test-vector generator.

Builds every file under TestVectors/{certificates,revocation,timestamps,trusted-lists}/ and
TestVectors/expected.json from the committed test keys in TestVectors/keys/.
All ASN.1 is produced by the hand-rolled DER encoder below so that deliberately
broken encodings can be made; `cryptography` is used only for RSA keys and
RSA PKCS#1 v1.5 signing (deterministic), so the output is byte-for-byte
reproducible.

Usage:
    python3 TestVectors/generator/generate.py            # (re)write the vectors
    python3 TestVectors/generator/generate.py --check    # regenerate into a temp dir, diff, exit 1 on change
    python3 TestVectors/generator/generate.py --bulk N OUTDIR   # N conforming leaf certs (DER), not committed
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

TV_ROOT = Path(__file__).resolve().parent.parent  # .../TestVectors
KEYS_DIR = TV_ROOT / "keys"
OUTPUT_DIRS = ("certificates", "revocation", "timestamps", "trusted-lists")
OUTPUT_FILES = ("expected.json",)
EXPECTED_SCHEMA = "https://trustaudit.invalid/schemas/test-vectors-expected/1"

# --------------------------------------------------------------------------
# Minimal DER encoder
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# OIDs and fixed values
# --------------------------------------------------------------------------

OID_C, OID_O, OID_CN = "2.5.4.6", "2.5.4.10", "2.5.4.3"
OID_RSA = "1.2.840.113549.1.1.1"
OID_SHA256_RSA = "1.2.840.113549.1.1.11"
OID_SHA384_RSA = "1.2.840.113549.1.1.12"
OID_SHA256 = "2.16.840.1.101.3.4.2.1"
OID_SKI, OID_KU, OID_BC = "2.5.29.14", "2.5.29.15", "2.5.29.19"
OID_CP, OID_AKI, OID_EKU = "2.5.29.32", "2.5.29.35", "2.5.29.37"
OID_ANY_POLICY = "2.5.29.32.0"
OID_QCP_N_QSCD = "0.4.0.194112.1.2"
OID_KP_TIMESTAMPING = "1.3.6.1.5.5.7.3.8"
OID_SIGNED_DATA = "1.2.840.113549.1.7.2"
OID_CT_TSTINFO = "1.2.840.113549.1.9.16.1.4"
OID_ATTR_CONTENT_TYPE = "1.2.840.113549.1.9.3"
OID_ATTR_MESSAGE_DIGEST = "1.2.840.113549.1.9.4"
OID_ATTR_SIGNING_CERT_V2 = "1.2.840.113549.1.9.16.2.47"
# TSA policy: under the ITU-T/ISO "example" arc 2.999 (X.660), never a real policy.
OID_TSA_POLICY = "0.4.0.2023.1.1"  # EN 319 421 best-practices time-stamp policy

ALG_SHA256_RSA = seq(oid(OID_SHA256_RSA), null())
ALG_SHA384_RSA = seq(oid(OID_SHA384_RSA), null())
ALG_SHA256_RSA_NO_PARAMS = seq(oid(OID_SHA256_RSA))
ALG_SHA256 = seq(oid(OID_SHA256))  # RFC 5754: parameters absent

CA_NOT_BEFORE, CA_NOT_AFTER = "250101000000Z", "350101000000Z"
EE_NOT_BEFORE, EE_NOT_AFTER = "260101000000Z", "270101000000Z"

KU_DIGITAL_SIGNATURE, KU_NON_REPUDIATION, KU_KEY_CERT_SIGN, KU_CRL_SIGN = 0, 1, 5, 6

TST_DATA = b"TrustAudit test data"
TST_GEN_TIME = "20260601120000Z"


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


def alice_name(cn: str = "Alice Test") -> bytes:
    return name((OID_C, "BE"), (OID_CN, cn))


def serial_for(label: str) -> bytes:
    """Fixed 16-octet positive serial (first octet 0x01..0x7f) derived from a label."""
    h = bytearray(hashlib.sha256(b"TrustAudit serial/" + label.encode()).digest()[:16])
    h[0] &= 0x7F
    if h[0] == 0:
        h[0] = 0x01
    return bytes(h)


# --------------------------------------------------------------------------
# Keys
# --------------------------------------------------------------------------

# name -> RSA modulus size. "weak-rsa1024" exists only for the key-size vectors
# (etsi/qcp-n-qscd__rsa1024.pem, timestamps/token-tsu-rsa1024.tst); "qualified-ca" is the ETSI
# sub-CA of etsi/ca__*.pem; "other-root-ca" is the unrelated root of timestamps/token-other-ca.tst;
# "tl-signer" signs the trusted-lists/tl-signed*.xml vectors ("tl-signer-2": tl-signed-not-announced.xml, a key
# the test LOTL does not announce); "lotl-signer" signs lotl.xml (its certificate is anchors.pem),
# "lotl-signer-2" lotl-not-anchored.xml, "lotl-signer-3" the LOTLs after pivot 11 (lotl-via-pivot.xml,
# lotl-broken-pivot.xml) and "lotl-signer-4" the wrong pivot 14 (pivots/lotl-pivot-14.xml); "ocsp-responder" is the
# delegated OCSP responder of revocation/*.ocsp.
KEY_SIZES = {
    "root-ca": 2048,
    "issuing-ca": 2048,
    "leaf": 2048,
    "tsu": 2048,
    "qualified-ca": 2048,
    "weak-rsa1024": 1024,
    "other-root-ca": 2048,
    "tl-signer": 2048,
    "tl-signer-2": 2048,
    "lotl-signer": 2048,
    "lotl-signer-2": 2048,
    "lotl-signer-3": 2048,
    "lotl-signer-4": 2048,
    "ocsp-responder": 2048,
}
KEY_NAMES = tuple(KEY_SIZES)


def load_keys(keys_dir: Path, create: bool) -> dict:
    keys = {}
    for k in KEY_NAMES:
        p = keys_dir / ("%s-key.pem" % k)
        if p.exists():
            keys[k] = serialization.load_pem_private_key(p.read_bytes(), password=None)
        elif create:
            keys_dir.mkdir(parents=True, exist_ok=True)
            key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZES[k])
            p.write_bytes(
                key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )
            print("created new test key %s" % p, file=sys.stderr)
            keys[k] = key
        else:
            sys.exit("missing key %s (run without --check first)" % p)
        if not isinstance(keys[k], rsa.RSAPrivateKey):
            sys.exit("key %s is not RSA" % p)
        if keys[k].key_size != KEY_SIZES[k]:
            sys.exit("key %s is RSA-%d, expected RSA-%d" % (p, keys[k].key_size, KEY_SIZES[k]))
    return keys


def spki(key) -> bytes:
    nums = key.public_key().public_numbers()
    rsa_pub = seq(integer(nums.n), integer(nums.e))
    out = seq(seq(oid(OID_RSA), null()), bit_string(rsa_pub))
    # Cross-check the hand-rolled SPKI against the library's encoding.
    lib = key.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    assert out == lib, "SPKI encoding mismatch"
    return out


def key_id(key) -> bytes:
    """RFC 5280 4.2.1.2 method (1): SHA-1 of the subjectPublicKey BIT STRING value."""
    nums = key.public_key().public_numbers()
    return hashlib.sha1(seq(integer(nums.n), integer(nums.e))).digest()


def sign(key, data: bytes, algo=hashes.SHA256()) -> bytes:
    return key.sign(data, padding.PKCS1v15(), algo)


# --------------------------------------------------------------------------
# Extensions and certificates
# --------------------------------------------------------------------------


def extension(ext_oid: str, value: bytes, critical: bool = False, critical_raw: bytes | None = None) -> bytes:
    parts = [oid(ext_oid)]
    if critical_raw is not None:
        parts.append(critical_raw)
    elif critical:
        parts.append(boolean(True))  # FALSE is the DEFAULT and is never encoded
    parts.append(octet_string(value))
    return seq(*parts)


def ext_ski(key) -> bytes:
    return extension(OID_SKI, octet_string(key_id(key)))


def ext_aki(issuer_key) -> bytes:
    return extension(OID_AKI, seq(implicit_prim(0, key_id(issuer_key))))


def ext_bc_ca(path_len: int | None) -> bytes:
    inner = [boolean(True)]
    if path_len is not None:
        inner.append(integer(path_len))
    return extension(OID_BC, seq(*inner), critical=True)


def ext_ku(*bits: int, critical_raw: bytes | None = None) -> bytes:
    return extension(OID_KU, named_bits(*bits), critical=True, critical_raw=critical_raw)


def ext_cp(*policy_oids: str) -> bytes:
    return extension(OID_CP, seq(*[seq(oid(p)) for p in policy_oids]))


def ext_eku_critical(*kp: str) -> bytes:
    return extension(OID_EKU, seq(*[oid(k) for k in kp]), critical=True)


class Cert:
    """Parts of a certificate; each field is a ready TLV (or None to omit)."""

    def __init__(self, **kw):
        self.version = kw.get("version", explicit(0, integer(2)))
        self.serial = kw["serial"]
        self.tbs_sigalg = kw.get("tbs_sigalg", ALG_SHA256_RSA)
        self.issuer = kw["issuer"]
        self.not_before = kw.get("not_before", utc_time(EE_NOT_BEFORE))
        self.not_after = kw.get("not_after", utc_time(EE_NOT_AFTER))
        self.subject = kw["subject"]
        self.spki = kw["spki"]
        self.extensions = kw.get("extensions")  # list of Extension TLVs or None
        self.outer_sigalg = kw.get("outer_sigalg", self.tbs_sigalg)
        self.signer = kw["signer"]
        self.hash_algo = kw.get("hash_algo", hashes.SHA256())

    def tbs(self) -> bytes:
        parts = []
        if self.version is not None:
            parts.append(self.version)
        parts += [
            self.serial,
            self.tbs_sigalg,
            self.issuer,
            seq(self.not_before, self.not_after),
            self.subject,
            self.spki,
        ]
        if self.extensions is not None:
            parts.append(explicit(3, seq(*self.extensions)))
        return seq(*parts)

    def der(self) -> bytes:
        tbs = self.tbs()
        return seq(tbs, self.outer_sigalg, bit_string(sign(self.signer, tbs, self.hash_algo)))


class PKI:
    def __init__(self, keys: dict):
        self.keys = keys
        self.spki = {k: spki(v) for k, v in keys.items()}
        self.root = Cert(
            serial=integer_raw(serial_for("root-ca")),
            issuer=ROOT_NAME,
            subject=ROOT_NAME,
            not_before=utc_time(CA_NOT_BEFORE),
            not_after=utc_time(CA_NOT_AFTER),
            spki=self.spki["root-ca"],
            extensions=[
                ext_ski(keys["root-ca"]),
                ext_aki(keys["root-ca"]),
                ext_bc_ca(None),
                ext_ku(KU_KEY_CERT_SIGN, KU_CRL_SIGN),
            ],
            signer=keys["root-ca"],
        ).der()
        self.issuing = Cert(
            serial=integer_raw(serial_for("issuing-ca")),
            issuer=ROOT_NAME,
            subject=ISSUING_NAME,
            not_before=utc_time(CA_NOT_BEFORE),
            not_after=utc_time(CA_NOT_AFTER),
            spki=self.spki["issuing-ca"],
            extensions=[
                ext_ski(keys["issuing-ca"]),
                ext_aki(keys["root-ca"]),
                ext_bc_ca(0),
                ext_ku(KU_KEY_CERT_SIGN, KU_CRL_SIGN),
                ext_cp(OID_ANY_POLICY),
            ],
            signer=keys["root-ca"],
        ).der()
        self.tsu_serial = serial_for("tsu")
        self.tsu = Cert(
            serial=integer_raw(self.tsu_serial),
            issuer=ISSUING_NAME,
            subject=TSU_NAME,
            spki=self.spki["tsu"],
            extensions=[
                ext_ski(keys["tsu"]),
                ext_aki(keys["issuing-ca"]),
                ext_ku(KU_DIGITAL_SIGNATURE),
                ext_eku_critical(OID_KP_TIMESTAMPING),
            ],
            signer=keys["issuing-ca"],
        ).der()

    def leaf_extensions(self) -> list:
        return [
            ext_ski(self.keys["leaf"]),
            ext_aki(self.keys["issuing-ca"]),
            ext_ku(KU_NON_REPUDIATION),
        ]

    def leaf(self, label: str, **overrides) -> Cert:
        kw = dict(
            serial=integer_raw(serial_for(label)),
            issuer=ISSUING_NAME,
            subject=alice_name(),
            spki=self.spki["leaf"],
            extensions=self.leaf_extensions(),
            signer=self.keys["issuing-ca"],
        )
        kw.update(overrides)
        return Cert(**kw)


# --------------------------------------------------------------------------
# Expected results bookkeeping
# --------------------------------------------------------------------------


def rec(kind: str, failed=()) -> dict:
    failed = list(failed)
    if kind == "unknown":
        failed = ["INPUT-001"]
    return {"kind": kind, "verdict": "major" if failed else "conforming", "failed": failed}


def leaf_rec(failed=()) -> dict:
    """A record of the generic leaf or one of its RFC 5280 mutations: it claims no ETSI or CA/B
    profile (no policy, no qcStatements), so TrustAudit checks the RFC 5280 basics and reports
    CERT-300 as an observation."""
    failed = list(failed) + ["CERT-300"]
    graded = [f for f in failed if f != "CERT-300"]
    return {"kind": "certificate", "verdict": "major" if graded else "observation", "failed": failed}


def ca_rec() -> dict:
    """The test root and issuing CA name no organizationIdentifier: TrustAudit reports CERT-213
    as an observation (required only if the TSP is a legal person, which the auditor confirms)."""
    return {"kind": "certificate", "verdict": "observation", "failed": ["CERT-213"]}


def find_once(hay: bytes, needle: bytes) -> int:
    i = hay.find(needle)
    assert i >= 0 and hay.find(needle, i + 1) < 0, "needle not unique"
    return i


class Output:
    def __init__(self):
        self.files: dict[str, bytes] = {}
        self.expected: dict[str, dict] = {}

    def add(self, path: str, data: bytes, records=None, defects=None, note=None):
        assert path not in self.files
        self.files[path] = data
        if records is not None:
            entry = {"path": path, "records": records}
            if defects:
                entry["defects"] = defects
            if note:
                entry["note"] = note
            self.expected[path] = entry


def defect(offset: int, length: int, what: str, within: str = "file") -> dict:
    return {"offset": offset, "length": length, "within": within, "what": what}


# --------------------------------------------------------------------------
# Certificates
# --------------------------------------------------------------------------


def build_certificates(pki: PKI, out: Output):
    C = "certificates/"
    ok = [leaf_rec()]
    leaf_ok = pki.leaf("leaf-ok").der()
    pki.leaf_ok = leaf_ok

    out.add(C + "root-ca.pem", pem("CERTIFICATE", pki.root), [ca_rec()])
    out.add(C + "issuing-ca.pem", pem("CERTIFICATE", pki.issuing), [ca_rec()])
    out.add(C + "leaf-ok.pem", pem("CERTIFICATE", leaf_ok), ok)
    out.add(
        C + "chain.pem",
        pem("CERTIFICATE", pki.root) + pem("CERTIFICATE", pki.issuing) + pem("CERTIFICATE", leaf_ok),
        [ca_rec(), ca_rec(), leaf_rec()],
    )

    def der_defect(der: bytes, needle: bytes, what: str, sub: int = 0, length: int | None = None) -> dict:
        i = find_once(der, needle) + sub
        return defect(i, len(needle) - sub if length is None else length, what, "DER")

    # v1: version omitted; a v1 certificate carries no extensions.
    c = pki.leaf("v1", version=None, extensions=None).der()
    out.add(C + "v1.pem", pem("CERTIFICATE", c), [leaf_rec(["CERT-001"])],
            [defect(header_len(c) + header_len(der_content(c)), 0,
                    "TBSCertificate starts with serialNumber: version [0] absent (v1)", "DER")])

    # serials
    neg = integer_raw(b"\x80" + serial_for("serial-negative")[1:])
    c = pki.leaf("serial-negative", serial=neg).der()
    out.add(C + "serial-negative.pem", pem("CERTIFICATE", c), [leaf_rec(["CERT-002"])],
            [der_defect(c, neg, "serialNumber INTEGER, first content octet 0x80 (negative)")])

    zero = integer(0)
    c = pki.leaf("serial-zero", serial=zero).der()
    tbs_hdr = header_len(c) + header_len(der_content(c))
    assert c[tbs_hdr + 5 : tbs_hdr + 8] == b"\x02\x01\x00"
    out.add(C + "serial-zero.pem", pem("CERTIFICATE", c), [leaf_rec(["CERT-002"])],
            [defect(tbs_hdr + 5, 3, "serialNumber INTEGER 02 01 00 (zero)", "DER")])

    s21 = integer_raw(b"\x21" + hashlib.sha256(b"serial-21").digest()[:20])
    c = pki.leaf("serial-21-octets", serial=s21).der()
    out.add(C + "serial-21-octets.pem", pem("CERTIFICATE", c), [leaf_rec(["CERT-002"])],
            [der_defect(c, s21, "serialNumber INTEGER with 21 content octets")])

    nm = integer_raw(b"\x00\x00\x01" + serial_for("serial-nonminimal")[3:])
    c = pki.leaf("serial-nonminimal", serial=nm).der()
    out.add(C + "serial-nonminimal.pem", pem("CERTIFICATE", c),
            [leaf_rec(["CERT-000", "CERT-002"])],
            [der_defect(c, nm, "serialNumber INTEGER 02 10 00 00 01 ...: two redundant leading 0x00 octets")])

    # signature algorithms
    c = pki.leaf("sigalg-mismatch", outer_sigalg=ALG_SHA384_RSA).der()
    i = c.rfind(ALG_SHA384_RSA)
    out.add(C + "sigalg-mismatch.pem", pem("CERTIFICATE", c), [leaf_rec(["CERT-003"])],
            [defect(i, len(ALG_SHA384_RSA), "outer signatureAlgorithm sha384WithRSAEncryption; TBS says sha256WithRSAEncryption (signed with SHA-256)", "DER")])

    c = pki.leaf("sigalg-rsa-params-absent", tbs_sigalg=ALG_SHA256_RSA_NO_PARAMS).der()
    i1 = c.find(ALG_SHA256_RSA_NO_PARAMS)
    i2 = c.rfind(ALG_SHA256_RSA_NO_PARAMS)
    assert i1 != i2
    out.add(C + "sigalg-rsa-params-absent.pem", pem("CERTIFICATE", c), [leaf_rec(["CERT-003"])],
            [defect(i1, len(ALG_SHA256_RSA_NO_PARAMS), "TBS signature AlgorithmIdentifier sha256WithRSAEncryption without NULL parameters", "DER"),
             defect(i2, len(ALG_SHA256_RSA_NO_PARAMS), "outer signatureAlgorithm without NULL parameters", "DER")])

    # validity
    gt = generalized_time("20260101000000Z")
    c = pki.leaf("validity-generalized-before-2050", not_before=gt).der()
    out.add(C + "validity-generalized-before-2050.pem", pem("CERTIFICATE", c), [leaf_rec(["CERT-005"])],
            [der_defect(c, gt, "notBefore GeneralizedTime 20260101000000Z (before 2050 must be UTCTime)")])

    ns = utc_time("2701010000Z")
    c = pki.leaf("validity-utc-no-seconds", not_after=ns).der()
    out.add(C + "validity-utc-no-seconds.pem", pem("CERTIFICATE", c), [leaf_rec(["CERT-005"])],
            [der_defect(c, ns, "notAfter UTCTime 2701010000Z (no seconds)")])

    inv = seq(utc_time(EE_NOT_AFTER), utc_time(EE_NOT_BEFORE))
    c = pki.leaf("validity-inverted", not_before=utc_time(EE_NOT_AFTER), not_after=utc_time(EE_NOT_BEFORE)).der()
    out.add(C + "validity-inverted.pem", pem("CERTIFICATE", c), [leaf_rec(["CERT-006"])],
            [der_defect(c, inv, "Validity notBefore 270101000000Z > notAfter 260101000000Z")])

    # issuer
    c = pki.leaf("issuer-empty", issuer=seq()).der()
    alg_at = find_once(c, ALG_SHA256_RSA + b"\x30\x00")  # TBS signature field is followed by the issuer
    out.add(C + "issuer-empty.pem", pem("CERTIFICATE", c), [leaf_rec(["CERT-004"])],
            [defect(alg_at + len(ALG_SHA256_RSA), 2, "issuer Name is an empty SEQUENCE 30 00", "DER")])

    # subject: an empty subject needs a critical subjectAltName (RFC 5280 4.1.2.6, 4.2.1.6)
    empty_subject_at = seq(utc_time(EE_NOT_BEFORE), utc_time(EE_NOT_AFTER)) + b"\x30\x00"
    c = pki.leaf("subject-empty-no-san", subject=seq()).der()
    empty_subject_certs = [c]
    i = find_once(c, empty_subject_at) + len(empty_subject_at) - 2  # Validity is followed by the subject
    out.add(C + "subject-empty-no-san.pem", pem("CERTIFICATE", c), [leaf_rec(["CERT-007"])],
            [defect(i, 2, "subject Name is an empty SEQUENCE 30 00 and there is no subjectAltName", "DER")],
            note="leaf-ok with an empty subject and no subjectAltName")

    san = extension(OID_SAN, seq(gn_email("alice@trustaudit.test")), critical=True)
    c = pki.leaf("subject-empty-san-critical", subject=seq(), extensions=pki.leaf_extensions() + [san]).der()
    find_once(c, empty_subject_at)
    empty_subject_certs.append(c)
    out.add(C + "subject-empty-san-critical.pem", pem("CERTIFICATE", c), ok,
            note="leaf-ok with an empty subject and a critical subjectAltName rfc822Name alice@trustaudit.test: conforming")

    # extensions
    ku = ext_ku(KU_NON_REPUDIATION)
    c = pki.leaf("duplicate-extension", extensions=pki.leaf_extensions() + [ku]).der()
    i1, i2 = c.find(ku), c.rfind(ku)
    assert i1 != i2
    out.add(C + "duplicate-extension.pem", pem("CERTIFICATE", c), [leaf_rec(["CERT-008"])],
            [defect(i1, len(ku), "keyUsage extension (first occurrence)", "DER"),
             defect(i2, len(ku), "keyUsage extension again (duplicate, last extension)", "DER")])

    # BER, not DER
    body = der_content(leaf_ok)
    c = b"\x30\x80" + body + b"\x00\x00"
    out.add(C + "ber-indefinite-length.der", c, [leaf_rec(["CERT-000"])],
            [defect(1, 1, "outer SEQUENCE length octet 0x80 (indefinite form)"),
             defect(len(c) - 2, 2, "end-of-contents octets 00 00")])

    hl = header_len(leaf_ok)
    assert leaf_ok[1] == 0x82
    c = b"\x30\x83\x00" + leaf_ok[2:hl] + body
    out.add(C + "ber-nonminimal-length.der", c, [leaf_rec(["CERT-000"])],
            [defect(1, 4, "outer SEQUENCE length 83 00 %02X %02X: long form with a redundant leading 0x00 length octet" % (leaf_ok[2], leaf_ok[3]))])

    ku01 = ext_ku(KU_NON_REPUDIATION, critical_raw=boolean_raw(0x01))
    exts = [ku01 if e == ext_ku(KU_NON_REPUDIATION) else e for e in pki.leaf_extensions()]
    c = pki.leaf("ber-boolean-01", extensions=exts).der()
    i = find_once(c, ku01) + len(oid(OID_KU)) + 2  # Extension header is 2 octets
    assert c[i : i + 3] == b"\x01\x01\x01"
    out.add(C + "ber-boolean-01.der", c, [leaf_rec(["CERT-000"])],
            [defect(i, 3, "keyUsage critical BOOLEAN encoded 01 01 01 (DER requires FF); signature is valid over this TBS")])

    bc_false = extension(OID_BC, seq(boolean(False)))
    c = pki.leaf("bc-ca-false-encoded", extensions=pki.leaf_extensions() + [bc_false]).der()
    i = find_once(c, seq(boolean(False)))
    out.add(C + "bc-ca-false-encoded.der", c, [leaf_rec(["CERT-000"])],
            [defect(i + 2, 3, "basicConstraints cA FALSE encoded (01 01 00): FALSE is the DEFAULT, omitted in DER (X.690 11.5)")])

    ku_bits = extension(OID_KU, tlv(0x03, b"\x01\x40"), critical=True)  # nonRepudiation with unused 1: DER is 03 02 06 40
    exts = [ku_bits if e == ext_ku(KU_NON_REPUDIATION) else e for e in pki.leaf_extensions()]
    assert ku_bits in exts
    c = pki.leaf("ku-trailing-zero-bits", extensions=exts).der()
    i = find_once(c, tlv(0x03, b"\x01\x40"))
    out.add(C + "ku-trailing-zero-bits.der", c, [leaf_rec(["CERT-000"])],
            [defect(i, 4, "keyUsage BIT STRING 03 02 01 40: five trailing zero bits kept (DER: 03 02 06 40, X.690 11.2.2)")])

    c = leaf_ok + b"\x00"
    out.add(C + "trailing-byte.der", c, [leaf_rec(["CERT-000"])],
            [defect(len(leaf_ok), 1, "one 0x00 octet after the certificate")])

    c = leaf_ok[:200]
    out.add(C + "truncated.der", c, [rec("certificate", ["CERT-000"])],
            [defect(200, len(leaf_ok) - 200, "file ends after 200 octets; the outer SEQUENCE declares %d content octets" % len(body))])

    # not certificates at all
    out.add(C + "empty.bin", b"", [rec("unknown")], note="zero-length file: one unknown record")
    rng = random.Random(3161)
    rnd = bytearray(rng.getrandbits(8) for _ in range(512))
    if rnd[0] < 0x80:  # keep it clearly non-DER-SEQUENCE, non-XML, non-PEM, non-base64
        rnd[0] |= 0x80
    assert rnd[0] not in (0x30, 0x3C, 0xEF, 0xFE, 0xFF)
    out.add(C + "random.bin", bytes(rnd), [rec("unknown")],
            note="512 octets from random.Random(3161).getrandbits(8); first octet 0x%02X" % rnd[0])

    # multi-item text containers
    bad_block = b"-----BEGIN CERTIFICATE-----\n@@@not base64@@@\n-----END CERTIFICATE-----\n"
    garbage = b"garbage between blocks !!\nmore free text, not PEM\n"
    data = pem("CERTIFICATE", pki.root) + garbage + bad_block + pem("CERTIFICATE", leaf_ok)
    out.add(C + "bundle-with-garbage.pem", data,
            [ca_rec(), rec("unknown"), leaf_rec()],
            [defect(data.find(garbage), len(garbage), "explanatory text between blocks (ignored, RFC 7468)"),
             defect(data.find(bad_block), len(bad_block), "CERTIFICATE block whose body is not base64 (unknown record)")])

    lines = b"".join(base64.b64encode(d) + b"\n" for d in (pki.root, pki.issuing, leaf_ok))
    out.add(C + "base64-lines.txt", lines, [ca_rec(), ca_rec(), leaf_rec()])

    # Sanity: every conforming certificate parses under a strict DER parser and verifies.
    from cryptography import x509

    issuer_of = {pki.root: pki.keys["root-ca"], pki.issuing: pki.keys["root-ca"],
                 leaf_ok: pki.keys["issuing-ca"], pki.tsu: pki.keys["issuing-ca"]}
    issuer_of.update({c: pki.keys["issuing-ca"] for c in empty_subject_certs})
    for der, k in issuer_of.items():
        cert = x509.load_der_x509_certificate(der)
        k.public_key().verify(cert.signature, cert.tbs_certificate_bytes, padding.PKCS1v15(), hashes.SHA256())
        assert cert.public_bytes(serialization.Encoding.DER) == der


# --------------------------------------------------------------------------
# ETSI profile certificates (EN 319 412-1..5, TS 119 495, EN 319 422)
# --------------------------------------------------------------------------
#
# certificates/etsi/<profile>__ok.pem is a conforming baseline of one profile;
# certificates/etsi/<profile>__<mutation>.pem changes exactly one thing of that
# baseline. Requirement ids are those of the TrustAudit certificate checklist
# (CERT-xxx). Everything below is written for TrustAudit.

# DN attribute types
OID_SERIAL_NUMBER, OID_GIVEN_NAME, OID_SURNAME = "2.5.4.5", "2.5.4.42", "2.5.4.4"
OID_PSEUDONYM, OID_ORG_ID, OID_BUSINESS_CATEGORY = "2.5.4.65", "2.5.4.97", "2.5.4.15"
OID_JURISDICTION_C = "1.3.6.1.4.1.311.60.2.1.3"
# X.520 serialNumber and the EV jurisdictionCountryName are PrintableString by
# definition (not DirectoryString), like countryName; every other attribute used
# here is a DirectoryString and is written as UTF8String.
PRINTABLE_ATTRS = (OID_C, OID_SERIAL_NUMBER, OID_JURISDICTION_C)
OID_EMAIL_ADDRESS = "1.2.840.113549.1.9.1"
OID_NAME_CONSTRAINTS = "2.5.29.30"
OID_QT_UNOTICE = "1.3.6.1.5.5.7.2.2"
RSA_ALGORITHM_WITH_NULL = bytes.fromhex("300d06092a864886f70d0101010500")
RSA_ALGORITHM_NO_PARAMETERS = bytes.fromhex("300b06092a864886f70d010101")

# extensions
OID_SAN, OID_CRLDP = "2.5.29.17", "2.5.29.31"
OID_AIA, OID_QC_STATEMENTS = "1.3.6.1.5.5.7.1.1", "1.3.6.1.5.5.7.1.3"
OID_AD_OCSP, OID_AD_CA_ISSUERS = "1.3.6.1.5.5.7.48.1", "1.3.6.1.5.5.7.48.2"
OID_CABF_ORG_ID = "2.23.140.3.1"  # CA/B EVG 9.8.2 cabfOrganizationIdentifier
OID_UNKNOWN_EXT = "1.3.6.1.4.1.99999.1"
OID_CT_POISON = "1.3.6.1.4.1.11129.2.4.3"  # RFC 6962 3.1 precertificate poison
# A TSP-specific (non-EN 319 411) certificate policy under the same private arc as OID_UNKNOWN_EXT.
OID_TSP_POLICY = "1.3.6.1.4.1.99999.3.1"

# extended key usages
OID_KP_SERVER_AUTH, OID_KP_CLIENT_AUTH = "1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"
OID_KP_CODE_SIGNING, OID_KP_EMAIL = "1.3.6.1.5.5.7.3.3", "1.3.6.1.5.5.7.3.4"
OID_KP_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9"
OID_OCSP_NOCHECK = "1.3.6.1.5.5.7.48.1.5"  # id-pkix-ocsp-nocheck (RFC 6960 4.2.2.2.1)
OID_KP_TSL_SIGNING = "0.4.0.2231.3.0"  # id-tsl-kp-tslSigning (TS 119 612)

# signature algorithm for the SHA-1 vector
OID_SHA1_RSA = "1.2.840.113549.1.1.5"
ALG_SHA1_RSA = seq(oid(OID_SHA1_RSA), null())

# certificate policies (EN 319 411-1/-2, TS 119 495, EN 319 421, CA/B Forum)
OID_NCP, OID_NCP_PLUS, OID_LCP = "0.4.0.2042.1.1", "0.4.0.2042.1.2", "0.4.0.2042.1.3"
OID_QCP_N, OID_QCP_L, OID_QCP_L_QSCD = "0.4.0.194112.1.0", "0.4.0.194112.1.1", "0.4.0.194112.1.3"
OID_QEVCP_W, OID_QNCP_W = "0.4.0.194112.1.4", "0.4.0.194112.1.5"
OID_QNCP_W_GEN = "0.4.0.194112.1.6"
OID_QCP_W_PSD2 = "0.4.0.19495.3.1"
OID_BTSP = "0.4.0.2023.1.1"
OID_CABF_EV, OID_CABF_OV = "2.23.140.1.1", "2.23.140.1.2.2"
OID_CABF_DV = "2.23.140.1.2.1"

# QCStatements (EN 319 412-5, RFC 3739, TS 119 495)
OID_QC_COMPLIANCE, OID_QC_LIMIT_VALUE = "0.4.0.1862.1.1", "0.4.0.1862.1.2"
OID_QC_RETENTION, OID_QC_SSCD = "0.4.0.1862.1.3", "0.4.0.1862.1.4"
OID_QC_PDS, OID_QC_TYPE, OID_QC_CC_LEGISLATION = "0.4.0.1862.1.5", "0.4.0.1862.1.6", "0.4.0.1862.1.7"
OID_QCT_ESIGN, OID_QCT_ESEAL, OID_QCT_WEB = "0.4.0.1862.1.6.1", "0.4.0.1862.1.6.2", "0.4.0.1862.1.6.3"
OID_QCT_UNKNOWN = "0.4.0.1862.1.6.9"
OID_PKIX_QC_SYNTAX_V1, OID_PKIX_QC_SYNTAX_V2 = "1.3.6.1.5.5.7.11.1", "1.3.6.1.5.5.7.11.2"
OID_SEM_NATURAL, OID_SEM_LEGAL = "0.4.0.194121.1.1", "0.4.0.194121.1.2"
OID_QC_PSD2 = "0.4.0.19495.2"
OID_PSP_AS, OID_PSP_PI = "0.4.0.19495.1.1", "0.4.0.19495.1.2"

KU_KEY_ENCIPHERMENT, KU_KEY_AGREEMENT = 2, 4

CRL_URL = "http://crl.trustaudit.test/issuing.crl"
CA_ISSUERS_URL = "http://pki.trustaudit.test/issuing.cer"
OCSP_URL = "http://ocsp.trustaudit.test"
ROOT_CRL_URL = "http://crl.trustaudit.test/root.crl"
ROOT_CA_ISSUERS_URL = "http://pki.trustaudit.test/root.cer"
PDS_EN = ("https://pki.trustaudit.test/pds_en.pdf", "en")

ETSI_EE_NOT_BEFORE = "260401000000Z"
ETSI_CA_NOT_BEFORE, ETSI_CA_NOT_AFTER = "250601000000Z", "330601000000Z"

ETSI_PROFILES = {
    "qcp-n-qscd": "en319412-qcp-n-qscd",
    "qcp-n": "en319412-qcp-n",
    "qcp-l-qscd": "en319412-qcp-l-qscd",
    "qcp-l": "en319412-qcp-l",
    "qevcp-w": "en319412-qevcp-w",
    "qncp-w": "en319412-qncp-w",
    "psd2-qwac": "ts119495-psd2-qwac",
    "psd2-qsealc": "ts119495-psd2-qsealc",
    "ncp-n": "en319412-ncp-n",
    "ncp-l": "en319412-ncp-l",
    "tsu": "en319422-tsu",
    "ca": "en319412-ca",
    "tl-signer": "ts119612-tl-signer",
    "ocsp-responder": "rfc6960-ocsp-responder",
}


def utc_plus_days(start: str, days: int) -> str:
    """UTCTime string `days` days after the UTCTime string `start` (both YYMMDDHHMMSSZ)."""
    import datetime

    t = datetime.datetime.strptime(start, "%y%m%d%H%M%SZ") + datetime.timedelta(days=days)
    return t.strftime("%y%m%d%H%M%SZ")


def ia5_string(s: str) -> bytes:
    return tlv(0x16, s.encode("ascii"))


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


def gn_uri(u: str) -> bytes:
    return implicit_prim(6, u.encode("ascii"))


def gn_dns(d: str) -> bytes:
    return implicit_prim(2, d.encode("ascii"))


def gn_email(e: str) -> bytes:
    return implicit_prim(1, e.encode("ascii"))


def ext_crldp(url: str) -> bytes:
    # DistributionPoint { distributionPoint [0] { fullName [0] GeneralNames } }
    return extension(OID_CRLDP, seq(seq(explicit(0, implicit_cons(0, gn_uri(url))))))


def ext_aia(access: list) -> bytes:
    return extension(OID_AIA, seq(*[seq(oid(m), gn_uri(u)) for m, u in access]))


# QCStatement ::= SEQUENCE { statementId OID, statementInfo ANY OPTIONAL }
def qc(statement_oid: str, info: bytes | None = None) -> bytes:
    return seq(oid(statement_oid)) if info is None else seq(oid(statement_oid), info)


def qc_type(*types: str) -> bytes:
    return qc(OID_QC_TYPE, seq(*[oid(t) for t in types]))


def qc_pds(*locations) -> bytes:
    return qc(OID_QC_PDS, seq(*[seq(ia5_string(u), printable_string(lang)) for u, lang in locations]))


def qc_semantics(semantics_id: str, syntax: str = OID_PKIX_QC_SYNTAX_V2) -> bytes:
    return qc(syntax, seq(oid(semantics_id)))


def qc_limit_value(currency, amount: int, exponent: int) -> bytes:
    cur = printable_string(currency) if isinstance(currency, str) else integer(currency)
    return qc(OID_QC_LIMIT_VALUE, seq(cur, integer(amount), integer(exponent)))


def qc_psd2(roles, nca_name: str, nca_id: str) -> bytes:
    roles_of_psp = seq(*[seq(oid(o), utf8_string(n)) for o, n in roles])
    return qc(OID_QC_PSD2, seq(roles_of_psp, utf8_string(nca_name), utf8_string(nca_id)))


PSD2_ROLES = [(OID_PSP_AS, "PSP_AS"), (OID_PSP_PI, "PSP_PI")]
PSD2_NCA_NAME, PSD2_NCA_ID = "National Bank of Belgium", "BE-NBB"
PSD2_ORG_ID = "PSDBE-NBB-0123456789"

NP_SUBJECT = [(OID_C, "BE"), (OID_GIVEN_NAME, "Alice"), (OID_SURNAME, "Example"),
              (OID_SERIAL_NUMBER, "PNOBE-850101123"), (OID_CN, "Alice Example")]
LP_SUBJECT = [(OID_C, "BE"), (OID_O, "Example Seal Company"), (OID_ORG_ID, "VATBE-0123456789"),
              (OID_CN, "Example Seal")]
OID_L = "2.5.4.7"
WEB_OV_SUBJECT = [(OID_C, "BE"), (OID_L, "Brussels"), (OID_O, "Example Web Company"), (OID_ORG_ID, "VATBE-0123456789"),
                  (OID_CN, "www.example.com")]
WEB_EV_SUBJECT = [(OID_BUSINESS_CATEGORY, "Private Organization"), (OID_JURISDICTION_C, "BE"),
                  (OID_SERIAL_NUMBER, "0123456789")] + WEB_OV_SUBJECT
TSU_SUBJECT = [(OID_C, "BE"), (OID_O, "Example TSA"), (OID_ORG_ID, "VATBE-0123456789"), (OID_CN, "Example TSU 1")]
ETSI_CA_SUBJECT = [(OID_C, "BE"), (OID_O, "TrustAudit Test"), (OID_ORG_ID, "VATBE-0123456789"),
                   (OID_CN, "TrustAudit Test Qualified CA")]


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


def etsi_baseline(profile: str) -> dict:
    """The conforming baseline of one profile as an editable description."""
    ee_aia = [(OID_AD_OCSP, OCSP_URL), (OID_AD_CA_ISSUERS, CA_ISSUERS_URL)]
    b = dict(
        subject=None, key="leaf", issuer="issuing",
        not_before=ETSI_EE_NOT_BEFORE, days=730, not_after=None,
        ski=True, aki=True, bc=None,
        ku=(KU_NON_REPUDIATION,), ku_critical=True,
        eku=None, eku_critical=False,
        policies=None, cp_critical=False,
        san=None, san_critical=False,
        crldp=CRL_URL, aia=ee_aia,
        qcs=None, qcs_critical=False,
        cabf_org_id=None, extra=[],
        sha1=False,
    )
    np_qcs = lambda: [("compliance", qc(OID_QC_COMPLIANCE)), ("sscd", qc(OID_QC_SSCD)),
                      ("type", qc_type(OID_QCT_ESIGN)), ("pds", qc_pds(PDS_EN)),
                      ("semantics", qc_semantics(OID_SEM_NATURAL))]
    lp_qcs = lambda: [("compliance", qc(OID_QC_COMPLIANCE)), ("sscd", qc(OID_QC_SSCD)),
                      ("type", qc_type(OID_QCT_ESEAL)), ("pds", qc_pds(PDS_EN)),
                      ("semantics", qc_semantics(OID_SEM_LEGAL))]
    web_qcs = lambda: [("compliance", qc(OID_QC_COMPLIANCE)), ("type", qc_type(OID_QCT_WEB)),
                       ("pds", qc_pds(PDS_EN)), ("semantics", qc_semantics(OID_SEM_LEGAL))]
    no_sscd = lambda l: [s for s in l if s[0] != "sscd"]
    web = dict(days=180, ku=(KU_DIGITAL_SIGNATURE, KU_KEY_ENCIPHERMENT),
               eku=[OID_KP_SERVER_AUTH, OID_KP_CLIENT_AUTH], eku_critical=False,
               san=[gn_dns("www.example.com"), gn_dns("example.com")], san_critical=False,
               qcs=web_qcs())
    if profile == "qcp-n-qscd":
        b.update(subject=list(NP_SUBJECT), policies=[OID_QCP_N_QSCD], qcs=np_qcs())
    elif profile == "qcp-n":
        b.update(subject=list(NP_SUBJECT), policies=[OID_QCP_N], qcs=no_sscd(np_qcs()))
    elif profile == "qcp-l-qscd":
        b.update(subject=list(LP_SUBJECT), policies=[OID_QCP_L_QSCD], qcs=lp_qcs())
    elif profile == "qcp-l":
        b.update(subject=list(LP_SUBJECT), policies=[OID_QCP_L], qcs=no_sscd(lp_qcs()))
    elif profile == "qevcp-w":
        b.update(web, subject=list(WEB_EV_SUBJECT), policies=[OID_QEVCP_W, OID_CABF_EV],
                 cabf_org_id=("VAT", "BE", "0123456789"))
    elif profile == "qncp-w":
        b.update(web, subject=list(WEB_OV_SUBJECT), policies=[OID_QNCP_W, OID_CABF_OV])
    elif profile == "psd2-qwac":
        b.update(web, subject=replace_attr(WEB_OV_SUBJECT, OID_ORG_ID, PSD2_ORG_ID),
                 policies=[OID_QNCP_W, OID_CABF_OV],
                 qcs=web_qcs() + [("psd2", qc_psd2(PSD2_ROLES, PSD2_NCA_NAME, PSD2_NCA_ID))])
    elif profile == "psd2-qsealc":
        b.update(subject=replace_attr(LP_SUBJECT, OID_ORG_ID, PSD2_ORG_ID), policies=[OID_QCP_L],
                 qcs=no_sscd(lp_qcs()) + [("psd2", qc_psd2(PSD2_ROLES, PSD2_NCA_NAME, PSD2_NCA_ID))])
    elif profile == "ncp-n":
        b.update(subject=list(NP_SUBJECT), policies=[OID_NCP_PLUS])
    elif profile == "ncp-l":
        b.update(subject=list(LP_SUBJECT), policies=[OID_LCP])
    elif profile == "tsu":
        b.update(subject=list(TSU_SUBJECT), key="tsu", ku=(KU_DIGITAL_SIGNATURE,),
                 eku=[OID_KP_TIMESTAMPING], eku_critical=True, policies=[OID_BTSP])
    elif profile == "ca":
        b.update(subject=list(ETSI_CA_SUBJECT), key="qualified-ca", issuer="root",
                 not_before=ETSI_CA_NOT_BEFORE, not_after=ETSI_CA_NOT_AFTER, days=None,
                 bc=dict(path_len=0, critical=True), ku=(KU_KEY_CERT_SIGN, KU_CRL_SIGN),
                 policies=[OID_ANY_POLICY], crldp=ROOT_CRL_URL,
                 aia=[(OID_AD_OCSP, OCSP_URL), (OID_AD_CA_ISSUERS, ROOT_CA_ISSUERS_URL)])
    elif profile == "tl-signer":
        b.update(subject=[(OID_C, "BE"), (OID_O, "Example Scheme Operator"), (OID_CN, "Example TL Signer")],
                 ku=(KU_NON_REPUDIATION,), eku=[OID_KP_TSL_SIGNING], bc=dict(ca=False, critical=True))
    elif profile == "ocsp-responder":
        b.update(subject=[(OID_C, "BE"), (OID_O, "TrustAudit Test"), (OID_CN, "TrustAudit Test OCSP Responder")],
                 ku=(KU_DIGITAL_SIGNATURE,), eku=[OID_KP_OCSP_SIGNING], extra=[extension(OID_OCSP_NOCHECK, null())],
                 aia=[(OID_AD_CA_ISSUERS, CA_ISSUERS_URL)])
    else:
        raise KeyError(profile)
    return b


def etsi_cert(pki: PKI, label: str, d: dict) -> bytes:
    keys = pki.keys
    issuer_key = keys["root-ca" if d["issuer"] == "root" else "issuing-ca"]
    issuer_name = d.get("issuer_name") or (ROOT_NAME if d["issuer"] == "root" else ISSUING_NAME)
    subject_key = keys[d["key"]]
    exts = []
    if d["ski"]:
        exts.append(ext_ski(subject_key))
    if d["aki"]:
        exts.append(ext_aki(issuer_key))
    if d["bc"] is not None and d["bc"].get("ca", True) is False:
        exts.append(extension(OID_BC, seq(), critical=d["bc"]["critical"]))  # cA FALSE is the DEFAULT: omitted
    elif d["bc"] is not None:
        inner = [boolean(True)]
        if d["bc"]["path_len"] is not None:
            inner.append(integer(d["bc"]["path_len"]))
        exts.append(extension(OID_BC, seq(*inner), critical=d["bc"]["critical"]))
    if d["ku"] is not None:
        exts.append(extension(OID_KU, named_bits(*d["ku"]), critical=d["ku_critical"]))
    if d["eku"] is not None:
        exts.append(extension(OID_EKU, seq(*[oid(k) for k in d["eku"]]), critical=d["eku_critical"]))
    if d["policies"] is not None:
        notice = d.get("user_notice")  # (DisplayText TLV) as a user notice qualifier on the first policy
        infos = [seq(oid(p)) for p in d["policies"]]
        if notice is not None:
            infos[0] = seq(oid(d["policies"][0]), seq(seq(oid(OID_QT_UNOTICE), seq(notice))))
        exts.append(extension(OID_CP, seq(*infos), critical=d["cp_critical"]))
    if d["san"] is not None:
        exts.append(extension(OID_SAN, seq(*d["san"]), critical=d["san_critical"]))
    if d["crldp"] is not None:
        exts.append(ext_crldp(d["crldp"]))
    if d["aia"] is not None:
        exts.append(ext_aia(d["aia"]))
    if d["qcs"] is not None:
        exts.append(extension(OID_QC_STATEMENTS, seq(*[s for _, s in d["qcs"]]), critical=d["qcs_critical"]))
    if d["cabf_org_id"] is not None:
        scheme, country, reference = d["cabf_org_id"]
        exts.append(extension(OID_CABF_ORG_ID,
                              seq(printable_string(scheme), printable_string(country), utf8_string(reference))))
    exts += d["extra"]
    not_after = d["not_after"] or utc_plus_days(d["not_before"], d["days"])
    sigalg = ALG_SHA1_RSA if d["sha1"] else ALG_SHA256_RSA
    spki = pki.spki[d["key"]]
    if d.get("rsa_parameters_absent"):  # rsaEncryption without its NULL parameters (RFC 3279 2.3.1)
        body = der_content(spki)
        assert body.startswith(RSA_ALGORITHM_WITH_NULL)
        spki = seq(RSA_ALGORITHM_NO_PARAMETERS + body[len(RSA_ALGORITHM_WITH_NULL):])
    return Cert(
        serial=integer_raw(serial_for(label)),
        tbs_sigalg=sigalg,
        issuer=issuer_name,
        not_before=utc_time(d["not_before"]),
        not_after=utc_time(not_after),
        subject=dn(d["subject"]),
        spki=spki,
        extensions=exts,
        signer=issuer_key,
        hash_algo=hashes.SHA1() if d["sha1"] else hashes.SHA256(),
    ).der()


def set_qcs(d: dict, name: str, value: bytes | None):
    """Replace (value given) or remove (None) the named statement; it must exist."""
    names = [n for n, _ in d["qcs"]]
    assert name in names, name
    d["qcs"] = [(n, value if n == name else s) for n, s in d["qcs"] if not (n == name and value is None)]


def add_qcs(d: dict, name: str, value: bytes, after: str | None = None):
    """Append a statement, or put it right after the named one."""
    if after is None:
        d["qcs"] = d["qcs"] + [(name, value)]
        return
    out = []
    for n, s in d["qcs"]:
        out.append((n, s))
        if n == after:
            out.append((name, value))
    assert len(out) == len(d["qcs"]) + 1
    d["qcs"] = out


def upd(**kw):
    return lambda d: d.update(kw)


# (profile, mutation, failed requirement ids, grade of the failures, what changed, edit)
# grade "minor": every failed id is a 'should' (recommendation) for this item.
MAJOR, MINOR = "major", "minor"
ETSI_MUTATIONS = [
    # --- trusted-list signer and OCSP responder on their own ---------------------------------------
    ("tl-signer", "ku_keyenc", ["TL-063"], MAJOR, "keyUsage nonRepudiation + keyEncipherment",
     upd(ku=(KU_NON_REPUDIATION, KU_KEY_ENCIPHERMENT))),
    ("tl-signer", "no_ski", ["TL-065", "CERT-010"], MINOR, "subjectKeyIdentifier removed", upd(ski=False)),
    ("tl-signer", "no_bc", ["TL-066"], MINOR, "basicConstraints removed", upd(bc=None)),
    ("tl-signer", "self_signed_no_aki", ["CERT-009"], "observation",
     "self-signed by its own key (TS 119 612 5.7.1 allows it) and without authorityKeyIdentifier: RFC 5280 4.2.1.1 exempts "
     "only a CA's self-signed certificate (observation)",
     lambda d: d.update(issuer="root", key="root-ca", aki=False, issuer_name=dn(d["subject"]))),
    ("tl-signer", "qualified_seal", [], MAJOR,
     "also a qualified seal certificate (QCP-l, QcCompliance, QcType eseal, QcPDS, organizationIdentifier): conforming to both "
     "TS 119 612 5.7.1 and en319412-qcp-l",
     lambda d: d.update(policies=[OID_QCP_L], qcs=etsi_baseline("qcp-l")["qcs"],
                        subject=replace_attr(LP_SUBJECT, OID_CN, "Example TL Signer"))),
    ("tl-signer", "qualified_seal_no_orgid", ["CERT-080"], MAJOR,
     "also a qualified seal certificate (QCP-l, QcCompliance) without organizationIdentifier: EN 319 412-3 LEG-4.2.1-2, "
     "from the claimed profile en319412-qcp-l",
     lambda d: d.update(policies=[OID_QCP_L], qcs=etsi_baseline("qcp-l")["qcs"],
                        subject=drop_attr(replace_attr(LP_SUBJECT, OID_CN, "Example TL Signer"), OID_ORG_ID))),
    ("ocsp-responder", "qualified_seal", [], MAJOR,
     "also claims a qualified seal (QCP-l, QcCompliance, QcType eseal, organizationIdentifier): the claimed profile's "
     "revocation-pointer and key-usage requirements are not applicable to a responder (EN 319 412-2 GEN-4.3.11-1A, GEN-4.4.1-1)",
     lambda d: d.update(policies=[OID_QCP_L], qcs=etsi_baseline("qcp-l")["qcs"],
                        subject=replace_attr(LP_SUBJECT, OID_CN, "Example OCSP Responder"))),
    ("ocsp-responder", "eku_extra", ["CERT-310"], MINOR, "extKeyUsage OCSPSigning + clientAuth",
     upd(eku=[OID_KP_OCSP_SIGNING, OID_KP_CLIENT_AUTH])),
    ("ocsp-responder", "no_nocheck", ["CERT-311"], "observation", "id-pkix-ocsp-nocheck removed (RFC 6960: one of three options)",
     upd(extra=[])),
    ("ocsp-responder", "nocheck_critical", ["CERT-311"], MINOR, "id-pkix-ocsp-nocheck marked critical",
     upd(extra=[extension(OID_OCSP_NOCHECK, null(), critical=True)])),
    ("ocsp-responder", "ku_nonrep_only", ["CERT-312"], MINOR, "keyUsage nonRepudiation instead of digitalSignature",
     upd(ku=(KU_NON_REPUDIATION,))),
    ("ocsp-responder", "ku_crlsign", ["CERT-312"], MAJOR, "keyUsage digitalSignature + cRLSign",
     upd(ku=(KU_DIGITAL_SIGNATURE, KU_CRL_SIGN))),
    ("ocsp-responder", "aia_ocsp", ["CERT-313"], MAJOR, "authorityInfoAccess names an OCSP responder for the responder itself",
     upd(aia=[(OID_AD_OCSP, OCSP_URL), (OID_AD_CA_ISSUERS, CA_ISSUERS_URL)])),
    ("ncp-l", "issued_2015_no_aia", ["CERT-230"], "observation",
     "issued 2015-01-01 without authorityInfoAccess: CERT-065 (EN 319 412-2, first published 2016-02) post-dates "
     "the certificate and is recorded as not applicable; expired at the validation time (CERT-230)",
     upd(not_before="150101000000Z", aia=None)),
    ("psd2-qwac", "nca_name_greek", ["CERT-152"], MAJOR, "NCAName 'Τράπεζα της Ελλάδος' (Greek script; TS 119 495 GEN-5.2.3-1 asks for the Latin alphabet)",
     lambda d: set_qcs(d, "psd2", qc_psd2(PSD2_ROLES, "Τράπεζα της Ελλάδος", PSD2_NCA_ID))),
    ("psd2-qwac", "nca_name_accented", [], MAJOR, "NCAName 'Autorité de contrôle prudentiel et de résolution': accented Latin is Latin",
     lambda d: set_qcs(d, "psd2", qc_psd2(PSD2_ROLES, "Autorité de contrôle prudentiel et de résolution", PSD2_NCA_ID))),
    # --- website policies and subjects (issue #13 adjudication, docs/DIFFERENTIAL.md) ----------------
    ("qncp-w", "precert_qevcp_policy", ["CERT-104"], MAJOR,
     "precertificate of the QNCP-w baseline that also carries QEVCP-w 0.4.0.194112.1.4 (CA/B OV kept, no EV): "
     "two EN 319 411-2 web policies, QEVCP-w without the CA/B EV policy and beside OV (GEN-6.6.1-05, BR 7.1.2.7.9)",
     lambda d: d.update(policies=[OID_QNCP_W, OID_QEVCP_W, OID_CABF_OV], extra=[extension(OID_CT_POISON, null(), critical=True)])),
    ("qncp-w", "gen_policy", [], MAJOR, "QNCP-w-gen 0.4.0.194112.1.6 alone (no CA/B policy): EN 319 411-2 asks for none",
     upd(policies=[OID_QNCP_W_GEN])),
    ("qncp-w", "gen_with_ov", ["CERT-104"], MINOR, "QNCP-w-gen with CA/B OV: NCP-based policy paired with a BR claim",
     upd(policies=[OID_QNCP_W_GEN, OID_CABF_OV])),
    ("qncp-w", "dv_policy", ["CERT-104"], MAJOR, "QNCP-w with CA/B DV instead of OV/IV (QNCP-w builds on OVCP/IVCP)",
     upd(policies=[OID_QNCP_W, OID_CABF_DV])),
    ("qncp-w", "gen_no_orgid", ["CERT-320"], MAJOR, "QNCP-w-gen alone and organizationIdentifier removed (WEB-4.1.3-3)",
     lambda d: d.update(policies=[OID_QNCP_W_GEN], subject=drop_attr(d["subject"], OID_ORG_ID))),
    ("qncp-w", "no_orgid", ["CERT-320"], MINOR, "organizationIdentifier removed (QNCP-w: required if a registration number exists)",
     lambda d: d.update(subject=drop_attr(d["subject"], OID_ORG_ID))),
    ("qncp-w", "san_critical", ["CERT-062"], MAJOR, "subjectAltName marked critical (subject not empty)",
     upd(san_critical=True)),
    ("qncp-w", "eku_critical", ["CERT-063"], MAJOR, "extKeyUsage marked critical", upd(eku_critical=True)),
    ("qncp-w", "o_equals_orgid_case", ["CERT-083"], MAJOR, "organizationName 'vatbe-0123456789' repeats organizationIdentifier in lower case",
     lambda d: d.update(subject=replace_attr(d["subject"], OID_O, "vatbe-0123456789"))),
    # --- QCP-n-qscd -----------------------------------------------------------------------------
    ("qcp-n-qscd", "no_qccompliance", ["CERT-121", "CERT-172"], MAJOR, "QcCompliance statement removed",
     lambda d: set_qcs(d, "compliance", None)),
    ("qcp-n-qscd", "no_qcsscd", ["CERT-122", "CERT-171"], MAJOR, "QcSSCD statement removed (policy stays QCP-n-qscd)",
     lambda d: set_qcs(d, "sscd", None)),
    ("qcp-n-qscd", "qcpds_http", ["CERT-127"], MAJOR, "QcPDS URL http://pki.trustaudit.test/pds_en.pdf (not https)",
     lambda d: set_qcs(d, "pds", qc_pds(("http://pki.trustaudit.test/pds_en.pdf", "en")))),
    ("qcp-n-qscd", "qcpds_bad_lang", ["CERT-127"], MAJOR, "QcPDS language PrintableString 'english' (SIZE(2) violated)",
     lambda d: set_qcs(d, "pds", qc_pds((PDS_EN[0], "english")))),
    ("qcp-n-qscd", "no_qcpds", ["CERT-128"], MINOR, "QcPDS statement removed",
     lambda d: set_qcs(d, "pds", None)),
    ("qcp-n-qscd", "qctype_eseal", ["CERT-124", "CERT-171"], MAJOR, "QcType eseal (0.4.0.1862.1.6.2) instead of esign",
     lambda d: set_qcs(d, "type", qc_type(OID_QCT_ESEAL))),
    ("qcp-n-qscd", "qctype_unknown", ["CERT-123"], MAJOR, "QcType 0.4.0.1862.1.6.9 (not defined) instead of esign",
     lambda d: set_qcs(d, "type", qc_type(OID_QCT_UNKNOWN))),
    ("qcp-n-qscd", "no_qctype", ["CERT-123"], MAJOR, "QcType statement removed",
     lambda d: set_qcs(d, "type", None)),
    ("qcp-n-qscd", "qctype_two", ["CERT-123"], MAJOR, "QcType lists esign and eseal",
     lambda d: set_qcs(d, "type", qc_type(OID_QCT_ESIGN, OID_QCT_ESEAL))),
    ("qcp-n-qscd", "qctype_two_2024", ["CERT-123"], MAJOR, "QcType lists esign and eseal, issued 2024-06-01 for 900 days: exactly one QcType is asked from EN 319 412-5 V2.5.1 (2025-06); with --standards by-issuance the certificate is judged by the 2023-09 set (V2.4.1) and CERT-123 passes",
     lambda d: d.update(not_before="240601000000Z", days=900) or set_qcs(d, "type", qc_type(OID_QCT_ESIGN, OID_QCT_ESEAL))),
    ("qcp-n-qscd", "qcs_critical", ["CERT-120"], MAJOR, "qcStatements extension marked critical",
     upd(qcs_critical=True)),
    ("qcp-n-qscd", "ccleg", ["CERT-129"], MAJOR, "QcCClegislation {CH} added (non-EU legislation) to an EU QCP-n-qscd certificate",
     lambda d: add_qcs(d, "ccleg", qc(OID_QC_CC_LEGISLATION, seq(printable_string("CH"))), after="compliance")),
    ("qcp-n-qscd", "no_policy", ["CERT-061", "CERT-132"], MAJOR, "certificatePolicies extension removed",
     upd(policies=None)),
    ("qcp-n-qscd", "policy_qcp_l", ["CERT-171"], MAJOR, "policy QCP-l (0.4.0.194112.1.1) instead of QCP-n-qscd",
     upd(policies=[OID_QCP_L])),
    ("qcp-n-qscd", "policy_qcp_n_with_qcsscd", ["CERT-171"], MAJOR,
     "policy QCP-n (0.4.0.194112.1.0) with the QcSSCD statement kept: a key in a QSCD has the policy QCP-n-qscd",
     upd(policies=[OID_QCP_N])),
    ("qcp-n-qscd", "ku_digsig_only", ["CERT-060"], MAJOR, "keyUsage digitalSignature only (type C) on an esign certificate",
     upd(ku=(KU_DIGITAL_SIGNATURE,))),
    ("qcp-n-qscd", "ku_type_b", ["CERT-060"], MINOR, "keyUsage digitalSignature+nonRepudiation (type B; type A should be used)",
     upd(ku=(KU_DIGITAL_SIGNATURE, KU_NON_REPUDIATION))),
    ("qcp-n-qscd", "ku_keycertsign", ["CERT-013", "CERT-059"], MAJOR, "keyUsage nonRepudiation+keyCertSign on an end entity",
     upd(ku=(KU_NON_REPUDIATION, KU_KEY_CERT_SIGN))),
    ("qcp-n-qscd", "ku_not_in_table", ["CERT-059"], MAJOR,
     "keyUsage nonRepudiation+keyEncipherment without digitalSignature (not in EN 319 412-2 Table 1; both bits fit an RSA key)",
     upd(ku=(KU_NON_REPUDIATION, KU_KEY_ENCIPHERMENT))),
    ("qcp-n-qscd", "ku_rsa_key_agreement", ["CERT-014", "CERT-060"], MAJOR,
     "keyUsage digitalSignature+nonRepudiation+keyAgreement on an RSA key: RFC 3279 2.3.1 lists no keyAgreement for RSA "
     "(CERT-014); Table 1 type F, where type A should be used (CERT-060 minor)",
     upd(ku=(KU_DIGITAL_SIGNATURE, KU_NON_REPUDIATION, KU_KEY_AGREEMENT))),
    ("qcp-n-qscd", "ku_not_critical", ["CERT-324"], MINOR, "keyUsage not critical (RFC 5280 4.2.1.3: should be critical)",
     upd(ku_critical=False)),
    ("qcp-n-qscd", "rsa_parameters_absent", ["CERT-325"], MAJOR,
     "subjectPublicKeyInfo rsaEncryption without its NULL parameters", upd(rsa_parameters_absent=True)),
    ("qcp-n-qscd", "country_utf8", ["CERT-020"], MAJOR, "subject countryName 'BE' encoded as UTF8String (must be PrintableString)",
     lambda d: d.update(subject=replace_attr(d["subject"], OID_C, utf8_string("BE")))),
    ("qcp-n-qscd", "email_without_san", ["CERT-322"], MAJOR,
     "subject emailAddress alice@example.com and no subjectAltName rfc822Name (RFC 5280 4.1.2.6)",
     lambda d: d.update(subject=d["subject"] + [(OID_EMAIL_ADDRESS, "alice@example.com")])),
    ("qcp-n-qscd", "email_with_san", [], MAJOR,
     "subject emailAddress alice@example.com, also subjectAltName rfc822Name alice@example.com: conforming",
     lambda d: d.update(subject=d["subject"] + [(OID_EMAIL_ADDRESS, "alice@example.com")], san=[gn_email("alice@example.com")])),
    ("qcp-n-qscd", "policy_twice", ["CERT-015"], MAJOR, "certificatePolicies lists QCP-n-qscd twice",
     upd(policies=[OID_QCP_N_QSCD, OID_QCP_N_QSCD])),
    ("qcp-n-qscd", "notice_utf8", [], MAJOR,
     "user notice with explicitText UTF8String 'Qualified certificate for electronic signatures': conforming",
     upd(user_notice=utf8_string("Qualified certificate for electronic signatures"))),
    ("qcp-n-qscd", "notice_201_characters", ["CERT-321"], MAJOR,
     "user notice with an explicitText of 201 characters (DisplayText SIZE (1..200))", upd(user_notice=utf8_string("a" * 201))),
    ("qcp-n-qscd", "crldp_space", ["CERT-323"], MINOR, "CRL distribution point 'http://crl.example.com/qualified ca.crl' (unencoded space)",
     upd(crldp="http://crl.example.com/qualified ca.crl")),
    ("qcp-n-qscd", "no_country", ["CERT-053"], MAJOR, "subject countryName removed",
     lambda d: d.update(subject=drop_attr(d["subject"], OID_C))),
    ("qcp-n-qscd", "two_cn", ["CERT-054"], MAJOR, "subject commonName 'Alice Example' twice (two RDNs)",
     lambda d: d.update(subject=insert_after(d["subject"], OID_CN, (OID_CN, "Alice Example")))),
    ("qcp-n-qscd", "pseudonym_and_names", ["CERT-055"], MAJOR, "subject pseudonym 'Wonderland' added next to givenName and surname",
     lambda d: d.update(subject=insert_after(d["subject"], OID_SERIAL_NUMBER, (OID_PSEUDONYM, "Wonderland")))),
    ("qcp-n-qscd", "sem_legal_with_orgid", ["CERT-037"], "observation",
     "semanticsId-Legal added beside an organizationIdentifier VATBE-0123456789 of the employer: a natural person's certificate "
     "may carry an organisation's identifier, which that semantics describes (observation)",
     lambda d: d.update(subject=d["subject"][:1] + [(OID_ORG_ID, "VATBE-0123456789")] + d["subject"][1:])
     or add_qcs(d, "semantics-legal", qc_semantics(OID_SEM_LEGAL), after="semantics")),
    ("qcp-n-qscd", "no_serialnumber", [], MAJOR,
     "subject serialNumber removed, semanticsId-Natural kept: EN 319 412-1 5.1.3 binds only a present serialNumber",
     lambda d: d.update(subject=drop_attr(d["subject"], OID_SERIAL_NUMBER))),
    ("qcp-n-qscd", "bad_serialnumber", ["CERT-030"], MAJOR, "subject serialNumber '85010112345' (no PNOBE- prefix) with semanticsId-Natural",
     lambda d: d.update(subject=replace_attr(d["subject"], OID_SERIAL_NUMBER, "85010112345"))),
    ("qcp-n-qscd", "bad_serial_scheme", ["CERT-030"], MAJOR, "subject serialNumber 'XYZBE-1' (unknown type XYZ) with semanticsId-Natural",
     lambda d: d.update(subject=replace_attr(d["subject"], OID_SERIAL_NUMBER, "XYZBE-1"))),
    ("qcp-n-qscd", "no_crl_no_ocsp", ["CERT-064", "CERT-065"], MAJOR, "CRLDP removed and AIA without OCSP (caIssuers kept)",
     upd(crldp=None, aia=[(OID_AD_CA_ISSUERS, CA_ISSUERS_URL)])),
    ("qcp-n-qscd", "no_aia_caissuers", ["CERT-065"], MAJOR, "AIA with OCSP only (caIssuers removed)",
     upd(aia=[(OID_AD_OCSP, OCSP_URL)])),
    ("qcp-n-qscd", "no_aki", ["CERT-009"], MAJOR, "authorityKeyIdentifier removed",
     upd(aki=False)),
    ("qcp-n-qscd", "pol_critical", ["CERT-173"], MINOR, "certificatePolicies marked critical",
     upd(cp_critical=True)),
    ("qcp-n-qscd", "retention_zero", ["CERT-125"], MAJOR, "QcRetentionPeriod 0 added",
     lambda d: add_qcs(d, "retention", qc(OID_QC_RETENTION, integer(0)), after="pds")),
    ("qcp-n-qscd", "two_qccompliance", ["CERT-134"], MAJOR, "QcCompliance statement twice",
     lambda d: add_qcs(d, "compliance2", qc(OID_QC_COMPLIANCE), after="compliance")),
    ("qcp-n-qscd", "pkix_v1", ["CERT-131"], MAJOR, "semantics statement under id-qcs-pkixQCSyntax-v1 (1.3.6.1.5.5.7.11.1) instead of v2",
     lambda d: set_qcs(d, "semantics", qc_semantics(OID_SEM_NATURAL, OID_PKIX_QC_SYNTAX_V1))),
    ("qcp-n-qscd", "unknown_critical_ext", ["CERT-019"], MAJOR, "extension 1.3.6.1.4.1.99999.1, critical, value NULL",
     lambda d: d.update(extra=[extension(OID_UNKNOWN_EXT, null(), critical=True)])),
    ("qcp-n-qscd", "san_critical", ["CERT-062"], MAJOR, "subjectAltName rfc822Name alice@trustaudit.test, critical",
     upd(san=[gn_email("alice@trustaudit.test")], san_critical=True)),
    ("qcp-n-qscd", "eku_critical", ["CERT-063"], MAJOR, "extKeyUsage emailProtection, critical",
     upd(eku=[OID_KP_EMAIL], eku_critical=True)),
    ("qcp-n-qscd", "sha1_2011", ["CERT-301", "CERT-230"], "observation",
     "signed with SHA-1 and issued 2011-01-01 for 730 days: acceptable at issuance (TS 119 312 Annex D), "
     "observed as no longer acceptable (CERT-301) and expired (CERT-230)",
     upd(sha1=True, not_before="110101000000Z")),
    ("qcp-n-qscd", "sha1", ["CERT-050"], MINOR,
     "sha1WithRSAEncryption in tbsCertificate.signature and signatureAlgorithm; signed with SHA-1 (EN 319 412-2 GEN-4.2.2-1 "
     "asks TS 119 312 with 'should': minor)", upd(sha1=True)),
    ("qcp-n-qscd", "rsa1024", ["CERT-052"], MINOR,
     "subject public key RSA-1024 (keys/weak-rsa1024-key.pem; EN 319 412-2 GEN-4.2.5-1 'should': minor)", upd(key="weak-rsa1024")),
    ("qncp-w", "sha1", ["CERT-050"], MAJOR,
     "a QWAC under QNCP-w + CA/B OV signed with SHA-1: BR 7.1.3.2 forbids it from 2016-01-01 (major)", upd(sha1=True)),
    ("qncp-w", "rsa1024", ["CERT-052"], MAJOR,
     "a QWAC under QNCP-w + CA/B OV with an RSA-1024 key: BR 6.1.5 forbids it from 2014-01-01 (major)", upd(key="weak-rsa1024")),
    ("qcp-n-qscd", "expired", ["CERT-230"], "observation",
     "validity 2020-01-01T00:00:00Z to 2021-12-31T23:59:59Z (UTCTime): expired at the evaluation time (observation); "
     "with --issuer certificates/issuing-ca.pem CERT-231 also fails (minor: notBefore precedes the issuing CA's 2025-01-01)",
     upd(not_before="200101000000Z", not_after="211231235959Z")),
    ("qcp-n-qscd", "beyond_issuer", [], MAJOR,
     "notAfter 2035-06-01T00:00:00Z, after the issuing CA's notAfter 2035-01-01: conforming without an issuer; "
     "with --issuer certificates/issuing-ca.pem CERT-231 fails (minor)",
     upd(not_after="350601000000Z")),
    # --- QCP-l ----------------------------------------------------------------------------------
    ("qcp-l", "orgid_no_scheme", ["CERT-032"], MAJOR, "organizationIdentifier 'BE0123456789' (no scheme) with semanticsId-Legal",
     lambda d: d.update(subject=replace_attr(d["subject"], OID_ORG_ID, "BE0123456789"))),
    ("qcp-l", "orgid_bad_scheme", ["CERT-032"], MAJOR, "organizationIdentifier 'ABCBE-123' (unknown scheme ABC)",
     lambda d: d.update(subject=replace_attr(d["subject"], OID_ORG_ID, "ABCBE-123"))),
    ("qcp-l", "orgid_bad_country", ["CERT-033"], MAJOR, "organizationIdentifier 'VATZZ-123456789' (ZZ not ISO 3166-1)",
     lambda d: d.update(subject=replace_attr(d["subject"], OID_ORG_ID, "VATZZ-123456789"))),
    ("qcp-l", "no_orgid", ["CERT-080"], MAJOR, "subject organizationIdentifier removed",
     lambda d: d.update(subject=drop_attr(d["subject"], OID_ORG_ID))),
    ("qcp-l", "orgid_equals_o", ["CERT-083"], MAJOR, "organizationName 'VATBE-0123456789', equal to organizationIdentifier",
     lambda d: d.update(subject=replace_attr(d["subject"], OID_O, "VATBE-0123456789"))),
    ("qcp-l", "two_o", ["CERT-081"], MAJOR, "subject organizationName 'Example Seal Company' twice (two RDNs)",
     lambda d: d.update(subject=insert_after(d["subject"], OID_O, (OID_O, "Example Seal Company")))),
    ("qcp-l", "qcpds_http", ["CERT-127"], MAJOR, "QcPDS URL http://pki.trustaudit.test/pds_en.pdf (not https)",
     lambda d: set_qcs(d, "pds", qc_pds(("http://pki.trustaudit.test/pds_en.pdf", "en")))),
    ("qcp-l", "bad_currency", ["CERT-126"], MAJOR, "QcLimitValue added: currency PrintableString 'EURO' (not ISO 4217, SIZE(3) violated), amount 10000, exponent 0",
     lambda d: add_qcs(d, "limit", qc_limit_value("EURO", 10000, 0), after="compliance")),
    ("qcp-l", "numeric_currency", ["CERT-126"], MINOR, "QcLimitValue added: numeric currency 978 (EUR; alphabetic form should be used), amount 10000, exponent 0",
     lambda d: add_qcs(d, "limit", qc_limit_value(978, 10000, 0), after="compliance")),
    ("qcp-l", "retention_zero", ["CERT-125"], MAJOR, "QcRetentionPeriod 0 added",
     lambda d: add_qcs(d, "retention", qc(OID_QC_RETENTION, integer(0)), after="pds")),
    ("qcp-l", "qctype_esign", ["CERT-124", "CERT-171"], MAJOR, "QcType esign instead of eseal on a legal-person certificate",
     lambda d: set_qcs(d, "type", qc_type(OID_QCT_ESIGN))),
    ("qcp-l", "sem_natural", ["CERT-037"], MAJOR, "semanticsId-Natural (0.4.0.194121.1.1) on a legal-person certificate",
     lambda d: set_qcs(d, "semantics", qc_semantics(OID_SEM_NATURAL))),
    ("qcp-l", "no_qccompliance", ["CERT-121", "CERT-172"], MAJOR, "QcCompliance statement removed",
     lambda d: set_qcs(d, "compliance", None)),
    ("qcp-l", "limit_and_retention", [], MAJOR, "QcLimitValue {EUR, 10000, 0} and QcRetentionPeriod 15 added: conforming",
     lambda d: (add_qcs(d, "limit", qc_limit_value("EUR", 10000, 0), after="compliance"),
                add_qcs(d, "retention", qc(OID_QC_RETENTION, integer(15)), after="pds"))),
    ("qcp-l", "ccleg_non_eu", [], MINOR,
     "QcCClegislation {CH} added and the QCP-l policy replaced by the TSP policy 1.3.6.1.4.1.99999.3.1 "
     "(QcCompliance kept; no EU policy claimed, so CERT-129 passes)",
     lambda d: (add_qcs(d, "ccleg", qc(OID_QC_CC_LEGISLATION, seq(printable_string("CH"))), after="compliance"),
                d.update(policies=[OID_TSP_POLICY]))),
    # --- QEVCP-w --------------------------------------------------------------------------------
    ("qevcp-w", "no_qctype", ["CERT-123", "CERT-105"], MAJOR, "QcType statement removed",
     lambda d: set_qcs(d, "type", None)),
    ("qevcp-w", "qctype_esign", ["CERT-124", "CERT-105"], MAJOR, "QcType esign instead of web",
     lambda d: set_qcs(d, "type", qc_type(OID_QCT_ESIGN))),
    ("qevcp-w", "no_san", ["CERT-100"], MAJOR, "subjectAltName removed (CN www.example.com kept)",
     upd(san=None)),
    ("qevcp-w", "internal_name", ["CERT-100"], MAJOR, "subjectAltName adds the internal name intranet.local",
     upd(san=[gn_dns("www.example.com"), gn_dns("example.com"), gn_dns("intranet.local")], san_critical=False)),
    ("qevcp-w", "cn_not_in_san", ["CERT-102"], MAJOR, "subject commonName other.example.com, not among the SAN dNSNames",
     lambda d: d.update(subject=replace_attr(d["subject"], OID_CN, "other.example.com"))),
    ("qevcp-w", "no_eku", ["CERT-101"], MAJOR, "extKeyUsage removed",
     upd(eku=None)),
    ("qevcp-w", "eku_codesigning", ["CERT-101"], MAJOR, "extKeyUsage serverAuth + codeSigning",
     upd(eku=[OID_KP_SERVER_AUTH, OID_KP_CODE_SIGNING])),
    ("qevcp-w", "ku_nonrep", ["CERT-107"], MAJOR, "keyUsage digitalSignature+nonRepudiation",
     upd(ku=(KU_DIGITAL_SIGNATURE, KU_NON_REPUDIATION))),
    ("qevcp-w", "validity_398", ["CERT-103"], MAJOR, "validity 398 days (2026-04-01 to 2027-05-04), issued after 2026-03-15 (max 200)",
     upd(days=398)),
    ("qevcp-w", "qcsscd", ["CERT-122"], MAJOR, "QcSSCD statement added to a QWAC",
     lambda d: add_qcs(d, "sscd", qc(OID_QC_SSCD), after="compliance")),
    ("qevcp-w", "no_qc_policy", ["CERT-104", "CERT-132"], MINOR, "QEVCP-w policy removed, CA/B EV 2.23.140.1.1 kept",
     upd(policies=[OID_CABF_EV])),
    ("qevcp-w", "psd2_policy_no_statement", ["CERT-156"], MAJOR, "QCP-w-psd2 0.4.0.19495.3.1 added without a PSD2 statement",
     upd(policies=[OID_QEVCP_W, OID_CABF_EV, OID_QCP_W_PSD2])),
    ("qevcp-w", "precert", [], MAJOR, "CT precertificate poison 1.3.6.1.4.1.11129.2.4.3 added, critical, value NULL: conforming",
     lambda d: d.update(extra=[extension(OID_CT_POISON, null(), critical=True)])),
    ("qevcp-w", "precert_poison_not_critical", ["CERT-108"], MAJOR,
     "CT precertificate poison 1.3.6.1.4.1.11129.2.4.3 added, value NULL, not critical",
     lambda d: d.update(extra=[extension(OID_CT_POISON, null())])),
    # --- QNCP-w ---------------------------------------------------------------------------------
    ("qncp-w", "ov_missing", ["CERT-104"], MAJOR, "CA/B OV 2.23.140.1.2.2 removed, QNCP-w kept",
     upd(policies=[OID_QNCP_W])),
    # --- PSD2 QWAC ------------------------------------------------------------------------------
    ("qevcp-w", "no_locality", ["CERT-326"], MAJOR,
     "subject localityName removed from the EV QWAC (EV Guidelines 9.2.5: required)",
     lambda d: d.update(subject=drop_attr(d["subject"], OID_L))),
    ("qncp-w", "no_locality", ["CERT-326"], MAJOR,
     "subject localityName removed from the OV QWAC, no stateOrProvinceName (BR 7.1.2.7.4: one of them)",
     lambda d: d.update(subject=drop_attr(d["subject"], OID_L))),
    ("psd2-qwac", "non_browser", [], MAJOR,
     "policy QNCP-w-gen (0.4.0.194112.1.6) and QCP-w-psd2 only, no CA/B policy: a PSD2 QWAC for use outside browsers, "
     "checked by ts119495-psd2-qwac-non-browser (conforming)", upd(policies=[OID_QNCP_W_GEN, OID_QCP_W_PSD2])),
    ("psd2-qwac", "non_browser_751_days", ["CERT-230"], "observation",
     "the non-browser PSD2 QWAC issued 2023-06-01 for 751 days: no BR policy, so the BR validity limit (CERT-103) does not "
     "apply; expired at the test time (CERT-230 observation)", upd(policies=[OID_QNCP_W_GEN, OID_QCP_W_PSD2], not_before="230601000000Z", days=751)),
    ("psd2-qwac", "non_browser_nonrepudiation", [], MAJOR,
     "the non-browser PSD2 QWAC with keyUsage digitalSignature+nonRepudiation: the BR TLS key-usage profile (CERT-107) "
     "does not apply without a BR policy (conforming)",
     upd(policies=[OID_QNCP_W_GEN, OID_QCP_W_PSD2], ku=(KU_DIGITAL_SIGNATURE, KU_NON_REPUDIATION))),
    ("psd2-qwac", "orgid_vat", ["CERT-153"], MAJOR, "organizationIdentifier 'VATBE-0123456789' (not PSD scheme)",
     lambda d: d.update(subject=replace_attr(d["subject"], OID_ORG_ID, "VATBE-0123456789"))),
    ("psd2-qwac", "orgid_bad_psd", ["CERT-153", "CERT-039"], MAJOR, "organizationIdentifier 'PSDBE-0123456789' (no NCA id)",
     lambda d: d.update(subject=replace_attr(d["subject"], OID_ORG_ID, "PSDBE-0123456789"))),
    ("psd2-qwac", "no_roles", ["CERT-151"], MAJOR, "PSD2 rolesOfPSP empty",
     lambda d: set_qcs(d, "psd2", qc_psd2([], PSD2_NCA_NAME, PSD2_NCA_ID))),
    ("psd2-qwac", "bad_role_name", ["CERT-151"], MAJOR, "PSD2 role with the PSP_PI OID named 'PSP_XX'",
     lambda d: set_qcs(d, "psd2", qc_psd2([(OID_PSP_AS, "PSP_AS"), (OID_PSP_PI, "PSP_XX")], PSD2_NCA_NAME, PSD2_NCA_ID))),
    ("psd2-qwac", "role_mismatch", ["CERT-151"], MAJOR, "PSD2 role with the PSP_AS OID named 'PSP_PI'",
     lambda d: set_qcs(d, "psd2", qc_psd2([(OID_PSP_AS, "PSP_PI"), (OID_PSP_PI, "PSP_PI")], PSD2_NCA_NAME, PSD2_NCA_ID))),
    ("psd2-qwac", "bad_ncaid", ["CERT-152"], MAJOR, "PSD2 nCAId 'NBB' (no country prefix)",
     lambda d: set_qcs(d, "psd2", qc_psd2(PSD2_ROLES, PSD2_NCA_NAME, "NBB"))),
    ("psd2-qwac", "ncaid_mismatch", ["CERT-157"], MAJOR, "PSD2 nCAId 'BE-FSMA' while organizationIdentifier is PSDBE-NBB-0123456789",
     lambda d: set_qcs(d, "psd2", qc_psd2(PSD2_ROLES, PSD2_NCA_NAME, "BE-FSMA"))),
    ("psd2-qwac", "psd2_policy", [], MAJOR, "QCP-w-psd2 0.4.0.19495.3.1 added (allowed with the PSD2 statement): conforming",
     upd(policies=[OID_QNCP_W, OID_CABF_OV, OID_QCP_W_PSD2])),
    ("psd2-qwac", "psd2_policy_751_days", ["CERT-103", "CERT-230"], MAJOR,
     "QCP-w-psd2 with CA/B OV, issued 2023-06-01 for 751 days: over the 398 days of the BR the certificate claims (major under "
     "TS 119 495 V1.8.1; minor with --standards 2023-09, whose V1.7.1 OVR-6.1-3 gives QCP-w-psd2 precedence)",
     upd(policies=[OID_QNCP_W, OID_CABF_OV, OID_QCP_W_PSD2], not_before="230601000000Z", days=751)),
    # --- PSD2 QSealC ----------------------------------------------------------------------------
    ("psd2-qsealc", "no_psd2_statement", ["CERT-150"], MAJOR, "PSD2 statement removed (PSD organizationIdentifier kept)",
     lambda d: set_qcs(d, "psd2", None)),
    # --- NCP natural person ---------------------------------------------------------------------
    ("ncp-n", "ku_authentication", [], MAJOR,
     "keyUsage digitalSignature only (type C, e.g. authentication) on an NCP+ certificate that claims no signatures: "
     "EN 319 412-2 NAT-4.3.2-2 does not reach it (conforming)", upd(ku=(KU_DIGITAL_SIGNATURE,))),
    ("ncp-n", "issuer_no_cn", ["CERT-051"], MAJOR,
     "issuer name C=BE, O=TrustAudit Test without commonName (EN 319 412-2 GEN-4.2.3.1-2)",
     upd(issuer_name=name((OID_C, "BE"), (OID_O, "TrustAudit Test")))),
    ("ncp-n", "two_etsi_policies", ["CERT-170"], MAJOR, "policies NCP 0.4.0.2042.1.1 and NCP+ 0.4.0.2042.1.2",
     upd(policies=[OID_NCP, OID_NCP_PLUS])),
    # --- TSU ------------------------------------------------------------------------------------
    ("tsu", "eku_not_critical", ["CERT-190"], MAJOR, "extKeyUsage timeStamping not critical",
     upd(eku_critical=False)),
    ("tsu", "eku_extra", ["CERT-190"], MAJOR, "extKeyUsage timeStamping + serverAuth (critical)",
     upd(eku=[OID_KP_TIMESTAMPING, OID_KP_SERVER_AUTH])),
    ("tsu", "no_eku", ["CERT-190"], MAJOR, "extKeyUsage removed",
     upd(eku=None)),
    ("tsu", "no_policy", ["CERT-061"], MAJOR,
     "certificatePolicies removed: EN 319 422 6.1 applies EN 319 412-3, and with it EN 319 412-2 GEN-4.3.3-2", upd(policies=None)),
    ("tsu", "no_orgid", ["CERT-080"], MAJOR,
     "subject organizationIdentifier removed: EN 319 422 6.1 applies EN 319 412-3 LEG-4.2.1-2 to a legal-person TSA",
     lambda d: d.update(subject=drop_attr(d["subject"], OID_ORG_ID))),
    ("tsu", "ku_keyenc", ["CERT-191"], MAJOR, "keyUsage keyEncipherment only",
     upd(ku=(KU_KEY_ENCIPHERMENT,))),
    ("tsu", "ku_digsig_keyenc", ["CERT-191"], MINOR,
     "keyUsage digitalSignature + keyEncipherment: a signing TSU key with an extra encipherment bit (minor)",
     upd(ku=(KU_DIGITAL_SIGNATURE, KU_KEY_ENCIPHERMENT))),
    # --- CA -------------------------------------------------------------------------------------
    ("ca", "no_bc", ["CERT-012", "CERT-210"], MAJOR, "basicConstraints removed (keyUsage keyCertSign+cRLSign kept)",
     upd(bc=None)),
    ("ca", "no_keycertsign", ["CERT-011", "CERT-211"], MAJOR,
     "keyUsage cRLSign only; pathLenConstraint also omitted so that the pathLen-without-keyCertSign clause of CERT-013 is not tripped",
     upd(ku=(KU_CRL_SIGN,), bc=dict(path_len=None, critical=True))),
    ("ca", "ku_not_critical", ["CERT-211"], MINOR, "keyUsage not critical",
     upd(ku_critical=False)),
    ("ca", "no_ski", ["CERT-010", "CERT-212"], MAJOR, "subjectKeyIdentifier removed",
     upd(ski=False)),
    ("ca", "bc_not_critical", ["CERT-210"], MAJOR, "basicConstraints not critical",
     upd(bc=dict(path_len=0, critical=False))),
    ("ca", "name_constraints", [], MAJOR, "critical nameConstraints permitting dNSName example.com: conforming",
     upd(extra=[extension(OID_NAME_CONSTRAINTS, seq(implicit_cons(0, seq(gn_dns("example.com")))), critical=True)])),
    ("ca", "name_constraints_not_critical", ["CERT-216"], MAJOR,
     "nameConstraints permitting dNSName example.com, not critical (issued 2026: no CA/B tolerance)",
     upd(extra=[extension(OID_NAME_CONSTRAINTS, seq(implicit_cons(0, seq(gn_dns("example.com")))))])),
    ("ca", "tls_no_crldp", ["CERT-215"], MAJOR,
     "extKeyUsage serverAuth (a TLS sub-CA) and no cRLDistributionPoints (BR 7.1.2.10)",
     upd(eku=[OID_KP_SERVER_AUTH], eku_critical=False, crldp=None)),
    ("ca", "tls_ok", [], MAJOR, "extKeyUsage serverAuth (a TLS sub-CA) with certificatePolicies, CRLDP and AIA: conforming",
     upd(eku=[OID_KP_SERVER_AUTH], eku_critical=False)),
    ("ca", "qc_statements", ["CERT-217"], "observation", "qcStatements with QcCompliance in the CA certificate (reported)",
     upd(extra=[extension(OID_QC_STATEMENTS, seq(qc(OID_QC_COMPLIANCE)))])),
    ("ca", "no_orgid", ["CERT-213"], "observation", "subject organizationIdentifier removed (observation: required only for legal-person TSPs)",
     lambda d: d.update(subject=drop_attr(d["subject"], OID_ORG_ID))),
]

ETSI_BASELINE_NOTES = {
    "qcp-n-qscd": "conforming QCP-n-qscd e-signature certificate, natural person (QcCompliance, QcSSCD, QcType esign, QcPDS, semanticsId-Natural)",
    "qcp-n": "conforming QCP-n e-signature certificate, natural person (QcCompliance, QcType esign, QcPDS, semanticsId-Natural)",
    "qcp-l-qscd": "conforming QCP-l-qscd e-seal certificate, legal person (QcCompliance, QcSSCD, QcType eseal, QcPDS, semanticsId-Legal)",
    "qcp-l": "conforming QCP-l e-seal certificate, legal person (QcCompliance, QcType eseal, QcPDS, semanticsId-Legal)",
    "qevcp-w": "conforming QEVCP-w + CA/B EV website certificate (QcCompliance, QcType web, QcPDS, semanticsId-Legal; cabfOrganizationIdentifier extension per EVG 9.8.2)",
    "qncp-w": "conforming QNCP-w + CA/B OV website certificate (QcCompliance, QcType web, QcPDS, semanticsId-Legal)",
    "psd2-qwac": "conforming PSD2 QWAC (QNCP-w + OV, PSD orgId, PSD2 statement PSP_AS+PSP_PI, NCA BE-NBB)",
    "psd2-qsealc": "conforming PSD2 QSealC (QCP-l, PSD orgId, PSD2 statement PSP_AS+PSP_PI, NCA BE-NBB)",
    "ncp-n": "conforming NCP+ natural-person certificate, no qcStatements",
    "ncp-l": "conforming LCP legal-person certificate, no qcStatements",
    "tsu": "conforming TSU certificate (EKU timeStamping critical, KU digitalSignature, policy 0.4.0.2023.1.1)",
    "ca": "conforming sub-CA 'TrustAudit Test Qualified CA' issued by the test root (pathLen 0, keyCertSign+cRLSign)",
    "tl-signer": "conforming trusted-list signing certificate on its own (EKU tslSigning, KU nonRepudiation, cA FALSE)",
    "ocsp-responder": "conforming delegated OCSP responder (EKU OCSPSigning only, KU digitalSignature, id-pkix-ocsp-nocheck)",
}


# Mutations that change what the certificate claims, and so the profile TrustAudit must choose.
MUTATED_PROFILES = {
    # QcCClegislation with no EU policy: qualified under non-EU law (EN 319 412-5 4.2.4).
    ("qcp-l", "ccleg_non_eu"): "en319412-qc-non-eu",
    # QEVCP-w among the policies: the certificate claims EV (and is judged as such).
    ("qncp-w", "precert_qevcp_policy"): "en319412-qevcp-w",
    # No CA/B or BR-based policy: a PSD2 QWAC for use outside browsers.
    ("psd2-qwac", "non_browser"): "ts119495-psd2-qwac-non-browser",
    ("psd2-qwac", "non_browser_751_days"): "ts119495-psd2-qwac-non-browser",
    ("psd2-qwac", "non_browser_nonrepudiation"): "ts119495-psd2-qwac-non-browser",
}


def etsi_rec(profile: str, failed=(), grade: str = MAJOR, mutation: str = "ok") -> dict:
    failed = list(failed)
    verdict = "conforming" if not failed else grade
    chosen = MUTATED_PROFILES.get((profile, mutation), ETSI_PROFILES[profile])
    return {"kind": "certificate", "verdict": verdict, "failed": failed, "profile": chosen}


def build_etsi(pki: PKI, out: Output):
    E = "certificates/etsi/"
    made = {}  # path -> (der, issuer key, hash)

    def emit(profile: str, mutation: str, d: dict, failed, grade, note):
        label = "etsi/%s__%s" % (profile, mutation)
        der = etsi_cert(pki, label, d)
        path = E + "%s__%s.pem" % (profile, mutation)
        out.add(path, pem("CERTIFICATE", der), [etsi_rec(profile, failed, grade, mutation)], note=note)
        made[path] = (der, pki.keys["root-ca" if d["issuer"] == "root" else "issuing-ca"],
                      hashes.SHA1() if d["sha1"] else hashes.SHA256())
        return der

    baselines = {}
    for profile in ETSI_PROFILES:
        baselines[profile] = emit(profile, "ok", etsi_baseline(profile), [], MAJOR,
                                  ETSI_BASELINE_NOTES[profile])
    seen = set()
    for profile, mutation, failed, grade, what, edit in ETSI_MUTATIONS:
        assert (profile, mutation) not in seen
        seen.add((profile, mutation))
        d = etsi_baseline(profile)
        edit(d)
        assert d != etsi_baseline(profile), (profile, mutation)
        assert all(f.startswith(("CERT-", "TL-06")) for f in failed)
        emit(profile, mutation, d, failed, grade, "mutation of %s__ok: %s" % (profile, what))

    # Broken signature: the only vector whose bytes change after signing.
    bad_sig = {}
    path = E + "qcp-n-qscd__bad_signature.pem"
    der = etsi_cert(pki, "etsi/qcp-n-qscd__bad_signature", etsi_baseline("qcp-n-qscd"))
    der = der[:-1] + bytes([der[-1] ^ 0x01])
    out.add(path, pem("CERTIFICATE", der), [etsi_rec("qcp-n-qscd")],
            [defect(len(der) - 1, 1, "last octet of the signature value XOR 0x01", "DER")],
            note="qcp-n-qscd__ok with the last signature octet XOR 0x01: conforming without an issuer "
                 "(CERT-018 not checked); with --issuer certificates/issuing-ca.pem CERT-018 fails")
    bad_sig[path] = (der, pki.keys["issuing-ca"])

    out.add(E + "chain-etsi.pem", pem("CERTIFICATE", pki.root) + pem("CERTIFICATE", baselines["ca"]),
            [dict(ca_rec(), profile=ETSI_PROFILES["ca"]), etsi_rec("ca")],
            note="test root CA (self-signed, no organizationIdentifier: CERT-213 observation) followed by etsi/ca__ok.pem")

    # Sanity: every ETSI vector parses under cryptography's strict DER parser, re-encodes
    # identically, has parseable extensions and verifies under its issuer key.
    from cryptography import x509

    for path, (der, issuer_key, algo) in made.items():
        cert = x509.load_der_x509_certificate(der)
        assert cert.public_bytes(serialization.Encoding.DER) == der, path
        issuer_key.public_key().verify(cert.signature, cert.tbs_certificate_bytes, padding.PKCS1v15(), algo)
        for e in cert.extensions:  # forces decoding of every extension cryptography knows
            pass
        cert.subject.rfc4514_string()
    from cryptography.exceptions import InvalidSignature

    for path, (der, issuer_key) in bad_sig.items():
        cert = x509.load_der_x509_certificate(der)
        assert cert.public_bytes(serialization.Encoding.DER) == der, path
        try:
            issuer_key.public_key().verify(cert.signature, cert.tbs_certificate_bytes, padding.PKCS1v15(), hashes.SHA256())
            raise AssertionError("%s verifies" % path)
        except InvalidSignature:
            pass


# --------------------------------------------------------------------------
# Time-stamp tokens (RFC 3161, RFC 5652, RFC 5816, ETSI EN 319 422)
# --------------------------------------------------------------------------
#
# timestamps/token-ok.tst is the conforming baseline; every timestamps/token-<defect>.tst
# changes exactly one thing of it (a TSTInfo field, the CMS wrapping, the signed attributes
# or the TSU certificate) and is re-signed unless the defect is the signature itself.
# Requirement ids are those of TrustAudit's time-stamp checklist (TST-xxx).

OID_SHA1 = "1.3.14.3.2.26"
ALG_SHA1 = seq(oid(OID_SHA1))  # RFC 3370 2.1: parameters absent
OID_DATA = "1.2.840.113549.1.7.1"
OID_ATTR_SIGNING_CERT = "1.2.840.113549.1.9.16.2.12"  # RFC 2634 SigningCertificate (ESSCertID, SHA-1)
OID_ESI4_QTST = "0.4.0.19422.1.1"  # EN 319 422 9.1 esi4-qtstStatement-1
# Private test OIDs under the same made-up arc as OID_UNKNOWN_EXT (1.3.6.1.4.1.99999).
OID_TSA_OWN_POLICY = "1.3.6.1.4.1.99999.7.1"
OID_TSA_OTHER_POLICY = "1.3.6.1.4.1.99999.7.2"
OID_TST_UNKNOWN_EXT = "1.3.6.1.4.1.99999.9"

OTHER_ROOT_NAME = name((OID_C, "BE"), (OID_O, "TrustAudit Test"), (OID_CN, "TrustAudit Other Root"))
TST_OTHER_DATA = b"other data"
TST_NONCE = 0x0102030405060708
TST_REQUEST_NONCE_OTHER = 0x0807060504030201


def tst_info(version=1, policy=OID_TSA_POLICY, imprint_alg=ALG_SHA256, imprint=None, data=TST_DATA,
             serial=None, gen_time=TST_GEN_TIME, accuracy="default", ordering=None, nonce=None,
             extensions=None) -> bytes:
    """A TSTInfo (RFC 3161 2.4.2); the defaults give token-ok's."""
    if imprint is None:
        imprint = hashlib.sha256(data).digest()
    parts = [
        integer(version),
        oid(policy),
        seq(imprint_alg, octet_string(imprint)),
        integer(42) if serial is None else serial,
        generalized_time(gen_time),
    ]
    if accuracy == "default":
        accuracy = seq(integer(1))  # seconds 1
    if accuracy is not None:
        parts.append(accuracy)
    if ordering is not None:
        parts.append(boolean(ordering))
    if nonce is not None:
        parts.append(integer(nonce))
    if extensions is not None:
        parts.append(implicit_cons(1, b"".join(extensions)))  # extensions [1] IMPLICIT Extensions
    return seq(*parts)


class TSUSigner:
    """A TSU: its certificate, key and the IssuerAndSerialNumber that names it."""

    def __init__(self, cert: bytes, key, issuer: bytes, serial: bytes):
        self.cert, self.key, self.issuer, self.serial = cert, key, issuer, serial


DIGESTS = {
    "sha256": (ALG_SHA256, ALG_SHA256_RSA, hashlib.sha256, hashes.SHA256),
    "sha1": (ALG_SHA1, ALG_SHA1_RSA, hashlib.sha1, hashes.SHA1),
}


def make_token(tsu: TSUSigner, info: bytes, *, sd_version=3, econtent_type=OID_CT_TSTINFO,
               certificates="tsu", content_type_attr=True, message_digest=None, ess="v2",
               ess_cert=None, digest="sha256", signers=1, flip_signature=False) -> bytes:
    """TimeStampToken (CMS ContentInfo/SignedData) over `info`; the defaults give token-ok's."""
    digest_alg, sig_alg, hash_fn, hash_cls = DIGESTS[digest]
    ess_cert = tsu.cert if ess_cert is None else ess_cert
    issuer_serial = seq(seq(explicit(4, tsu.issuer)), integer_raw(tsu.serial))
    attrs = []
    if content_type_attr:
        attrs.append(seq(oid(OID_ATTR_CONTENT_TYPE), set_of(oid(OID_CT_TSTINFO))))
    md = hash_fn(info).digest() if message_digest is None else message_digest
    attrs.append(seq(oid(OID_ATTR_MESSAGE_DIGEST), set_of(octet_string(md))))
    if ess == "v2":
        # ESSCertIDv2: hashAlgorithm is DEFAULT sha256 -> omitted in DER.
        ess_cert_id = seq(octet_string(hashlib.sha256(ess_cert).digest()), issuer_serial)
        attrs.append(seq(oid(OID_ATTR_SIGNING_CERT_V2), set_of(seq(seq(ess_cert_id)))))
    elif ess == "v1":
        ess_cert_id = seq(octet_string(hashlib.sha1(ess_cert).digest()), issuer_serial)
        attrs.append(seq(oid(OID_ATTR_SIGNING_CERT), set_of(seq(seq(ess_cert_id)))))
    else:
        assert ess is None
    signed_attrs_set = set_of(*attrs)  # what is signed: tag 0x31
    signature = sign(tsu.key, signed_attrs_set, hash_cls())
    tsu.key.public_key().verify(signature, signed_attrs_set, padding.PKCS1v15(), hash_cls())
    if flip_signature:
        signature = signature[:-1] + bytes([signature[-1] ^ 0x01])
    signer_info = seq(
        integer(1),
        seq(tsu.issuer, integer_raw(tsu.serial)),
        digest_alg,
        implicit_cons(0, der_content(signed_attrs_set)),  # same content, tag [0]
        sig_alg,
        octet_string(signature),
    )
    parts = [
        integer(sd_version),
        set_of(digest_alg),
        seq(oid(econtent_type), explicit(0, octet_string(info))),
    ]
    if certificates == "tsu":
        parts.append(implicit_cons(0, tsu.cert))
    else:
        assert certificates is None
    parts.append(set_of(*([signer_info] * signers)))
    return seq(oid(OID_SIGNED_DATA), explicit(0, seq(*parts)))


def tsu_cert(pki: PKI, label: str, *, key: str = "tsu", subject: bytes = TSU_NAME,
             issuer: bytes = ISSUING_NAME, issuer_key: str = "issuing-ca",
             not_before: str = EE_NOT_BEFORE, not_after: str = EE_NOT_AFTER,
             ku=(KU_DIGITAL_SIGNATURE,), eku_critical: bool = True) -> TSUSigner:
    """A TSU certificate like pki.tsu with the given changes; serial from 'tsu/<label>'."""
    serial = serial_for("tsu/" + label)
    der = Cert(
        serial=integer_raw(serial),
        issuer=issuer,
        subject=subject,
        not_before=utc_time(not_before),
        not_after=utc_time(not_after),
        spki=pki.spki[key],
        extensions=[
            ext_ski(pki.keys[key]),
            ext_aki(pki.keys[issuer_key]),
            ext_ku(*ku),
            extension(OID_EKU, seq(oid(OID_KP_TIMESTAMPING)), critical=eku_critical),
        ],
        signer=pki.keys[issuer_key],
    ).der()
    return TSUSigner(der, pki.keys[key], issuer, serial)


def other_root(pki: PKI) -> bytes:
    """'TrustAudit Other Root': a self-signed CA that is not part of the test PKI."""
    k = pki.keys["other-root-ca"]
    return Cert(
        serial=integer_raw(serial_for("other-root-ca")),
        issuer=OTHER_ROOT_NAME,
        subject=OTHER_ROOT_NAME,
        not_before=utc_time(CA_NOT_BEFORE),
        not_after=utc_time(CA_NOT_AFTER),
        spki=pki.spki["other-root-ca"],
        extensions=[ext_ski(k), ext_aki(k), ext_bc_ca(None), ext_ku(KU_KEY_CERT_SIGN, KU_CRL_SIGN)],
        signer=k,
    ).der()


def time_stamp_req(imprint: bytes, policy: str | None = None, nonce: int | None = None, cert_req: bool = True) -> bytes:
    """DER TimeStampReq v1 (RFC 3161 2.4.1) with a SHA-256 imprint."""
    parts = [integer(1), seq(ALG_SHA256, octet_string(imprint))]
    if policy is not None:
        parts.append(oid(policy))
    if nonce is not None:
        parts.append(integer(nonce))
    if cert_req:
        parts.append(boolean(True))  # certReq DEFAULT FALSE: only TRUE is encoded
    return seq(*parts)


def ts_rec(failed=(), verdict: str | None = None, with_inputs: tuple | None = None) -> dict:
    """A timestamp record; verdict defaults to major/conforming. with_inputs = (args, verdict, failed):
    the result of the same command with the extra CLI arguments (paths relative to TestVectors/)."""
    failed = list(failed)
    r = {"kind": "timestamp", "verdict": verdict or ("major" if failed else "conforming"), "failed": failed}
    if with_inputs is not None:
        args, v, f = with_inputs
        r["withInputs"] = {"args": list(args), "verdict": v, "failed": list(f)}
    return r


def build_timestamps(pki: PKI, out: Output):
    T = "timestamps/"
    tsu = TSUSigner(pki.tsu, pki.keys["tsu"], ISSUING_NAME, pki.tsu_serial)
    info_ok = tst_info()
    token = make_token(tsu, info_ok)
    response = seq(seq(integer(0)), token)

    ok = [rec("timestamp")]
    out.add(T + "token-ok.tst", token, ok)
    out.add(T + "response-ok.tsr", response, ok)
    out.add(T + "token-ok.b64", base64.b64encode(token) + b"\n", ok,
            note="one line of plain base64 (no armour) of token-ok.tst, newline-terminated")
    out.add(T + "token-trailing-bytes.tst", token + b"\x00\x00", [rec("timestamp", ["TST-001"])],
            [defect(len(token), 2, "two 0x00 octets after the TimeStampToken")])
    out.add(T + "data.txt", TST_DATA)  # imprinted data, not an input
    out.add(T + "tsa-chain.pem",
            pem("CERTIFICATE", pki.root) + pem("CERTIFICATE", pki.issuing) + pem("CERTIFICATE", pki.tsu),
            # The TSU certificate predates the EN 319 422 profile vectors: no CRL distribution
            # point, AIA, certificatePolicies or organizationIdentifier, so the TSU profile
            # (EN 319 422 6.1 with EN 319 412-2/-3) reports them.
            [ca_rec(), ca_rec(), rec("certificate", ["CERT-064", "CERT-065", "CERT-061", "CERT-080"])])

    # ---- single-change mutations of token-ok ------------------------------------------------
    def emit(defect_name: str, tok: bytes, record: dict, what: str, defects=None):
        out.add(T + "token-%s.tst" % defect_name, tok, [record], defects,
                note="mutation of token-ok.tst: %s" % what)

    def at(tok: bytes, needle: bytes, what: str, sub: int = 0, length: int | None = None) -> dict:
        i = find_once(tok, needle) + sub
        return defect(i, len(needle) - sub if length is None else length, what)

    # messageImprint
    info = tst_info(imprint_alg=ALG_SHA1, imprint=hashlib.sha1(TST_DATA).digest())
    tok = make_token(tsu, info)
    emit("sha1-imprint", tok, ts_rec(["TST-034"]), "messageImprint SHA-1 (1.3.14.3.2.26) of data.txt",
         [at(tok, seq(ALG_SHA1, octet_string(hashlib.sha1(TST_DATA).digest())), "messageImprint with hashAlgorithm SHA-1")])

    short = hashlib.sha256(TST_DATA).digest()[:20]
    tok = make_token(tsu, tst_info(imprint=short))
    emit("imprint-length", tok, ts_rec(["TST-033"]),
         "messageImprint hashAlgorithm SHA-256 with a 20-octet hashedMessage (first 20 octets of SHA-256(data.txt))",
         [at(tok, octet_string(short), "hashedMessage OCTET STRING of 20 octets under SHA-256")])

    tok = make_token(tsu, tst_info(data=TST_OTHER_DATA))
    out.add(T + "token-other-data.tst", tok,
            [ts_rec(with_inputs=(["--data", "timestamps/data.txt"], "major", ["TST-035"]))],
            note="mutation of token-ok.tst: messageImprint is SHA-256 of b'other data', not of data.txt; "
                 "conforming alone, TST-035 fails with --data timestamps/data.txt")

    # accuracy, genTime precision, ordering
    tok = make_token(tsu, tst_info(accuracy=None))
    gt = generalized_time(TST_GEN_TIME)
    emit("no-accuracy", tok, ts_rec(["TST-039"]), "accuracy removed",
         [at(tok, gt, "genTime, not followed by accuracy", length=len(gt))])

    acc2 = seq(integer(2))
    tok = make_token(tsu, tst_info(accuracy=acc2))
    emit("accuracy-2s", tok, ts_rec(["TST-039"], "minor"), "accuracy seconds 2 (more than 1 s)",
         [at(tok, gt + acc2, "accuracy { seconds 2 }", sub=len(gt))])

    acc_ms = seq(implicit_prim(0, b"\x0a"))
    tok = make_token(tsu, tst_info(accuracy=acc_ms))
    emit("accuracy-ms-no-fraction", tok, ts_rec(["TST-038"], "minor"),
         "accuracy { millis 10 } while genTime 20260601120000Z has no fraction of a second",
         [at(tok, gt + acc_ms, "genTime without fraction followed by accuracy { millis [0] 10 }")])

    acc_500 = seq(implicit_prim(0, b"\x01\xf4"))
    tok = make_token(tsu, tst_info(gen_time="20260601120000.5Z", accuracy=acc_500))
    out.add(T + "token-accuracy-ms.tst", tok, [ts_rec()],
            note="mutation of token-ok.tst: accuracy { millis 500 } with genTime 20260601120000.5Z (conforming: "
                 "the precision matches the accuracy)")

    tok = make_token(tsu, tst_info(ordering=True))
    emit("ordering-true", tok, ts_rec(["TST-040"]), "ordering TRUE (after accuracy)",
         [at(tok, seq(integer(1)) + boolean(True), "ordering BOOLEAN TRUE", sub=len(seq(integer(1))))])

    # policy, version, serial, genTime form
    tok = make_token(tsu, tst_info(policy=OID_TSA_OWN_POLICY))
    emit("policy-own", tok,
         ts_rec(["TST-032"], "minor", with_inputs=(["--policy", OID_TSA_OWN_POLICY], "conforming", [])),
         "policy %s (the TSA's own, not EN 319 421's 0.4.0.2023.1.1); conforming with --policy %s"
         % (OID_TSA_OWN_POLICY, OID_TSA_OWN_POLICY),
         [at(tok, oid(OID_TSA_OWN_POLICY), "TSTInfo.policy")])

    tok = make_token(tsu, tst_info(version=2))
    emit("version-2", tok, ts_rec(["TST-030"]), "TSTInfo version 2",
         [at(tok, integer(2) + oid(OID_TSA_POLICY), "TSTInfo.version INTEGER 2", length=3)])

    neg = integer_raw(b"\x80\x00\x00\x00\x00\x00\x00\x2a")
    tok = make_token(tsu, tst_info(serial=neg))
    emit("serial-negative", tok, ts_rec(["TST-036"]), "serialNumber INTEGER 80 00 00 00 00 00 00 2A (negative)",
         [at(tok, neg, "serialNumber, first content octet 0x80")])

    gt_tz = generalized_time("20260601120000.50Z")
    tok = make_token(tsu, tst_info(gen_time="20260601120000.50Z"))
    emit("gentime-trailing-zero", tok, ts_rec(["TST-037"]), "genTime 20260601120000.50Z (trailing zero in the fraction)",
         [at(tok, gt_tz, "genTime GeneralizedTime with fraction '.50'")])

    # TSTInfo extensions
    def qcs_ext(*statements: bytes, critical: bool = False) -> bytes:
        return extension(OID_QC_STATEMENTS, seq(*statements), critical=critical)

    e = qcs_ext(qc(OID_ESI4_QTST), critical=True)
    tok = make_token(tsu, tst_info(extensions=[e]))
    emit("qc-critical", tok, ts_rec(["TST-043", "TST-044"]),
         "TSTInfo extension qcStatements { esi4-qtstStatement-1 } marked critical",
         [at(tok, e, "extensions [1]: qcStatements, critical TRUE")])

    e = qcs_ext(qc(OID_QC_COMPLIANCE))
    tok = make_token(tsu, tst_info(extensions=[e]))
    emit("qc-without-esi4", tok, ts_rec(["TST-044"]),
         "TSTInfo extension qcStatements { QcCompliance 0.4.0.1862.1.1 } (not critical, no esi4-qtstStatement-1)",
         [at(tok, e, "extensions [1]: qcStatements without esi4-qtstStatement-1")])

    e = qcs_ext(qc(OID_ESI4_QTST))
    tok = make_token(tsu, tst_info(extensions=[e]))
    emit("qc-esi4", tok, ts_rec(),
         "TSTInfo extension qcStatements { esi4-qtstStatement-1 0.4.0.19422.1.1 }, not critical: conforming")

    e = extension(OID_TST_UNKNOWN_EXT, null(), critical=True)
    tok = make_token(tsu, tst_info(extensions=[e]))
    emit("critical-extension", tok, ts_rec(["TST-043"]),
         "TSTInfo extension %s, critical, value NULL" % OID_TST_UNKNOWN_EXT,
         [at(tok, e, "extensions [1]: private extension marked critical")])

    # nonce (and the request it does not answer)
    tok = make_token(tsu, tst_info(nonce=TST_NONCE))
    out.add(T + "token-nonce.tst", tok,
            [ts_rec(with_inputs=(["--request", "timestamps/request-nonce-other.tsq"], "major", ["TST-041"]))],
            note="mutation of token-ok.tst: nonce 0x0102030405060708; conforming alone, TST-041 fails with "
                 "--request timestamps/request-nonce-other.tsq (nonce 0x0807060504030201)")
    answered = ["--request", "timestamps/request-nonce-match.tsq", "--data", "timestamps/data.txt",
                "--ca", "certificates/issuing-ca.pem"]
    out.add(T + "token-nonce-answered.tst", tok, [ts_rec(with_inputs=(answered, "conforming", []))],
            note="same bytes as token-nonce.tst; with the request it answers (same nonce, reqPolicy "
                 "0.4.0.2023.1.1), the stamped data and the TSA CA every input-dependent check passes")
    imprint_ok = hashlib.sha256(TST_DATA).digest()
    out.add(T + "request-nonce-match.tsq", time_stamp_req(imprint_ok, policy=OID_TSA_POLICY, nonce=TST_NONCE))
    out.add(T + "request-nonce-other.tsq", time_stamp_req(imprint_ok, nonce=TST_REQUEST_NONCE_OTHER))
    out.add(T + "request-policy-other.tsq", time_stamp_req(imprint_ok, policy=OID_TSA_OTHER_POLICY))
    out.add(T + "token-reqpolicy.tst", token,
            [ts_rec(with_inputs=(["--request", "timestamps/request-policy-other.tsq"], "major", ["TST-031"]))],
            note="byte-identical to token-ok.tst (policy 0.4.0.2023.1.1); TST-031 fails with "
                 "--request timestamps/request-policy-other.tsq (reqPolicy %s)" % OID_TSA_OTHER_POLICY)

    # CMS SignedData
    tok = make_token(tsu, info_ok, sd_version=1)
    emit("signeddata-v1", tok, ts_rec(["TST-010"]), "SignedData version 1",
         [at(tok, integer(1) + set_of(ALG_SHA256), "SignedData.version INTEGER 1", length=3)])

    # eContentType id-data: the contentType signed attribute still names id-ct-TSTInfo, so the
    # item is recognised as a (broken) time-stamp token.
    tok = make_token(tsu, info_ok, econtent_type=OID_DATA)
    emit("econtenttype-data", tok, ts_rec(["TST-011"]),
         "eContentType id-data 1.2.840.113549.1.7.1 (the contentType attribute still says id-ct-TSTInfo)",
         [at(tok, oid(OID_DATA), "encapContentInfo.eContentType id-data")])

    tok = make_token(tsu, info_ok, signers=2)
    emit("two-signers", tok, ts_rec(["TST-012"]), "signerInfos holds the SignerInfo twice")

    tok = make_token(tsu, info_ok, content_type_attr=False)
    emit("no-content-type-attr", tok, ts_rec(["TST-013"]), "contentType signed attribute removed (re-signed)")

    other_md = hashlib.sha256(b"other bytes").digest()
    tok = make_token(tsu, info_ok, message_digest=other_md)
    emit("digest-mismatch", tok, ts_rec(["TST-013"]),
         "messageDigest is SHA-256 of b'other bytes', not of the TSTInfo (signature over the attributes is valid)",
         [at(tok, octet_string(other_md), "messageDigest value")])

    tok = make_token(tsu, info_ok, flip_signature=True)
    emit("bad-signature", tok, ts_rec(["TST-014"]), "last octet of the SignerInfo signature XOR 0x01",
         [defect(len(tok) - 1, 1, "last octet of the signature value XOR 0x01")])

    tok = make_token(tsu, info_ok, ess=None)
    emit("no-ess", tok, ts_rec(["TST-015"]),
         "signingCertificateV2 attribute removed (re-signed); TST-016 is then not checked")

    tok = make_token(tsu, info_ok, ess_cert=pki.issuing)
    emit("ess-wrong-cert", tok, ts_rec(["TST-016"]),
         "ESSCertIDv2.certHash is SHA-256 of the issuing CA certificate (issuerSerial still names the TSU)",
         [at(tok, octet_string(hashlib.sha256(pki.issuing).digest()), "ESSCertIDv2.certHash")])

    tok = make_token(tsu, info_ok, ess="v1")
    emit("ess-v1", tok, ts_rec(["TST-017"], "observation"),
         "SigningCertificate (1.2.840.113549.1.9.16.2.12, ESSCertID with SHA-1 certHash) instead of SigningCertificateV2",
         [at(tok, oid(OID_ATTR_SIGNING_CERT), "signed attribute type id-aa-signingCertificate")])

    tok = make_token(tsu, info_ok, digest="sha1")
    emit("sha1-signature", tok, ts_rec(["TST-019"]),
         "digestAlgorithm SHA-1, signatureAlgorithm sha1WithRSAEncryption, messageDigest SHA-1 (signed with SHA-1)",
         [at(tok, ALG_SHA1_RSA, "SignerInfo.signatureAlgorithm sha1WithRSAEncryption")])

    tok = make_token(tsu, info_ok, certificates=None)
    out.add(T + "token-no-certificates.tst", tok,
            [ts_rec(["TST-050"], with_inputs=(["--tsu", "timestamps/tsa-chain.pem"], "conforming", []))],
            note="mutation of token-ok.tst: SignedData.certificates omitted (certReq FALSE); conforming with "
                 "--tsu timestamps/tsa-chain.pem (the TSU certificate is found by issuer and serial)")

    # TSU certificates
    tsu_defects = [
        ("tsu-eku-not-critical", dict(eku_critical=False), ["TST-051"], None,
         "signed by a TSU certificate whose extKeyUsage timeStamping is not critical"),
        ("tsu-ku-keyenc", dict(ku=(KU_KEY_ENCIPHERMENT,)), ["TST-052"], "minor",
         "signed by a TSU certificate with keyUsage keyEncipherment only"),
        ("tsu-no-org", dict(subject=name((OID_CN, "TrustAudit Test TSU"))), ["TST-053"], None,
         "signed by a TSU certificate whose subject is CN=TrustAudit Test TSU only (no C, no O)"),
        ("tsu-rsa1024", dict(key="weak-rsa1024"), ["TST-020"], None,
         "signed by a TSU certificate with an RSA-1024 key (keys/weak-rsa1024-key.pem)"),
        ("tsu-expired", dict(not_before="200101000000Z", not_after="210101000000Z"), ["TST-057"], None,
         "signed by a TSU certificate valid 2020-01-01 to 2021-01-01; genTime 2026-06-01T12:00:00Z"),
    ]
    made_tsu = []
    for label, kw, failed, verdict, what in tsu_defects:
        signer = tsu_cert(pki, label, **kw)
        made_tsu.append((signer.cert, pki.keys["issuing-ca"]))
        emit(label, make_token(signer, info_ok), ts_rec(failed, verdict), what)

    other = other_root(pki)
    signer = tsu_cert(pki, "other-ca", issuer=OTHER_ROOT_NAME, issuer_key="other-root-ca")
    made_tsu.append((signer.cert, pki.keys["other-root-ca"]))
    made_tsu.append((other, pki.keys["other-root-ca"]))
    out.add(T + "token-other-ca.tst", make_token(signer, info_ok),
            [ts_rec(with_inputs=(["--data", "timestamps/data.txt", "--ca", "certificates/issuing-ca.pem"],
                                 "major", ["TST-058"]))],
            note="mutation of token-ok.tst: signed by a TSU certificate issued by the self-signed "
                 "'TrustAudit Other Root' (keys/other-root-ca-key.pem), not by the test issuing CA; conforming "
                 "alone, TST-058 fails with --ca certificates/issuing-ca.pem")

    # Rejection response
    status_string = seq(utf8_string("unaccepted policy"))
    fail_info = named_bits(15)  # unacceptedPolicy
    rejected = seq(seq(integer(2), status_string, fail_info))
    out.add(T + "response-rejected.tsr", rejected, [ts_rec(["TST-002"])],
            [defect(find_once(rejected, fail_info), len(fail_info), "failInfo BIT STRING with bit 15 (unacceptedPolicy)")],
            note="TimeStampResp with PKIStatus rejection(2), statusString 'unaccepted policy', failInfo unacceptedPolicy; no token")

    # Sanity: every TSU certificate parses under a strict DER parser and verifies under its issuer.
    from cryptography import x509

    for der, k in made_tsu:
        cert = x509.load_der_x509_certificate(der)
        assert cert.public_bytes(serialization.Encoding.DER) == der
        k.public_key().verify(cert.signature, cert.tbs_certificate_bytes, padding.PKCS1v15(), hashes.SHA256())
        for _ in cert.extensions:
            pass



# --------------------------------------------------------------------------
# Trusted lists
# --------------------------------------------------------------------------

TSL_NS = "http://uri.etsi.org/02231/v2#"
TSLX_NS = "http://uri.etsi.org/02231/v2/additionaltypes#"
ECC_NS = "http://uri.etsi.org/TrstSvc/SvcInfoExt/eSigDir-1999-93-EC-TrustedList/#"
DSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
XADES_NS = "http://uri.etsi.org/01903/v1.3.2#"
TSL_TAG = "http://uri.etsi.org/19612/TSLTag"
TSL_TYPE = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/"
SCHEME_RULES = "http://uri.etsi.org/TrstSvc/TrustedList/schemerules/"
STATUS_DETN = "http://uri.etsi.org/TrstSvc/TrustedList/StatusDetn/"
SVC_STATUS = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/"
SVC_TYPE = "http://uri.etsi.org/TrstSvc/Svctype/"
SVC_INFO_EXT = "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/"
MIME_TSL = "application/vnd.etsi.tsl+xml"

TL_ISSUE_TIME = "2026-06-01T00:00:00Z"
TL_NEXT_UPDATE = "2026-12-01T00:00:00Z"
TL_OPERATOR = "TrustAudit Test Scheme Operator"
TL_LOCATION = "https://trustaudit.invalid/tl/tl-be.xml"
TL_TRADE_NAME = "VATBE-0000000097"
SERVICE_START = "2026-01-01T00:00:00Z"
ASI_PURPOSES = ("ForeSignatures", "ForeSeals", "ForWebSiteAuthentication")
ISSUING_NAME_RFC4514 = "CN=TrustAudit Test Issuing CA,O=TrustAudit Test,C=BE"
LOTL_OPERATOR = "TrustAudit Test LOTL Operator"
LOTL_LOCATION = "https://trustaudit.invalid/lotl/lotl.xml"
LOTL_INFO_URI = "https://trustaudit.invalid/lotl/info"
LOTL_OJ_URL = "https://eur-lex.europa.eu/eli/C/2026/0/oj"  # the "OJ publication" of anchors.pem (fictitious number)
LOTL_SEQUENCE = 10  # room below for pivot LOTLs
LOTL_PIVOT_URL = "https://trustaudit.invalid/lotl/eu-lotl-pivot-%d.xml"  # a pivot's URL names its sequence number


class E:
    """One element of a hand-written list, rendered one element per line with two-space indentation and
    explicit end tags (never self-closing): the canonical form of its own text. attrs is written as given,
    so it must already be in canonical order (namespace declarations first, then attributes sorted)."""

    def __init__(self, tag: str, *children, attrs: str = "", text: str | None = None):
        self.tag = tag
        self.children = [c for c in children if c is not None]
        self.attrs = attrs
        self.text = text
        assert text is None or not self.children

    def render(self, level: int = 0) -> str:
        pad = "  " * level
        start = "<%s%s>" % (self.tag, " " + self.attrs if self.attrs else "")
        end = "</%s>" % self.tag
        if self.text is not None or not self.children:
            return pad + start + (self.text or "") + end + "\n"
        return pad + start + "\n" + "".join(c.render(level + 1) for c in self.children) + pad + end + "\n"


def T(tag: str, text: str, attrs: str = "") -> E:
    return E(tag, attrs=attrs, text=text)


EN = 'xml:lang="en"'


def names(tag: str, *values, lang: str = "en") -> E:
    """An InternationalNamesType element: one Name per value (all in `lang`)."""
    return E(tag, *[T("tsl:Name", v, 'xml:lang="%s"' % lang) for v in values])


def lang_uris(tag: str, *uris) -> E:
    """A NonEmptyMultiLangURIListType element (URIs in English)."""
    return E(tag, *[T("tsl:URI", u, EN) for u in uris])


def address(tag: str, *electronic) -> E:
    postal = E("tsl:PostalAddress", T("tsl:StreetAddress", "Test Street 1"), T("tsl:Locality", "Brussels"),
               T("tsl:PostalCode", "1000"), T("tsl:CountryName", "BE"), attrs=EN)
    return E(tag, E("tsl:PostalAddresses", postal), lang_uris("tsl:ElectronicAddress", *electronic))


def tsl_pointer(certs, location: str, tsl_type: str, operator: str, rules, territory: str) -> E:
    """An OtherTSLPointer (5.3.13): the signing certificates, location and the qualifiers TS 119 612 lists
    (TSLType, SchemeOperatorName, SchemeTypeCommunityRules, SchemeTerritory, MimeType)."""
    identities = [E("tsl:ServiceDigitalIdentity", E("tsl:DigitalId", T("tsl:X509Certificate", b64(c)))) for c in certs]
    return E(
        "tsl:OtherTSLPointer",
        E("tsl:ServiceDigitalIdentities", *identities),
        T("tsl:TSLLocation", location),
        E("tsl:AdditionalInformation",
          E("tsl:OtherInformation", T("tsl:TSLType", TSL_TYPE + tsl_type)),
          E("tsl:OtherInformation", names("tsl:SchemeOperatorName", operator)),
          E("tsl:OtherInformation", lang_uris("tsl:SchemeTypeCommunityRules", *[SCHEME_RULES + r for r in rules])),
          E("tsl:OtherInformation", T("tsl:SchemeTerritory", territory)),
          E("tsl:OtherInformation", T("tslx:MimeType", MIME_TSL, 'xmlns:tslx="%s"' % TSLX_NS))))


def scheme_information(*, version: int, sequence: int, tsl_type: str, operator: str, electronic, scheme_name: str,
                       info_uris, approach: str, rules, territory: str, pointers, issue_time: str, next_update: str,
                       distribution: str | None) -> E:
    return E(
        "tsl:SchemeInformation",
        T("tsl:TSLVersionIdentifier", str(version)),
        T("tsl:TSLSequenceNumber", str(sequence)),
        T("tsl:TSLType", TSL_TYPE + tsl_type),
        names("tsl:SchemeOperatorName", operator),
        address("tsl:SchemeOperatorAddress", *electronic),
        names("tsl:SchemeName", scheme_name),
        lang_uris("tsl:SchemeInformationURI", *info_uris),
        T("tsl:StatusDeterminationApproach", STATUS_DETN + approach),
        lang_uris("tsl:SchemeTypeCommunityRules", *[SCHEME_RULES + r for r in rules]),
        T("tsl:SchemeTerritory", territory),
        E("tsl:PolicyOrLegalNotice", T("tsl:TSLLegalNotice", "Test list for TrustAudit. Not a real trusted list.", EN)),
        T("tsl:HistoricalInformationPeriod", "65535"),
        E("tsl:PointersToOtherTSL", *pointers),
        T("tsl:ListIssueDateTime", issue_time),
        E("tsl:NextUpdate", T("tsl:dateTime", next_update)),
        E("tsl:DistributionPoints", T("tsl:URI", distribution)) if distribution else None)


def digital_identity(der: bytes | None = None, subject: str | None = None, ski: bytes | None = None) -> E:
    ids = []
    if der is not None:
        ids.append(E("tsl:DigitalId", T("tsl:X509Certificate", b64(der))))
    if subject is not None:
        ids.append(E("tsl:DigitalId", T("tsl:X509SubjectName", subject)))
    if ski is not None:
        ids.append(E("tsl:DigitalId", T("tsl:X509SKI", b64(ski))))
    return E("tsl:ServiceDigitalIdentity", *ids)


def tl_extension(critical: bool, content: E) -> E:
    return E("tsl:Extension", content, attrs='Critical="%s"' % ("true" if critical else "false"))


def additional_service_information(purpose: str) -> E:
    return E("tsl:AdditionalServiceInformation", T("tsl:URI", SVC_INFO_EXT + purpose, EN))


def qualifications(qualifier: str, policy_oid: str) -> E:
    """A Qualifications extension (5.5.9.2) with one QualificationElement: `qualifier` for the certificates
    with the policy. The sie and XAdES prefixes are declared where they are first used (canonical form)."""
    policy = E("ecc:PolicySet", E("ecc:PolicyIdentifier", T("xades:Identifier", policy_oid, 'xmlns:xades="%s"' % XADES_NS)))
    element = E("ecc:QualificationElement",
                E("ecc:Qualifiers", E("ecc:Qualifier", attrs='uri="%s"' % (SVC_INFO_EXT + qualifier))),
                E("ecc:CriteriaList", policy, attrs='assert="atLeastOne"'))
    return E("ecc:Qualifications", element, attrs='xmlns:ecc="%s"' % ECC_NS)


def tl_service(service_type: str, name_: str, identity: E, status: str, start: str, *, supply=(), definition=None,
               extensions=(), history=()) -> E:
    """A TSPService (5.5): supply = (type, URI) ServiceSupplyPoints; extensions = Extension elements;
    history = ServiceHistoryInstance elements, newest first."""
    information = E(
        "tsl:ServiceInformation",
        T("tsl:ServiceTypeIdentifier", SVC_TYPE + service_type),
        names("tsl:ServiceName", name_),
        identity,
        T("tsl:ServiceStatus", SVC_STATUS + status),
        T("tsl:StatusStartingTime", start),
        E("tsl:ServiceSupplyPoints", *[T("tsl:ServiceSupplyPoint", u, 'type="%s"' % (SVC_TYPE + t)) for t, u in supply])
        if supply else None,
        lang_uris("tsl:TSPServiceDefinitionURI", definition) if definition else None,
        E("tsl:ServiceInformationExtensions", *extensions) if extensions else None)
    return E("tsl:TSPService", information, E("tsl:ServiceHistory", *history) if history else None)


def history_instance(service_type: str, name_: str, identity: E, status: str, start: str) -> E:
    return E("tsl:ServiceHistoryInstance", T("tsl:ServiceTypeIdentifier", SVC_TYPE + service_type),
             names("tsl:ServiceName", name_), identity, T("tsl:ServiceStatus", SVC_STATUS + status),
             T("tsl:StatusStartingTime", start))


def issuing_ca_identity(pki: PKI, ski: bytes | None = None) -> E:
    return digital_identity(pki.issuing, ISSUING_NAME_RFC4514, ski or key_id(pki.keys["issuing-ca"]))


def issuing_ca_service(pki: PKI, *, name_: str = "TrustAudit Test Issuing CA", status: str = "granted",
                       start: str = SERVICE_START, extra_extensions=(), history=()) -> E:
    """The list's one service: the test issuing CA as CA/QC (certificate, subject name and SKI), an OCSP
    supply point and the three additionalServiceInformation purposes, so that the qualification decisions
    other vectors make through tl-v5-minimal.xml (seal and web certificates included) stay unchanged."""
    asi = [tl_extension(True, additional_service_information(p)) for p in ASI_PURPOSES]
    return tl_service("CA/QC", name_, issuing_ca_identity(pki), status, start,
                      supply=[("Certstatus/OCSP/QC", "http://ocsp.trustaudit.invalid/")],
                      extensions=asi + list(extra_extensions), history=history)


def tl_document(root_id: str, ns: str, scheme: E, providers: E | None) -> str:
    return ('<tsl:TrustServiceStatusList xmlns:tsl="%s" Id="%s" TSLTag="%s">\n' % (ns, root_id, TSL_TAG)
            + scheme.render(1) + (providers.render(1) if providers is not None else "") + TL_ROOT_END + "\n")


def tl_body(pki: PKI, operator_name: str = TL_OPERATOR, root_id: str = "TSL", *, ns: str = TSL_NS,
            issue_time: str = TL_ISSUE_TIME, next_update: str = TL_NEXT_UPDATE, version: int = 5,
            services=None) -> str:
    """The unsigned BE list (an EU MS TL) that passes every document rule: root_id is the root's Id; ns
    the namespace the tsl prefix is bound to; issue_time/next_update the ListIssueDateTime and
    NextUpdate/dateTime texts; version the TSLVersionIdentifier; services replaces the TSP's one service
    (issuing_ca_service). The pointer names the test LOTL (lotl.xml) and its signer certificate."""
    scheme = scheme_information(
        version=version, sequence=1, tsl_type="EUgeneric", operator=operator_name,
        electronic=("mailto:tl@trustaudit.invalid", "https://trustaudit.invalid/tl"),
        scheme_name="BE: TrustAudit test trusted list", info_uris=("https://trustaudit.invalid/tl/info",),
        approach="EUappropriate", rules=("EUcommon", "BE"), territory="BE",
        pointers=[tsl_pointer([lotl_signer_cert(pki)], LOTL_LOCATION, "EUlistofthelists", LOTL_OPERATOR,
                              ("EUlistofthelists",), "EU")],
        issue_time=issue_time, next_update=next_update, distribution=TL_LOCATION)
    tsp = E("tsl:TrustServiceProvider",
            E("tsl:TSPInformation",
              names("tsl:TSPName", "TrustAudit Test"),
              names("tsl:TSPTradeName", TL_TRADE_NAME),
              address("tsl:TSPAddress", "https://trustaudit.invalid/"),
              lang_uris("tsl:TSPInformationURI", "https://trustaudit.invalid/tsp")),
            E("tsl:TSPServices", *(services if services is not None else [issuing_ca_service(pki)])))
    return tl_document(root_id, ns, scheme, E("tsl:TrustServiceProviderList", tsp))


def lotl_body(pki: PKI, *, signer_certs, sequence: int = LOTL_SEQUENCE, version: int = 6, pivots=(),
              oj_url: str | None = LOTL_OJ_URL, root_id: str = "lotl") -> str:
    """The test EU list of the lists: no TSPs; pointers BE (the TL signer certificate, so tl-signed*.xml
    authenticate through it) and EU (signer_certs, the LOTL's own signers). SchemeInformationURI is the
    info page, then `pivots` (pivot LOTL URLs, newest first as the EU LOTL lists them), then the OJ URL."""
    info = [LOTL_INFO_URI] + list(pivots) + ([oj_url] if oj_url else [])
    pointers = [tsl_pointer([tl_signer_cert(pki)], TL_LOCATION, "EUgeneric", TL_OPERATOR, ("EUcommon", "BE"), "BE"),
                tsl_pointer(signer_certs, LOTL_LOCATION, "EUlistofthelists", LOTL_OPERATOR, ("EUlistofthelists",), "EU")]
    scheme = scheme_information(
        version=version, sequence=sequence, tsl_type="EUlistofthelists", operator=LOTL_OPERATOR,
        electronic=("mailto:lotl@trustaudit.invalid", "https://trustaudit.invalid/lotl"),
        scheme_name="EU: TrustAudit test list of trusted lists", info_uris=info, approach="EUlistofthelists",
        rules=("EUlistofthelists",), territory="EU", pointers=pointers, issue_time=TL_ISSUE_TIME,
        next_update=TL_NEXT_UPDATE, distribution=LOTL_LOCATION)
    return tl_document(root_id, TSL_NS, scheme, None)


XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'


class Edit:
    """A list text changed in place by unique-anchor edits, keeping the span (offset, length, what) of each
    change in the final text; offsets of earlier spans move with later edits."""

    def __init__(self, text: str):
        self.text = text
        self.spans: list[tuple[int, int, str]] = []

    def _at(self, needle: str, after: str | None) -> int:
        base = 0 if after is None else find_once(self.text, after) + len(after)
        if after is None:
            return find_once(self.text, needle)
        i = self.text.find(needle, base)
        assert i >= 0, needle
        return i

    def _replace(self, i: int, j: int, new: str, rel: tuple[int, int] | None, what: str | None):
        delta = len(new) - (j - i)
        assert all(s + n <= i or s >= j for s, n, _ in self.spans), "edit overlaps an earlier change"
        self.spans = [(s + delta if s >= j else s, n, w) for s, n, w in self.spans]
        self.text = self.text[:i] + new + self.text[j:]
        if what is not None and rel is not None:
            self.spans.append((i + rel[0], rel[1], what))

    def sub(self, old: str, new: str, what: str, mark: str | None = None, after: str | None = None) -> "Edit":
        """Replace `old` (unique, or the first after the unique `after`); the span is `mark` within new."""
        i = self._at(old, after)
        rel = (0, len(new)) if mark is None else (new.index(mark), len(mark))
        self._replace(i, i + len(old), new, rel, what)
        return self

    def drop(self, open_tag: str, close_tag: str, what: str | None, after: str | None = None) -> "Edit":
        """Remove the whole lines of the element starting at `open_tag`; the span is empty, where it was."""
        i = self._at(open_tag, after)
        start = self.text.rfind("\n", 0, i) + 1
        end = self.text.index(close_tag, i) + len(close_tag)
        end += 1 if self.text[end] == "\n" else 0
        self._replace(start, end, "", (0, 0), what)
        return self

    def insert(self, anchor: str, lines: str, what: str, before: bool = False, after: str | None = None) -> "Edit":
        """Insert `lines` right after (or before) `anchor`; the span is the inserted text without its
        indentation and final newline."""
        i = self._at(anchor, after) + (0 if before else len(anchor))
        stripped = lines.strip()
        self._replace(i, i, lines, (lines.index(stripped), len(stripped)), what)
        return self


# Signed trusted lists (XMLDSig enveloped signature, XAdES SignedProperties).
#
# No C14N library: every digested part is WRITTEN in its canonical form already (attributes in
# canonical order, no self-closing tags, no comments, nothing that needs escaping, every namespace
# other than tsl declared on the element that first uses it), so the canonical bytes are literal
# slices of the text:
#   - root reference (URI "" or "#<root Id>", enveloped + C14N): the root element text with the
#     ds:Signature element cut out (the whitespace around it stays);
#   - SignedProperties (exclusive C14N): its text with xmlns:xades added to the apex and xmlns:ds to
#     every ds: element in it (CertDigest's DigestMethod/DigestValue, IssuerSerial's children: exclusive
#     C14N renders a prefix where it is visibly used and no output ancestor declares it);
#   - SignedInfo: its text with xmlns:ds added (exclusive), or xmlns:ds and xmlns:tsl (inclusive
#     C14N 1.0 renders every namespace in scope at the apex, sorted by prefix).

ALG_ENVELOPED = DSIG_NS + "enveloped-signature"
ALG_EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
ALG_C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
ALG_DIGEST_SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
ALG_RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
TYPE_SIGNED_PROPERTIES = "http://uri.etsi.org/01903#SignedProperties"
TL_SIGNING_TIME = "2026-06-01T00:00:00Z"
TL_ROOT_END = "</tsl:TrustServiceStatusList>"
TL_SIGNED_PROFILE = "ts119612-signed"
DS_IN_SIGNED_PROPERTIES = ("DigestMethod", "DigestValue", "X509IssuerName", "X509SerialNumber")


def tl_signer_name(c: str = "BE", o: str = TL_OPERATOR, cn: str = "TrustAudit Test TL Signer") -> bytes:
    return name((OID_C, c), (OID_O, o), (OID_CN, cn))


TL_SIGNER_NAME = tl_signer_name()
LOTL_SIGNER_NAME = tl_signer_name(o=LOTL_OPERATOR, cn="TrustAudit Test LOTL Signer")


def tl_signer_extensions(pki: PKI, key: str = "tl-signer", issuer_key: str = "issuing-ca") -> dict:
    """A list signer's extensions by short name, in certificate order (a variant replaces or drops one)."""
    return {
        "ski": ext_ski(pki.keys[key]),
        "aki": ext_aki(pki.keys[issuer_key]),
        "bc": extension(OID_BC, seq()),  # cA FALSE (DEFAULT, not encoded)
        "ku": ext_ku(KU_DIGITAL_SIGNATURE),
        "eku": extension(OID_EKU, seq(oid(OID_KP_TSL_SIGNING))),
    }


def tl_signer_cert(pki: PKI, label: str = "tl-signer", subject: bytes = TL_SIGNER_NAME,
                   extensions: dict | None = None, *, key: str = "tl-signer", issuer: bytes = ISSUING_NAME,
                   issuer_key: str = "issuing-ca") -> bytes:
    """'TrustAudit Test TL Signer', issued by the test issuing CA with the tl-signer key. A variant gives
    its own label (serial), subject, extensions (see tl_signer_extensions), key or issuer."""
    exts = tl_signer_extensions(pki, key, issuer_key) if extensions is None else extensions
    return Cert(
        serial=integer_raw(serial_for(label)),
        issuer=issuer,
        subject=subject,
        spki=pki.spki[key],
        extensions=list(exts.values()),
        signer=pki.keys[issuer_key],
    ).der()


def lotl_signer_cert(pki: PKI, label: str = "lotl-signer", key: str = "lotl-signer",
                     cn: str = "TrustAudit Test LOTL Signer") -> bytes:
    """A self-issued LOTL signer (C=BE, O=the LOTL's SchemeOperatorName): the 5.7.1 profile of the TL
    signer (digitalSignature, tslSigning, SKI, cA FALSE) signed with its own key, so that TL-067 holds
    for a list without services. 'lotl-signer' is the OJ-announced one (anchors.pem)."""
    subject = tl_signer_name(o=LOTL_OPERATOR, cn=cn)
    return tl_signer_cert(pki, label, subject, key=key, issuer=subject, issuer_key=key)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def ds_reference(uri: str, transforms, digest: bytes, ref_type: str | None = None) -> str:
    attrs = (' Type="%s"' % ref_type if ref_type else "") + ' URI="%s"' % uri  # sorted: Type < URI
    tr = "".join('<ds:Transform Algorithm="%s"></ds:Transform>' % a for a in transforms)
    return ('<ds:Reference%s><ds:Transforms>%s</ds:Transforms><ds:DigestMethod Algorithm="%s"></ds:DigestMethod>'
            '<ds:DigestValue>%s</ds:DigestValue></ds:Reference>' % (attrs, tr, ALG_DIGEST_SHA256, b64(digest)))


def signing_certificate_property(version: str, digested: bytes, named: bytes) -> str:
    """XAdES SigningCertificate (version 'v1': CertDigest + IssuerSerial with X509IssuerName/X509SerialNumber)
    or SigningCertificateV2 ('v2': CertDigest + IssuerSerialV2, the base64 DER IssuerSerial { GeneralNames
    { [4] issuer Name }, serial }). CertDigest is SHA-256 of `digested`; the issuer and serial are `named`'s."""
    from cryptography import x509

    parsed = x509.load_der_x509_certificate(named)
    digest = ('<xades:CertDigest><ds:DigestMethod Algorithm="%s"></ds:DigestMethod><ds:DigestValue>%s'
              '</ds:DigestValue></xades:CertDigest>' % (ALG_DIGEST_SHA256, b64(hashlib.sha256(digested).digest())))
    if version == "v2":
        issuer_serial = seq(seq(explicit(4, parsed.issuer.public_bytes())), integer(parsed.serial_number))
        return ('<xades:SigningCertificateV2><xades:Cert>%s<xades:IssuerSerialV2>%s</xades:IssuerSerialV2></xades:Cert>'
                '</xades:SigningCertificateV2>' % (digest, b64(issuer_serial)))
    assert version == "v1"
    return ('<xades:SigningCertificate><xades:Cert>%s<xades:IssuerSerial><ds:X509IssuerName>%s</ds:X509IssuerName>'
            '<ds:X509SerialNumber>%d</ds:X509SerialNumber></xades:IssuerSerial></xades:Cert></xades:SigningCertificate>'
            % (digest, parsed.issuer.rfc4514_string(), parsed.serial_number))


class SignedTL:
    """A signed list and the pieces the variants and sanity checks need."""

    def __init__(self, doc: bytes, signature: str, signed_info_c14n: bytes, signature_value: bytes, key):
        self.doc = doc
        self.signature = signature
        self.signed_info_c14n = signed_info_c14n
        self.signature_value = signature_value
        self.key = key  # the private key that made signature_value


def canonical_text(text: str, what: str):
    for bad in ("<!--", "/>", "&", "\r", "\t"):
        assert bad not in text, "%s is not in canonical form (%r)" % (what, bad)


def sign_list(body: str, key, key_info, *, root_uri: str = "",
              root_transforms=(ALG_ENVELOPED, ALG_EXC_C14N), c14n: str = ALG_EXC_C14N,
              signed_properties: bool = True, flip_last_octet: bool = False, signatures: int = 1, ns: str = TSL_NS,
              signing_time: str = TL_SIGNING_TIME, signing_certificate: str | None = None,
              certificate_digested: bytes | None = None, target: str = "#sig") -> SignedTL:
    """Signs the list text `body` (tl_body / lotl_body, possibly edited) with `key`; key_info is the list of
    certificates in ds:KeyInfo (the signer first). signing_certificate 'v1'/'v2' adds that XAdES property
    for key_info[0] (CertDigest over certificate_digested instead, if given); target is
    QualifyingProperties/@Target."""
    assert body.endswith(TL_ROOT_END + "\n")
    # Root text = pre + <ds:Signature>…</ds:Signature> + post; its canonical form is pre + post.
    pre = body[: -len(TL_ROOT_END) - 1] + "  "
    post = "\n" + TL_ROOT_END
    canonical_text(pre + post, "root text")
    refs = [ds_reference(root_uri, root_transforms, hashlib.sha256((pre + post).encode("utf-8")).digest())]
    obj = ""
    if signed_properties:
        ssp = "<xades:SigningTime>%s</xades:SigningTime>" % signing_time
        if signing_certificate:
            ssp += signing_certificate_property(signing_certificate, certificate_digested or key_info[0], key_info[0])
        sp = ('<xades:SignedProperties Id="sp"><xades:SignedSignatureProperties>%s</xades:SignedSignatureProperties>'
              '</xades:SignedProperties>' % ssp)
        sp_c14n = sp.replace("<xades:SignedProperties ", '<xades:SignedProperties xmlns:xades="%s" ' % XADES_NS, 1)
        for tag in DS_IN_SIGNED_PROPERTIES:
            sp_c14n = sp_c14n.replace("<ds:%s" % tag, '<ds:%s xmlns:ds="%s"' % (tag, DSIG_NS))
        assert sp_c14n.count("<ds:") == sp_c14n.count('xmlns:ds="')
        canonical_text(sp_c14n, "SignedProperties")
        refs.append(ds_reference("#sp", (ALG_EXC_C14N,), hashlib.sha256(sp_c14n.encode("utf-8")).digest(),
                                 TYPE_SIGNED_PROPERTIES))
        obj = ('\n    <ds:Object><xades:QualifyingProperties xmlns:xades="%s" Target="%s">%s'
               '</xades:QualifyingProperties></ds:Object>' % (XADES_NS, target, sp))
    signed_info = ('<ds:SignedInfo>\n      <ds:CanonicalizationMethod Algorithm="%s"></ds:CanonicalizationMethod>\n'
                   '      <ds:SignatureMethod Algorithm="%s"></ds:SignatureMethod>\n      %s\n    </ds:SignedInfo>'
                   % (c14n, ALG_RSA_SHA256, "\n      ".join(refs)))
    if c14n == ALG_EXC_C14N:
        in_scope = ' xmlns:ds="%s"' % DSIG_NS  # only the visibly utilised ds prefix
    else:
        assert c14n == ALG_C14N
        in_scope = ' xmlns:ds="%s" xmlns:tsl="%s"' % (DSIG_NS, ns)  # every namespace in scope, by prefix
    si_c14n = signed_info.replace("<ds:SignedInfo>", "<ds:SignedInfo%s>" % in_scope, 1).encode("utf-8")
    value = sign(key, si_c14n)
    shown = value[:-1] + bytes([value[-1] ^ 0x01]) if flip_last_octet else value
    key_info_xml = "".join("<ds:X509Certificate>%s</ds:X509Certificate>" % b64(c) for c in key_info)
    signature = ('<ds:Signature xmlns:ds="%s" Id="sig">\n    %s\n    <ds:SignatureValue>%s</ds:SignatureValue>\n'
                 '    <ds:KeyInfo><ds:X509Data>%s</ds:X509Data></ds:KeyInfo>'
                 '%s\n  </ds:Signature>' % (DSIG_NS, signed_info, b64(shown), key_info_xml, obj))
    sigs = "\n  ".join([signature] * signatures)
    doc = (XML_DECL + pre + sigs + post + "\n").encode("utf-8")
    return SignedTL(doc, signature, si_c14n, shown, key)


def signed_tl(pki: PKI, signer_cert: bytes, *, root_id: str = "tsl", ns: str = TSL_NS, issue_time: str = TL_ISSUE_TIME,
              next_update: str = TL_NEXT_UPDATE, version: int = 5, body: str | None = None, key: str = "tl-signer",
              key_info=None, **signing) -> SignedTL:
    """The BE list (tl_body, or the given edited `body`) signed with the tl-signer key (or `key`) and
    signer_cert in KeyInfo (or the certificates key_info); `signing` goes to sign_list."""
    if body is None:
        body = tl_body(pki, root_id=root_id, ns=ns, issue_time=issue_time, next_update=next_update, version=version)
    return sign_list(body, pki.keys[key], key_info or [signer_cert], ns=ns, **signing)


def tl_rec(failed=(), verdict: str | None = None, with_inputs: tuple | None = None) -> dict:
    """A trusted-list record: the result under --profile ts119612-signed (the default trusted-list profile).
    verdict overrides the default 'major' for a record whose failures are all 'should' or observations;
    with_inputs = (args, verdict, failed) is the result with the extra CLI arguments (paths relative to
    TestVectors/)."""
    r = rec("trustedList", failed)
    if verdict is not None:
        assert failed and verdict in ("minor", "observation")
        r["verdict"] = verdict
    r["profile"] = TL_SIGNED_PROFILE
    if with_inputs is not None:
        args, v, f = with_inputs
        assert v == ("conforming" if not f else v)
        r["withInputs"] = {"args": list(args), "verdict": v, "failed": list(f)}
    return r


WITH_LOTL = ("--lotl", "trusted-lists/lotl.xml")
WITH_ANCHORS = ("--anchors", "trusted-lists/anchors.pem")


def build_signed_trusted_lists(pki: PKI, out: Output):
    L = "trusted-lists/"
    import xml.etree.ElementTree as ET

    from cryptography import x509

    def checked_cert(der: bytes, issuer_key: str = "issuing-ca"):
        """Parse a signer certificate, check its DER round trip and its issuer's signature."""
        parsed = x509.load_der_x509_certificate(der)
        assert parsed.public_bytes(serialization.Encoding.DER) == der
        pki.keys[issuer_key].public_key().verify(parsed.signature, parsed.tbs_certificate_bytes,
                                                 padding.PKCS1v15(), hashes.SHA256())
        for _ in parsed.extensions:
            pass
        return parsed

    cert = tl_signer_cert(pki)
    checked_cert(cert)
    lotl_cert = lotl_signer_cert(pki)
    checked_cert(lotl_cert, "lotl-signer")

    def emit(stem: str, tl: SignedTL, failed, note: str, defects=None, doc: bytes | None = None, verifies: bool = True,
             verdict: str | None = None, ns: str = TSL_NS, with_inputs: tuple | None = None):
        data = tl.doc if doc is None else doc
        root = ET.fromstring(data)
        assert root.tag == "{%s}TrustServiceStatusList" % ns
        sigs = root.findall("{%s}Signature" % DSIG_NS)
        assert sigs and root[-1].tag == "{%s}Signature" % DSIG_NS
        try:
            tl.key.public_key().verify(tl.signature_value, tl.signed_info_c14n, padding.PKCS1v15(), hashes.SHA256())
            ok = True
        except Exception:
            ok = False
        assert ok == verifies, stem
        out.add(L + stem + ".xml", data, [tl_rec(failed, verdict, with_inputs)], defects, note=note)

    def value_defect(tl: SignedTL, before: str, value: str, what: str) -> dict:
        return defect(find_once(tl.doc, (before + value).encode()) + len(before), len(value), what)

    def edit_defects(e: Edit) -> list:
        """Spans of an Edit of a list body as file defects (the body follows the XML declaration)."""
        return [defect(len(XML_DECL) + s, n, w) for s, n, w in e.spans]

    good = signed_tl(pki, cert)
    emit("tl-signed", good, [],
         "the list of tl-v5-minimal.xml (root Id 'tsl') with an enveloped XMLDSig signature by 'TrustAudit Test TL "
         "Signer' (RSA PKCS#1 v1.5 SHA-256, exclusive C14N): reference URI \"\" (enveloped-signature, exc-c14n) and "
         "reference #sp to the XAdES SignedProperties (SigningTime %s, no SigningCertificate: TL-058 does not "
         "apply); with --lotl trusted-lists/lotl.xml it is authenticated by the LOTL's BE pointer (TL-072, TL-073)"
         % TL_SIGNING_TIME, with_inputs=(WITH_LOTL, "conforming", []))

    old_name = '<tsl:TSPName>\n          <tsl:Name xml:lang="en">TrustAudit Test</tsl:Name>'
    new_name = '<tsl:TSPName>\n          <tsl:Name xml:lang="en">TrustAudit Tampered</tsl:Name>'
    at = find_once(good.doc, old_name.encode())
    altered = good.doc.replace(old_name.encode(), new_name.encode())
    name_at = at + len('<tsl:TSPName>\n          <tsl:Name xml:lang="en">')
    emit("tl-signed-altered", good, ["TL-059"],
         "tl-signed.xml with the TSP name changed from 'TrustAudit Test' to 'TrustAudit Tampered' after signing: "
         "the root reference digest no longer matches",
         [defect(name_at, len("TrustAudit Tampered"), "TSPName/Name changed after signing")], doc=altered)

    bad = signed_tl(pki, cert, flip_last_octet=True)
    v = b64(bad.signature_value).encode()
    emit("tl-signed-bad-value", bad, ["TL-059"],
         "tl-signed.xml with the last SignatureValue octet XORed with 0x01 after signing (digests still match)",
         [defect(find_once(bad.doc, v), len(v), "SignatureValue (base64) whose last octet is flipped")], verifies=False)

    two = signed_tl(pki, cert, signatures=2)
    second = two.doc.rfind(b"<ds:Signature ")
    emit("tl-signed-two-signatures", two, ["TL-003", "TL-050"],
         "tl-signed.xml with a second, identical ds:Signature as the last child of the root (the schema allows one: "
         "TL-003); with no single signature the other signature rules are not evaluated",
         [defect(second, two.doc.find(b"</ds:Signature>", second) + len(b"</ds:Signature>") - second,
                 "second ds:Signature element")])

    base = tl_body(pki, root_id="tsl")
    extensions_anchor = "<tsl:ServiceInformationExtensions>\n"
    wrapper = tl_extension(False, E("x:Wrapped", attrs='xmlns:x="urn:example" Id="tsl"')).render(7)
    we = Edit(base).insert(extensions_anchor, wrapper, "second element with Id 'tsl' (x:Wrapped, in a non-critical extension)")
    wrapped = signed_tl(pki, cert, body=we.text, root_uri="#tsl")
    emit("tl-signed-wrapped", wrapped, ["TL-051"],
         "signed like tl-signed.xml but the root reference is URI \"#tsl\" and a second element, x:Wrapped "
         "(urn:example) in a non-critical service extension, also has Id 'tsl' (signature wrapping); the digests and "
         "the value are correct, the ambiguous reference is not digested",
         edit_defects(we) + [defect(find_once(wrapped.doc, b'URI="#tsl"'), len('URI="#tsl"'), "root reference by Id")])

    incl = signed_tl(pki, cert, c14n=ALG_C14N)
    cm = ('<ds:CanonicalizationMethod Algorithm="%s">' % ALG_C14N).encode()
    emit("tl-signed-inclusive", incl, ["TL-052"],
         "signed like tl-signed.xml but SignedInfo is canonicalised with inclusive C14N 1.0 (the value is over "
         "<ds:SignedInfo xmlns:ds=... xmlns:tsl=...>) and verifies",
         [defect(find_once(incl.doc, cm), len(cm), "CanonicalizationMethod inclusive C14N 1.0")])

    xt = signed_tl(pki, cert, root_transforms=(ALG_ENVELOPED, ALG_C14N))
    t = ('<ds:Transform Algorithm="%s">' % ALG_C14N).encode()
    emit("tl-signed-extra-transform", xt, ["TL-053"],
         "signed like tl-signed.xml but the root reference's transforms are enveloped-signature and inclusive C14N "
         "1.0 (not exclusive); digest and value verify",
         [defect(find_once(xt.doc, t), len(t), "root reference transform inclusive C14N 1.0")])

    nosp = signed_tl(pki, cert, signed_properties=False)
    emit("tl-signed-no-signedproperties", nosp, ["TL-054", "TL-055", "TL-056"],
         "signed like tl-signed.xml but with the root reference only: no XAdES SignedProperties reference and "
         "no ds:Object, so no QualifyingProperties (TL-054) and no SigningTime (TL-056) either")

    other_ns = "http://example.com/not-etsi"
    wrong_ns = signed_tl(pki, cert, ns=other_ns)
    emit("tl-signed-wrong-namespace", wrong_ns, ["TL-001", "TL-003"],
         "signed like tl-signed.xml but the tsl prefix (root TrustServiceStatusList and every tsl: element) is bound "
         "to %s instead of %s (the structure model, like the XSD, has no such root: TL-003)" % (other_ns, TSL_NS),
         [value_defect(wrong_ns, 'xmlns:tsl="', other_ns, "tsl namespace not the TS 119 612 namespace")], ns=other_ns)

    fraction = "2026-06-01T00:00:00.500Z"
    frac = signed_tl(pki, cert, issue_time=fraction)
    emit("tl-signed-datetime-fraction", frac, ["TL-004"],
         "signed like tl-signed.xml but ListIssueDateTime is %s (fractional seconds)" % fraction,
         [value_defect(frac, "<tsl:ListIssueDateTime>", fraction, "ListIssueDateTime with fractional seconds")],
         verdict="minor")

    exp_issue, exp_next = "2026-04-01T00:00:00Z", "2026-05-01T00:00:00Z"
    expired = signed_tl(pki, cert, issue_time=exp_issue, next_update=exp_next, signing_time=exp_issue)
    emit("tl-signed-expired", expired, ["TL-080"],
         "signed like tl-signed.xml but issued (ListIssueDateTime and SigningTime) %s with NextUpdate %s, before "
         "the validation time 2026-06-01" % (exp_issue, exp_next),
         [value_defect(expired, "<tsl:dateTime>", exp_next, "NextUpdate/dateTime before the validation time")])

    # Signer-certificate variants: the same list and key, signed with a changed signer certificate.
    def without(name_: str) -> dict:
        e = tl_signer_extensions(pki)
        del e[name_]
        return e

    def replaced(name_: str, value: bytes) -> dict:
        e = tl_signer_extensions(pki)
        e[name_] = value
        return e

    signer_variants = [
        ("country", dict(subject=tl_signer_name(c="FR")), ["TL-061"], "minor",
         "subject C=FR (SchemeTerritory is BE)"),
        ("org", dict(subject=tl_signer_name(o="Other Operator")), ["TL-062"], "minor",
         "subject O=Other Operator (SchemeOperatorName is 'TrustAudit Test Scheme Operator')"),
        ("keyusage", dict(extensions=replaced("ku", ext_ku(KU_KEY_ENCIPHERMENT))), ["TL-063"], None,
         "keyUsage keyEncipherment only (critical) instead of digitalSignature"),
        ("no-eku", dict(extensions=without("eku")), ["TL-064"], "observation",
         "no extKeyUsage extension (so no id-tsl-kp-tslSigning)"),
        ("no-ski", dict(extensions=without("ski")), ["TL-065"], "minor",
         "no subjectKeyIdentifier extension"),
        ("ca", dict(extensions=replaced("bc", extension(OID_BC, seq(boolean(True))))), ["TL-066"], "minor",
         "basicConstraints cA TRUE (non-critical, no pathLenConstraint, as the cA FALSE original)"),
        ("other-issuer", dict(issuer=OTHER_ROOT_NAME, issuer_key="other-root-ca"), ["TL-067"], "observation",
         "issuer 'TrustAudit Other Root' (key other-root-ca), which is not the subject of any service certificate "
         "of the list (the list names the test issuing CA)"),
    ]
    root_part = good.doc[: good.doc.find(b"<ds:Signature ")]
    signer_docs = []
    for suffix, kw, failed, verdict, what in signer_variants:
        label = "tl-signer-" + suffix
        vcert = tl_signer_cert(pki, label=label, **kw)
        checked_cert(vcert, kw.get("issuer_key", "issuing-ca"))
        assert vcert != cert
        tl = signed_tl(pki, vcert)
        assert tl.doc[: tl.doc.find(b"<ds:Signature ")] == root_part and tl.signed_info_c14n == good.signed_info_c14n
        kb = b64(vcert).encode()
        emit("tl-signed-signer-" + suffix, tl, failed,
             "tl-signed.xml signed (same key, same SignedInfo and SignatureValue) with a signer certificate "
             "differing from 'TrustAudit Test TL Signer' only by serial (label %s) and %s" % (label, what),
             [defect(find_once(tl.doc, kb), len(kb), "KeyInfo signer certificate (base64 DER): " + what)],
             verdict=verdict)
        signer_docs.append(tl.doc)

    # ---- Document rules: the list of tl-signed.xml with one change, re-signed (the signature verifies,
    # so only the intended rules fail). Each row: stem, failed ids, verdict (None = major), note, the edit.
    svc_ext = extensions_anchor
    second_service_at = "</tsl:TSPService>\n"

    def with_service(service: E):
        return lambda e: e.insert(second_service_at, service.render(4), "second TSPService")

    sq = "<tsl:TSLSequenceNumber>"
    document_variants = [
        ("order", ["TL-003"], None,
         "HistoricalInformationPeriod moved before PolicyOrLegalNotice (out of the schema's order)",
         lambda e: e.drop("<tsl:HistoricalInformationPeriod>", "</tsl:HistoricalInformationPeriod>", None)
         .insert("    <tsl:PolicyOrLegalNotice>", "    <tsl:HistoricalInformationPeriod>65535</tsl:HistoricalInformationPeriod>\n",
                 "HistoricalInformationPeriod before PolicyOrLegalNotice", before=True)),
        ("lang-case", ["TL-005"], None,
         "a second SchemeName/Name with xml:lang=\"NL\" (upper case)",
         lambda e: e.insert("<tsl:Name xml:lang=\"en\">BE: TrustAudit test trusted list</tsl:Name>\n",
                            '      <tsl:Name xml:lang="NL">BE: TrustAudit testlijst</tsl:Name>\n', "xml:lang NL")),
        ("country-lowercase", ["TL-006"], None,
         "SchemeOperatorAddress/PostalAddress/CountryName 'be' (lower case)",
         lambda e: e.sub("<tsl:CountryName>BE<", "<tsl:CountryName>be<", "CountryName be", mark="be",
                         after="<tsl:SchemeOperatorAddress>")),
        ("critical-unknown", ["TL-007"], None,
         "a service extension Critical=\"true\" whose content is x:Unknown (urn:example), unknown to TrustAudit",
         lambda e: e.insert(svc_ext, tl_extension(True, E("x:Unknown", attrs='xmlns:x="urn:example"')).render(7),
                            "critical extension with unknown content")),
        ("uri-space", ["TL-008"], "minor",
         "TSPInformationURI 'https://trustaudit .invalid/tsp' (a space: not an RFC 3986 URI)",
         lambda e: e.sub("https://trustaudit.invalid/tsp<", "https://trustaudit .invalid/tsp<", "URI with a space",
                         mark="https://trustaudit .invalid/tsp")),
        ("tsltag", ["TL-010"], None, "TSLTag http://uri.etsi.org/02231/TSLTag (the TS 102 231 tag)",
         lambda e: e.sub('TSLTag="%s"' % TSL_TAG, 'TSLTag="http://uri.etsi.org/02231/TSLTag"', "TSLTag",
                         mark="http://uri.etsi.org/02231/TSLTag")),
        ("version-4", ["TL-011"], None, "TSLVersionIdentifier 4",
         lambda e: e.sub("<tsl:TSLVersionIdentifier>5<", "<tsl:TSLVersionIdentifier>4<", "TSLVersionIdentifier 4",
                         mark="4")),
        ("sequence-0", ["TL-003", "TL-012"], None,
         "TSLSequenceNumber 0 (also not an xsd:positiveInteger: TL-003)",
         lambda e: e.sub(sq + "1<", sq + "0<", "TSLSequenceNumber 0", mark="0")),
        ("tsltype-generic", ["TL-013"], None,
         "TSLType http://uri.etsi.org/TrstSvc/TrustedList/TSLType/generic (not an EU or CC type; the list is then "
         "no EU MS TL, so the EU-only rules do not apply)",
         lambda e: e.sub(">%sEUgeneric<" % TSL_TYPE, ">%sgeneric<" % TSL_TYPE, "TSLType generic",
                         mark=TSL_TYPE + "generic")),
        ("no-operator-name", ["TL-003", "TL-014", "TL-062"], None,
         "SchemeInformation/SchemeOperatorName removed (a required element: TL-003; the signer's O matches no operator "
         "name: TL-062; TL-015 checks the multilingual fields present only)",
         lambda e: e.drop("<tsl:SchemeOperatorName>", "</tsl:SchemeOperatorName>", "SchemeOperatorName removed",
                          after="<tsl:SchemeInformation>")),
        ("tsp-name-de", ["TL-015"], None, "TSPName only in German (xml:lang=\"de\")",
         lambda e: e.sub('<tsl:Name xml:lang="en">TrustAudit Test</tsl:Name>',
                         '<tsl:Name xml:lang="de">TrustAudit Test</tsl:Name>', "TSPName without an en entry",
                         mark='xml:lang="de"')),
        ("no-web-address", ["TL-016"], "minor",
         "the scheme operator's ElectronicAddress has the mailto: URI only (no web URI)",
         lambda e: e.drop('<tsl:URI xml:lang="en">https://trustaudit.invalid/tl</tsl:URI>', "</tsl:URI>",
                          "web URI removed")),
        ("scheme-name-prefix", ["TL-017"], "minor", "SchemeName en 'TrustAudit test trusted list' (no 'BE:' prefix)",
         lambda e: e.sub(">BE: TrustAudit test trusted list<", ">TrustAudit test trusted list<",
                         "SchemeName without BE:", mark="TrustAudit test trusted list")),
        ("historical-period", ["TL-019"], None, "HistoricalInformationPeriod 1000",
         lambda e: e.sub(">65535<", ">1000<", "HistoricalInformationPeriod 1000", mark="1000")),
        ("no-lotl-pointer", ["TL-020"], None, "PointersToOtherTSL removed (no pointer to the EU LOTL)",
         lambda e: e.drop("<tsl:PointersToOtherTSL>", "</tsl:PointersToOtherTSL>", "PointersToOtherTSL removed")),
        ("next-update-7-months", ["TL-021"], "minor", "NextUpdate 2027-01-01T00:00:00Z, 7 months after the issue",
         lambda e: e.sub(">%s<" % TL_NEXT_UPDATE, ">2027-01-01T00:00:00Z<", "NextUpdate 7 months after issue",
                         mark="2027-01-01T00:00:00Z")),
        ("closed-granted", ["TL-022"], "minor",
         "NextUpdate without dateTime (a closed list) while the CA/QC service is granted",
         lambda e: e.sub("<tsl:NextUpdate>\n      <tsl:dateTime>%s</tsl:dateTime>\n    </tsl:NextUpdate>" % TL_NEXT_UPDATE,
                         "<tsl:NextUpdate></tsl:NextUpdate>", "empty NextUpdate")),
        ("status-approach", ["TL-023"], "minor",
         "StatusDeterminationApproach http://uri.etsi.org/TrstSvc/TrustedList/StatusDetn/appropriate",
         lambda e: e.sub(STATUS_DETN + "EUappropriate", STATUS_DETN + "appropriate", "StatusDeterminationApproach")),
        ("community-rules-fr", ["TL-024"], "minor",
         "SchemeTypeCommunityRules EUcommon and schemerules/FR (the territory is BE)",
         lambda e: e.sub(SCHEME_RULES + "BE<", SCHEME_RULES + "FR<", "schemerules/FR",
                         mark=SCHEME_RULES + "FR", after="<tsl:StatusDeterminationApproach>")),
        ("scheme-extensions", ["TL-025"], None,
         "SchemeExtensions (one non-critical extension, x:Note in urn:example) in an EU MS TL",
         lambda e: e.insert("</tsl:DistributionPoints>\n",
                            E("tsl:SchemeExtensions", tl_extension(False, T("x:Note", "test", 'xmlns:x="urn:example"'))).render(2),
                            "SchemeExtensions")),
        ("no-legal-notice", ["TL-026"], "minor", "PolicyOrLegalNotice removed",
         lambda e: e.drop("<tsl:PolicyOrLegalNotice>", "</tsl:PolicyOrLegalNotice>", "PolicyOrLegalNotice removed")),
        ("empty-distribution-point", ["TL-003", "TL-027"], None,
         "DistributionPoints with one empty URI (schema-invalid: NonEmptyURIType, TL-003; TL-008 checks non-empty values)",
         lambda e: e.sub("<tsl:URI>%s</tsl:URI>" % TL_LOCATION, "<tsl:URI></tsl:URI>", "empty DistributionPoints URI")),
        ("no-tsp-list", ["TL-028", "TL-067"], None,
         "TrustServiceProviderList removed from the MS TL (and so no service certificate issues the signer: TL-067)",
         lambda e: e.drop("<tsl:TrustServiceProviderList>", "</tsl:TrustServiceProviderList>",
                          "TrustServiceProviderList removed")),
        ("trade-name", ["TL-029"], "minor", "TSPTradeName 'TrustAudit Test Services' (no VATBE-… registration id)",
         lambda e: e.sub(">%s<" % TL_TRADE_NAME, ">TrustAudit Test Services<", "TSPTradeName without an identifier",
                         mark="TrustAudit Test Services")),
        ("no-tsp-information-uri", ["TL-003", "TL-029b"], None,
         "TSPInformationURI removed (a required element: TL-003)",
         lambda e: e.drop("<tsl:TSPInformationURI>", "</tsl:TSPInformationURI>", "TSPInformationURI removed")),
        ("service-type-unknown", ["TL-030"], None,
         "ServiceTypeIdentifier http://uri.etsi.org/TrstSvc/Svctype/CA/Unknown, with status recognisedatnationallevel "
         "(so that TL-031, which wants that status for non-qualified types, still holds)",
         lambda e: e.sub(">%sCA/QC<" % SVC_TYPE, ">%sCA/Unknown<" % SVC_TYPE, "ServiceTypeIdentifier CA/Unknown",
                         mark=SVC_TYPE + "CA/Unknown")
         .sub(SVC_STATUS + "granted", SVC_STATUS + "recognisedatnationallevel", "status recognisedatnationallevel")),
        ("status-recognised", ["TL-031"], None,
         "the CA/QC service's status http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/recognisedatnationallevel",
         lambda e: e.sub(SVC_STATUS + "granted", SVC_STATUS + "recognisedatnationallevel",
                         "CA/QC status recognisedatnationallevel")),
        ("no-service-name", ["TL-003", "TL-032"], None,
         "ServiceInformation/ServiceName removed (a required element: TL-003)",
         lambda e: e.drop("<tsl:ServiceName>", "</tsl:ServiceName>", "ServiceName removed")),
        ("ski-mismatch", ["TL-033"], None,
         "the service's X509SKI is the root CA's key identifier, not the issuing CA certificate's SKI",
         lambda e: e.sub(b64(key_id(pki.keys["issuing-ca"])), b64(key_id(pki.keys["root-ca"])),
                         "X509SKI of another key")),
        ("duplicate-key", ["TL-035"], "minor",
         "a second CA/QC service ('TrustAudit Test Issuing CA bis') with the same certificate",
         with_service(issuing_ca_service(pki, name_="TrustAudit Test Issuing CA bis"))),
        ("root-no-definition", ["TL-036"], "observation",
         "a second service NationalRootCA-QC (the test root CA, recognisedatnationallevel) without "
         "TSPServiceDefinitionURI",
         with_service(tl_service("NationalRootCA-QC", "TrustAudit Test Root CA", digital_identity(pki.root),
                                 "recognisedatnationallevel", SERVICE_START))),
        ("expired-certs-tsa", ["TL-037"], None,
         "a second service TSA/QTST (the test TSU, granted) with a non-critical ExpiredCertsRevocationInfo extension",
         with_service(tl_service("TSA/QTST", "TrustAudit Test TSU", digital_identity(pki.tsu), "granted", SERVICE_START,
                                 extensions=[tl_extension(False, T("tsl:ExpiredCertsRevocationInfo", SERVICE_START))]))),
        ("asi-unknown", ["TL-039"], "minor",
         "additionalServiceInformation ForWebSiteAuthentication replaced by the unregistered …/SvcInfoExt/ForeEverything "
         "(ForeSignatures and ForeSeals stay)",
         lambda e: e.sub(SVC_INFO_EXT + "ForWebSiteAuthentication", SVC_INFO_EXT + "ForeEverything", "unregistered ASI URI")),
    ]
    for suffix, failed, verdict, what, change in document_variants:
        e = change(Edit(base))
        assert e.text != base and e.spans, suffix
        tl = signed_tl(pki, cert, body=e.text)
        emit("tl-signed-" + suffix, tl, failed, "signed like tl-signed.xml but " + what, edit_defects(e), verdict=verdict)

    # ---- Conforming variants with the optional parts the base list lacks, and their failing edits.
    qualified_extensions = [
        tl_extension(True, qualifications("QCWithQSCD", OID_QCP_N_QSCD)),
        tl_extension(False, T("tsl:ExpiredCertsRevocationInfo", SERVICE_START)),
    ]
    national_root = tl_service("NationalRootCA-QC", "TrustAudit Test Root CA", digital_identity(pki.root),
                               "recognisedatnationallevel", SERVICE_START, definition="https://trustaudit.invalid/tsp/root-ca")
    ext_body = tl_body(pki, root_id="tsl", services=[issuing_ca_service(pki, extra_extensions=qualified_extensions),
                                                     national_root])
    emit("tl-signed-extensions", signed_tl(pki, cert, body=ext_body), [],
         "signed like tl-signed.xml; the CA/QC service also has a critical Qualifications extension (QCWithQSCD for "
         "the policy %s) and a non-critical ExpiredCertsRevocationInfo %s, and a second service NationalRootCA-QC (the "
         "test root CA, recognisedatnationallevel) gives its TSPServiceDefinitionURI" % (OID_QCP_N_QSCD, SERVICE_START))
    e = Edit(ext_body).sub(SVC_INFO_EXT + "QCWithQSCD", SVC_INFO_EXT + "QCWithoutSSCD", "unknown qualifier")
    emit("tl-signed-qualifier-unknown", signed_tl(pki, cert, body=e.text), ["TL-038"],
         "tl-signed-extensions.xml with the qualifier …/SvcInfoExt/QCWithoutSSCD (not in TS 119 612 D.5), re-signed",
         edit_defects(e))

    ski = key_id(pki.keys["issuing-ca"])

    def history_body(newer: str = "2025-01-01T00:00:00Z", newer_status: str = "granted", newer_ski: bytes = ski) -> str:
        history = [
            history_instance("CA/QC", "TrustAudit Test Issuing CA", digital_identity(ski=newer_ski), newer_status, newer),
            history_instance("CA/QC", "TrustAudit Test Issuing CA", digital_identity(ski=ski), "accredited",
                             "2015-01-01T00:00:00Z"),
        ]
        return tl_body(pki, root_id="tsl", services=[issuing_ca_service(pki, history=history)])

    hist = history_body()
    emit("tl-signed-history", signed_tl(pki, cert, body=hist), [],
         "signed like tl-signed.xml; the CA/QC service (granted since %s) has a ServiceHistory: granted since "
         "2025-01-01T00:00:00Z, accredited (an Annex J status) since 2015-01-01T00:00:00Z, each naming the key by "
         "X509SKI" % SERVICE_START)
    history_variants = [
        ("history-newer", ["TL-040"], None,
         "the newest history instance starts 2026-03-01T00:00:00Z, after the current status (%s)" % SERVICE_START,
         dict(newer="2026-03-01T00:00:00Z"), ("2026-03-01T00:00:00Z", "history StatusStartingTime after the current one")),
        ("history-ski", ["TL-041"], None,
         "the newest history instance names the root CA's key (X509SKI) instead of the service's",
         dict(newer_ski=key_id(pki.keys["root-ca"])), (b64(key_id(pki.keys["root-ca"])), "history X509SKI of another key")),
        ("history-status-period", ["TL-042"], "minor",
         "the newest history instance (2025-01-01) has the pre-2016 status …/Svcstatus/accredited",
         dict(newer_status="accredited"), None),
    ]
    for suffix, failed, verdict, what, kw, value in history_variants:
        body = history_body(**kw)
        tl = signed_tl(pki, cert, body=body)
        if value is None:  # the first of two 'accredited' statuses
            at_ = find_once(tl.doc, (SVC_STATUS + "accredited</tsl:ServiceStatus>\n" + " " * 14
                                     + "<tsl:StatusStartingTime>2025").encode())
            d = [defect(at_, len(SVC_STATUS + "accredited"), "history status accredited in 2025")]
        else:
            d = [value_defect(tl, ">", value[0], value[1])]
        emit("tl-signed-" + suffix, tl, failed, "tl-signed-history.xml but " + what + ", re-signed", d, verdict=verdict)

    closed_history = [history_instance("CA/QC", "TrustAudit Test Issuing CA", digital_identity(ski=ski), "granted",
                                       SERVICE_START)]
    closed = Edit(tl_body(pki, root_id="tsl", services=[
        issuing_ca_service(pki, status="withdrawn", start="2026-05-01T00:00:00Z", history=closed_history)]))
    closed.sub("<tsl:NextUpdate>\n      <tsl:dateTime>%s</tsl:dateTime>\n    </tsl:NextUpdate>" % TL_NEXT_UPDATE,
               "<tsl:NextUpdate></tsl:NextUpdate>", "closed list")
    emit("tl-signed-closed", signed_tl(pki, cert, body=closed.text), [],
         "a closed list (NextUpdate without dateTime, 5.3.15): its only service is withdrawn since 2026-05-01 (granted "
         "since %s in its history); TL-080 and the 6-month rule of TL-021 do not apply" % SERVICE_START)

    # ---- XAdES and KeyInfo variants (same list, changed signature).
    target = signed_tl(pki, cert, target="#other")
    emit("tl-signed-qualifying-target", target, ["TL-054"],
         "signed like tl-signed.xml but QualifyingProperties/@Target is '#other' (the signature's Id is 'sig')",
         [value_defect(target, 'Target="', "#other", "QualifyingProperties Target")])
    late = "2027-02-01T00:00:00Z"
    late_tl = signed_tl(pki, cert, signing_time=late)
    emit("tl-signed-signing-time-late", late_tl, ["TL-056"],
         "signed like tl-signed.xml but SigningTime is %s, after the signer certificate's notAfter (2027-01-01)" % late,
         [value_defect(late_tl, "<xades:SigningTime>", late, "SigningTime after the signer's validity")],
         verdict="minor")
    chain = signed_tl(pki, cert, key_info=[cert, pki.issuing])
    ca_b64 = b64(pki.issuing)
    emit("tl-signed-keyinfo-chain", chain, ["TL-060"],
         "signed like tl-signed.xml but ds:KeyInfo/X509Data holds the signer certificate and, after it, the test "
         "issuing CA certificate",
         [value_defect(chain, "</ds:X509Certificate><ds:X509Certificate>", ca_b64, "issuing CA certificate in KeyInfo")],
         verdict="minor")

    # ---- LOTL-dependent variants: conforming alone, failing with --lotl trusted-lists/lotl.xml.
    cert2 = tl_signer_cert(pki, label="tl-signer-2", key="tl-signer-2")
    checked_cert(cert2)
    unannounced = signed_tl(pki, cert2, key="tl-signer-2")
    assert unannounced.doc[: unannounced.doc.find(b"<ds:Signature ")] == root_part
    emit("tl-signed-not-announced", unannounced, [],
         "the list of tl-signed.xml signed with another key (tl-signer-2) and a 'TrustAudit Test TL Signer' "
         "certificate for it (same subject and profile, label tl-signer-2): conforming alone; with --lotl "
         "trusted-lists/lotl.xml no certificate of the BE pointer verifies it (TL-072)",
         [value_defect(unannounced, "<ds:X509Certificate>", b64(cert2), "signer certificate of a key the LOTL does not announce")],
         with_inputs=(WITH_LOTL, "major", ["TL-072"]))
    renamed_operator = "TrustAudit Renamed Scheme Operator"
    renamed_cert = tl_signer_cert(pki, label="tl-signer-renamed", subject=tl_signer_name(o=renamed_operator))
    checked_cert(renamed_cert)
    renamed = signed_tl(pki, renamed_cert, body=tl_body(pki, renamed_operator, root_id="tsl"))
    emit("tl-signed-operator-renamed", renamed, [],
         "the list with SchemeOperatorName '%s', signed with the tl-signer key by a signer certificate with that O "
         "(label tl-signer-renamed): conforming alone; with --lotl trusted-lists/lotl.xml the BE pointer's "
         "SchemeOperatorName ('%s') disagrees (TL-073; TL-072 passes: same key)" % (renamed_operator, TL_OPERATOR),
         [value_defect(renamed, '<tsl:Name xml:lang="en">', renamed_operator, "SchemeOperatorName differing from the LOTL pointer")],
         with_inputs=(WITH_LOTL, "minor", ["TL-073"]))

    # ---- TLv6: XAdES SigningCertificateV2.
    v6 = signed_tl(pki, cert, version=6, signing_certificate="v2")
    emit("tl-signed-v6", v6, [],
         "the list of tl-signed.xml as TSLVersionIdentifier 6, signed like it plus xades:SigningCertificateV2 (CertDigest "
         "SHA-256 of the signer certificate, IssuerSerialV2 = DER IssuerSerial {directoryName issuer, serial}); with "
         "--lotl trusted-lists/lotl.xml authenticated by the BE pointer", with_inputs=(WITH_LOTL, "conforming", []))
    v6_v1 = signed_tl(pki, cert, version=6, signing_certificate="v1")
    emit("tl-signed-v6-signing-certificate-v1", v6_v1, ["TL-057"],
         "tl-signed-v6.xml signed with the XAdES V1 SigningCertificate (CertDigest SHA-256, IssuerSerial with "
         "X509IssuerName/X509SerialNumber, all correct) instead of SigningCertificateV2",
         [value_defect(v6_v1, "", "<xades:SigningCertificate>", "SigningCertificate (V1) in a TLv6")])
    v6_digest = signed_tl(pki, cert, version=6, signing_certificate="v2", certificate_digested=pki.issuing)
    wrong_digest = b64(hashlib.sha256(pki.issuing).digest())
    emit("tl-signed-v6-cert-digest", v6_digest, ["TL-058"],
         "tl-signed-v6.xml whose SigningCertificateV2 CertDigest is SHA-256 of the test issuing CA certificate "
         "(IssuerSerialV2 still names the signer)",
         [value_defect(v6_digest, "<ds:DigestValue>", wrong_digest, "CertDigest of another certificate")])

    # The signed vectors differ from each other only where intended.
    for tl in (incl, xt, nosp, wrapped, wrong_ns, frac, expired, target, late_tl, chain, v6):
        assert tl.doc != good.doc
    assert len(set(signer_docs)) == len(signer_docs)
    assert TSL_NS.encode() not in wrong_ns.doc and wrong_ns.doc.count(other_ns.encode()) == 1
    assert two.doc.count(good.signature.encode()) == 2
    assert bad.doc.replace(v, b64(good.signature_value).encode()) == good.doc
    assert b"<xades:SigningCertificate" not in good.doc and b"<xades:SigningCertificateV2>" in v6.doc


def build_lotls(pki: PKI, out: Output):
    """lotl.xml (signed by the OJ-announced 'lotl-signer', anchors.pem) and its variants. A pivot LOTL is
    lotl_body(pki, sequence=N, signer_certs=[…]) signed by the previous key set; the LOTL that follows
    lists its URL through lotl_body(pivots=[…])."""
    L = "trusted-lists/"
    import xml.etree.ElementTree as ET

    from cryptography import x509
    from cryptography.exceptions import InvalidSignature

    def emit(stem: str, tl: SignedTL, failed, note: str, defects=None, verdict: str | None = None,
             with_inputs: tuple | None = None):
        root = ET.fromstring(tl.doc)
        assert root.tag == "{%s}TrustServiceStatusList" % TSL_NS and root[-1].tag == "{%s}Signature" % DSIG_NS
        tl.key.public_key().verify(tl.signature_value, tl.signed_info_c14n, padding.PKCS1v15(), hashes.SHA256())
        out.add(L + stem + ".xml", tl.doc, [tl_rec(failed, verdict, with_inputs)], defects, note=note)

    signer = lotl_signer_cert(pki)
    # The "OJ-announced" LOTL signing certificates for --anchors (an auxiliary input, listed in nonInputs).
    out.add(L + "anchors.pem", pem("CERTIFICATE", signer))

    lotl = sign_list(lotl_body(pki, signer_certs=[signer]), pki.keys["lotl-signer"], [signer], signing_certificate="v2")
    emit("lotl", lotl, [],
         "the test EU LOTL (TLv6, sequence %d, no TSPs): pointers BE (TL signer certificate) and EU (its own signer); "
         "SchemeInformationURI %s and the OJ URL %s; signed by the self-issued 'TrustAudit Test LOTL Signer' (C=BE, "
         "O=%s) with SigningCertificateV2; with --anchors trusted-lists/anchors.pem it verifies directly with an "
         "announced certificate (TL-070)" % (LOTL_SEQUENCE, LOTL_INFO_URI, LOTL_OJ_URL, LOTL_OPERATOR),
         with_inputs=(WITH_ANCHORS, "conforming", []))

    no_oj = sign_list(lotl_body(pki, signer_certs=[signer], oj_url=None), pki.keys["lotl-signer"], [signer],
                      signing_certificate="v2")
    at = find_once(no_oj.doc, ("%s</tsl:URI>\n    </tsl:SchemeInformationURI>" % LOTL_INFO_URI).encode())
    emit("lotl-no-oj-url", no_oj, ["TL-018"],
         "lotl.xml without the eur-lex.europa.eu OJ URL in SchemeInformationURI (only the info page), re-signed",
         [defect(at + len(LOTL_INFO_URI + "</tsl:URI>"), 0, "SchemeInformationURI ends without the OJ URL")],
         verdict="minor")

    signer2 = lotl_signer_cert(pki, label="lotl-signer-2", key="lotl-signer-2", cn="TrustAudit Test LOTL Signer 2")
    unanchored = sign_list(lotl_body(pki, signer_certs=[signer2]), pki.keys["lotl-signer-2"], [signer2],
                           signing_certificate="v2")
    kb = "<ds:X509Certificate>%s" % b64(signer2)
    emit("lotl-not-anchored", unanchored, [],
         "lotl.xml signed by 'TrustAudit Test LOTL Signer 2' (key lotl-signer-2, self-issued, same profile), which "
         "its EU pointer announces but anchors.pem does not: conforming alone; with --anchors "
         "trusted-lists/anchors.pem it verifies with no OJ certificate (TL-070) and lists no pivot that would lead "
         "to its key (TL-071)",
         [defect(find_once(unanchored.doc, kb.encode()) + len("<ds:X509Certificate>"), len(b64(signer2)),
                 "KeyInfo certificate of a key not in anchors.pem")],
         with_inputs=(WITH_ANCHORS, "major", ["TL-070", "TL-071"]))

    # ---- Pivot LOTLs (the --lotl folder trusted-lists/pivots/): pivot 11 is signed with the OJ key
    # (anchors.pem) and its EU pointer hands on to lotl-signer-3 (C); pivot 14 is signed with lotl-signer-4
    # (D), which no earlier pivot announces. Each lists its own URL (skipped by its own sequence number).
    signer3 = lotl_signer_cert(pki, label="lotl-signer-3", key="lotl-signer-3", cn="TrustAudit Test LOTL Signer 3")
    signer4 = lotl_signer_cert(pki, label="lotl-signer-4", key="lotl-signer-4", cn="TrustAudit Test LOTL Signer 4")
    for der, key in ((signer3, "lotl-signer-3"), (signer4, "lotl-signer-4")):
        parsed = x509.load_der_x509_certificate(der)
        assert parsed.public_bytes(serialization.Encoding.DER) == der and parsed.issuer == parsed.subject
        pki.keys[key].public_key().verify(parsed.signature, parsed.tbs_certificate_bytes, padding.PKCS1v15(), hashes.SHA256())
    with_pivots = ("--lotl", "trusted-lists/pivots") + WITH_ANCHORS

    def lotl_signed(sequence: int, announced: bytes, key: str, signer_cert: bytes, pivots) -> SignedTL:
        return sign_list(lotl_body(pki, sequence=sequence, signer_certs=[announced], pivots=pivots),
                         pki.keys[key], [signer_cert], signing_certificate="v2")

    pivot11 = lotl_signed(11, signer3, "lotl-signer", signer, [LOTL_PIVOT_URL % 11])
    emit("pivots/lotl-pivot-11", pivot11, [],
         "pivot LOTL 11 (%s): lotl.xml with sequence 11, its own URL between the info page and the OJ URL, and an "
         "EU pointer announcing 'TrustAudit Test LOTL Signer 3' (key lotl-signer-3); signed with the OJ-announced "
         "'TrustAudit Test LOTL Signer' (anchors.pem); a pivot for lotl-via-pivot.xml and lotl-broken-pivot.xml "
         "(--lotl trusted-lists/pivots)" % (LOTL_PIVOT_URL % 11))
    pivot14 = lotl_signed(14, signer4, "lotl-signer-4", signer4, [LOTL_PIVOT_URL % 14])
    emit("pivots/lotl-pivot-14", pivot14, [],
         "pivot LOTL 14 (%s): sequence 14, signed by 'TrustAudit Test LOTL Signer 4' (key lotl-signer-4, self-issued, "
         "same profile), which its own EU pointer announces; neither anchors.pem nor pivot 11's EU pointer verifies "
         "it (the wrong pivot of lotl-broken-pivot.xml)" % (LOTL_PIVOT_URL % 14))

    via = lotl_signed(12, signer3, "lotl-signer-3", signer3, [LOTL_PIVOT_URL % 11])
    emit("lotl-via-pivot", via, [],
         "LOTL sequence 12 signed by 'TrustAudit Test LOTL Signer 3' (key lotl-signer-3, announced by its own EU "
         "pointer), SchemeInformationURI info page, pivot 11, OJ URL: conforming alone; with --lotl "
         "trusted-lists/pivots --anchors trusted-lists/anchors.pem anchors.pem verifies pivot 11 and pivot 11's EU "
         "pointer verifies the list (TL-070 and TL-071 pass)", with_inputs=(with_pivots, "conforming", []))

    broken = lotl_signed(15, signer3, "lotl-signer-3", signer3, [LOTL_PIVOT_URL % 14, LOTL_PIVOT_URL % 11])
    at = find_once(broken.doc, (LOTL_PIVOT_URL % 14).encode())
    emit("lotl-broken-pivot", broken, [],
         "LOTL sequence 15 signed by 'TrustAudit Test LOTL Signer 3' (key lotl-signer-3, announced by its own EU "
         "pointer), SchemeInformationURI info page, pivot 14, pivot 11, OJ URL: conforming alone; with --lotl "
         "trusted-lists/pivots --anchors trusted-lists/anchors.pem anchors.pem verifies pivot 11 but pivot 11's EU "
         "pointer (lotl-signer-3) does not verify pivot 14 (signed by lotl-signer-4), so the chain breaks "
         "(TL-071) and the list is not authenticated (TL-070)",
         [defect(at, len(LOTL_PIVOT_URL % 14), "pivot 14, which pivot 11's announced certificate does not verify")],
         with_inputs=(with_pivots, "major", ["TL-070", "TL-071"]))

    # The walk TrustAudit makes (LOTLAuthentication.walk), replayed with the keys.
    def verifies(tl: SignedTL, cert: bytes) -> bool:
        try:
            x509.load_der_x509_certificate(cert).public_key().verify(tl.signature_value, tl.signed_info_c14n,
                                                                     padding.PKCS1v15(), hashes.SHA256())
            return True
        except InvalidSignature:
            return False

    assert verifies(pivot11, signer) and not verifies(pivot14, signer) and not verifies(pivot14, signer3)
    assert verifies(pivot14, signer4)
    for tl in (via, broken):
        assert not verifies(tl, signer) and verifies(tl, signer3)


def build_trusted_lists(pki: PKI, out: Output):
    L = "trusted-lists/"
    import xml.etree.ElementTree as ET

    ok = (XML_DECL + tl_body(pki)).encode("utf-8")
    root = ET.fromstring(ok)
    assert root.tag == "{%s}TrustServiceStatusList" % TSL_NS
    out.add(L + "tl-v5-minimal.xml", ok, [tl_rec(["TL-050"])],
            note="unsigned: conforming to the document rules; TL-050 (no ds:Signature) under %s" % TL_SIGNED_PROFILE)

    good, bad = "</tsl:SchemeTerritory>", "</tsl:SchemeTerritry>"
    broken = ok.replace(good.encode(), bad.encode(), 1)
    try:
        ET.fromstring(broken)
        raise AssertionError("tl-not-well-formed.xml parsed")
    except ET.ParseError:
        pass
    out.add(L + "tl-not-well-formed.xml", broken, [tl_rec(["TL-002"])],
            [defect(broken.find(bad.encode()), len(bad), "mismatched end tag %s for <tsl:SchemeTerritory>" % bad)])

    dt = '<!DOCTYPE tsl:TrustServiceStatusList [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n'
    xxe = (XML_DECL + dt + tl_body(pki, "&xxe;")).encode("utf-8")
    out.add(L + "tl-xxe.xml", xxe, [tl_rec(["TL-002"])],
            [defect(xxe.find(b"<!DOCTYPE"), len(dt) - 1, "document type declaration with an external entity"),
             defect(xxe.find(b"&xxe;"), 5, "reference to the external entity (in SchemeOperatorName/Name)")])

    ents = ['  <!ENTITY lol "lol">']
    ents.append('  <!ENTITY lol1 "' + "&lol;" * 10 + '">')
    for n in range(2, 10):
        ents.append('  <!ENTITY lol%d "' % n + ("&lol%d;" % (n - 1)) * 10 + '">')
    dt = "<!DOCTYPE tsl:TrustServiceStatusList [\n" + "\n".join(ents) + "\n]>\n"
    bl_doc = (XML_DECL + dt + '<tsl:TrustServiceStatusList xmlns:tsl="%s" Id="TSL" '
              'TSLTag="http://uri.etsi.org/19612/TSLTag">&lol9;</tsl:TrustServiceStatusList>\n' % TSL_NS).encode("utf-8")
    out.add(L + "tl-billion-laughs.xml", bl_doc, [tl_rec(["TL-002"])],
            [defect(bl_doc.find(b"<!DOCTYPE"), len(dt) - 1, "document type declaration with nested entities lol1..lol9"),
             defect(bl_doc.find(b"&lol9;"), 6, "reference expanding to 10^9 'lol'")])

    build_signed_trusted_lists(pki, out)
    build_lotls(pki, out)

    note = (XML_DECL + "<note>\n  <to>Alice</to>\n  <from>Bob</from>\n  <body>Not a trusted list.</body>\n</note>\n").encode("utf-8")
    ET.fromstring(note)
    out.add(L + "not-a-tl.xml", note, [rec("unknown")])


# --------------------------------------------------------------------------
# Revocation: CRLs (RFC 5280 5) and OCSP responses (RFC 6960)
# --------------------------------------------------------------------------
#
# revocation/crl-ok.crl is a conforming v2 CRL of the test issuing CA; each
# crl-<defect>.crl changes exactly one thing of it and is re-signed.
# revocation/ocsp-ok.ocsp is a conforming OCSP response of the delegated
# responder "TrustAudit Test OCSP Responder" (key ocsp-responder); each
# ocsp-<defect>.ocsp changes one thing of it. Requirement ids: REV-xxx.

OID_CRL_NUMBER = "2.5.29.20"
OID_REASON_CODE = "2.5.29.21"
OID_INVALIDITY_DATE = "2.5.29.24"
OID_CERTIFICATE_ISSUER = "2.5.29.29"
OID_IDP = "2.5.29.28"
OID_DELTA_CRL_INDICATOR = "2.5.29.27"
OID_OCSP_BASIC = "1.3.6.1.5.5.7.48.1.1"
OID_OCSP_NONCE = "1.3.6.1.5.5.7.48.1.2"
OID_OCSP_RESPONSE_TYPE_OTHER = "1.3.6.1.5.5.7.48.1.99"  # unassigned arc under id-pkix-ocsp, never a real type

ALG_SHA1_NULL = seq(oid(OID_SHA1), null())  # CertID hashAlgorithm as RFC 6960 B.1 examples write it

OCSP_RESPONDER_NAME = name((OID_C, "BE"), (OID_O, "TrustAudit Test"), (OID_CN, "TrustAudit Test OCSP Responder"))

CRL_THIS_UPDATE, CRL_NEXT_UPDATE = "260601000000Z", "260608000000Z"
CRL_REVOCATION_DATE = "260515000000Z"
CRL_INVALIDITY_DATE = "20260514000000Z"
CRL_NUMBER = 42
CRL_IDP_URL = CRL_URL  # http://crl.trustaudit.test/issuing.crl

OCSP_PRODUCED_AT = "20260601000000Z"
OCSP_THIS_UPDATE = OCSP_PRODUCED_AT
OCSP_NEXT_UPDATE = "20260605000000Z"
OCSP_REVOCATION_TIME = "20260515000000Z"

# CRLReason (RFC 5280 5.3.1)
REASON_UNSPECIFIED, REASON_KEY_COMPROMISE, REASON_SUPERSEDED = 0, 1, 4
REASON_CERTIFICATE_HOLD, REASON_REMOVE_FROM_CRL = 6, 8

# OCSPResponseStatus (RFC 6960 4.2.1)
OCSP_SUCCESSFUL, OCSP_UNAUTHORIZED = 0, 6

OCSP_NONCE_1 = hashlib.sha256(b"TrustAudit OCSP nonce 1").digest()[:16]
OCSP_NONCE_2 = hashlib.sha256(b"TrustAudit OCSP nonce 2").digest()[:16]

REV_ISSUER = ("--issuer", "certificates/issuing-ca.pem")
REV_CRL_TLS = ("--profile", "en319411-crl-tls")
REV_OCSP_TLS = ("--profile", "en319411-ocsp-tls")
REV_OCSP_REQUEST = ("--ocsp-request", "revocation/ocsp-request.der")


def enumerated(v: int) -> bytes:
    return tlv(0x0A, bytes([v]))


def ext_reason(code: int, critical: bool = False) -> bytes:
    return extension(OID_REASON_CODE, enumerated(code), critical=critical)


def ext_crl_number(n: int | None = None, raw: bytes | None = None, critical: bool = False) -> bytes:
    return extension(OID_CRL_NUMBER, raw if raw is not None else integer(n), critical=critical)


def crl_entry(serial: bytes, *exts: bytes, date: bytes | None = None, serial_tlv: bytes | None = None) -> bytes:
    """revokedCertificates element: userCertificate, revocationDate, crlEntryExtensions (if any)."""
    parts = [serial_tlv if serial_tlv is not None else integer_raw(serial),
             date if date is not None else utc_time(CRL_REVOCATION_DATE)]
    if exts:
        parts.append(seq(*exts))
    return seq(*parts)


def crl_ok_entries(**changes) -> list:
    """The three entries of crl-ok.crl; changes = {index: entry TLV} replaces one of them."""
    entries = [
        crl_entry(serial_for("leaf-revoked"), ext_reason(REASON_KEY_COMPROMISE),
                  extension(OID_INVALIDITY_DATE, generalized_time(CRL_INVALIDITY_DATE))),
        crl_entry(serial_for("revoked-2"), ext_reason(REASON_SUPERSEDED)),
        crl_entry(serial_for("revoked-3")),
    ]
    for i, e in changes.items():
        entries[int(i[1:])] = e  # keys "e0", "e1", "e2"
    return entries


def make_crl(pki: PKI, *, version: bytes | None = integer(1), tbs_sigalg: bytes = ALG_SHA256_RSA,
             outer_sigalg: bytes | None = None, issuer: bytes = ISSUING_NAME,
             this_update: bytes | None = None, next_update="default", entries="default",
             extensions="default", signer: str = "issuing-ca", crl_number: int = CRL_NUMBER,
             flip_signature: bool = False) -> bytes:
    """CertificateList (RFC 5280 5.1); the defaults give crl-ok.crl. entries: list of entry TLVs,
    None (revokedCertificates absent) or raw bytes (the field as given)."""
    parts = []
    if version is not None:
        parts.append(version)
    parts += [tbs_sigalg, issuer, this_update if this_update is not None else utc_time(CRL_THIS_UPDATE)]
    if next_update == "default":
        next_update = utc_time(CRL_NEXT_UPDATE)
    if next_update is not None:
        parts.append(next_update)
    if entries == "default":
        entries = crl_ok_entries()
    if isinstance(entries, list):
        parts.append(seq(*entries))
    elif entries is not None:
        parts.append(entries)
    if extensions == "default":
        extensions = [ext_aki(pki.keys[signer]), ext_crl_number(crl_number)]
    if extensions is not None:
        parts.append(explicit(0, seq(*extensions)))
    tbs = seq(*parts)
    sig = sign(pki.keys[signer], tbs)
    if flip_signature:
        sig = sig[:-1] + bytes([sig[-1] ^ 0x01])
    return seq(tbs, outer_sigalg if outer_sigalg is not None else tbs_sigalg, bit_string(sig))


def cert_id(pki: PKI, serial: bytes, issuer_key_hash: bytes | None = None) -> bytes:
    """CertID (RFC 6960 4.1.1) with SHA-1 for a certificate of the test issuing CA."""
    ikh = key_id(pki.keys["issuing-ca"]) if issuer_key_hash is None else issuer_key_hash
    return seq(ALG_SHA1_NULL, octet_string(hashlib.sha1(ISSUING_NAME).digest()), octet_string(ikh),
               integer_raw(serial))


def ocsp_nonce(nonce: bytes) -> bytes:
    """RFC 8954: extnValue = OCTET STRING { OCTET STRING (nonce) }."""
    return extension(OID_OCSP_NONCE, octet_string(nonce))


def ocsp_request(pki: PKI, serial: bytes, nonce: bytes) -> bytes:
    tbs_request = seq(seq(seq(cert_id(pki, serial))), explicit(2, seq(ocsp_nonce(nonce))))
    return seq(tbs_request)


def cert_status_good() -> bytes:
    return implicit_prim(0, b"")


def cert_status_revoked(time: str = OCSP_REVOCATION_TIME, reason: int | None = REASON_KEY_COMPROMISE) -> bytes:
    body = generalized_time(time)
    if reason is not None:
        body += explicit(0, enumerated(reason))
    return implicit_cons(1, body)


def ocsp_responder_cert(pki: PKI, label: str = "ocsp-responder", *, eku: bool = True, nocheck: bool = True,
                        issuer: str = "issuing") -> bytes:
    """The delegated OCSP responder "TrustAudit Test OCSP Responder" (key ocsp-responder), issued by the
    test issuing CA (or, issuer="root", by the test root CA); serial from `label`."""
    issuer_key = pki.keys["root-ca" if issuer == "root" else "issuing-ca"]
    exts = [ext_ski(pki.keys["ocsp-responder"]), ext_aki(issuer_key), ext_ku(KU_DIGITAL_SIGNATURE)]
    if eku:
        exts.append(extension(OID_EKU, seq(oid(OID_KP_OCSP_SIGNING))))
    if nocheck:
        exts.append(extension(OID_OCSP_NOCHECK, null()))
    return Cert(
        serial=integer_raw(serial_for(label)),
        issuer=ROOT_NAME if issuer == "root" else ISSUING_NAME,
        subject=OCSP_RESPONDER_NAME,
        spki=pki.spki["ocsp-responder"],
        extensions=exts,
        signer=issuer_key,
    ).der()


def make_ocsp(pki: PKI, *, serial: bytes | None = None, cid: bytes | None = None, status: bytes | None = None,
              this_update: str = OCSP_THIS_UPDATE, next_update: str | None = OCSP_NEXT_UPDATE,
              nonce: bytes | None = OCSP_NONCE_1, version: bytes | None = None, responder_id: bytes | None = None,
              signer: str = "ocsp-responder", certs="default", response_type: str = OID_OCSP_BASIC,
              flip_signature: bool = False) -> bytes:
    """OCSPResponse (RFC 6960 4.2.1) with a BasicOCSPResponse; the defaults give ocsp-ok.ocsp
    (good for leaf-not-revoked, nonce N1, signed by the delegated responder, responderID byKey)."""
    if cid is None:
        cid = cert_id(pki, serial if serial is not None else serial_for("leaf-not-revoked"))
    single = [cid, status if status is not None else cert_status_good(), generalized_time(this_update)]
    if next_update is not None:
        single.append(explicit(0, generalized_time(next_update)))
    rd = []
    if version is not None:
        rd.append(version)
    rd.append(responder_id if responder_id is not None else explicit(2, octet_string(key_id(pki.keys[signer]))))
    rd += [generalized_time(OCSP_PRODUCED_AT), seq(seq(*single))]
    if nonce is not None:
        rd.append(explicit(1, seq(ocsp_nonce(nonce))))
    tbs = seq(*rd)
    sig = sign(pki.keys[signer], tbs)
    if flip_signature:
        sig = sig[:-1] + bytes([sig[-1] ^ 0x01])
    if certs == "default":
        certs = [pki.ocsp_responder]
    basic = [tbs, ALG_SHA256_RSA, bit_string(sig)]
    if certs:
        basic.append(explicit(0, seq(*certs)))
    return ocsp_response(OCSP_SUCCESSFUL, seq(oid(response_type), octet_string(seq(*basic))))


def ocsp_response(status: int, response_bytes: bytes | None = None) -> bytes:
    parts = [enumerated(status)]
    if response_bytes is not None:
        parts.append(explicit(0, response_bytes))
    return seq(*parts)


def rev_rec(kind: str, failed=(), verdict: str | None = None, with_inputs: tuple | None = None) -> dict:
    """A CRL ('crl') or OCSP response ('ocspResponse') record under its default profile (en319411-crl,
    en319411-ocsp). verdict defaults to major/conforming; with_inputs = (args, verdict, failed) is the
    result with the extra CLI arguments (paths relative to TestVectors/)."""
    assert kind in ("crl", "ocspResponse", "certificate")
    failed = list(failed)
    r = {"kind": kind, "verdict": verdict or ("major" if failed else "conforming"), "failed": failed}
    if with_inputs is not None:
        args, v, f = with_inputs
        assert v == ("conforming" if not f else v)
        r["withInputs"] = {"args": list(args), "verdict": v, "failed": list(f)}
    return r


def build_revocation(pki: PKI, out: Output):
    R = "revocation/"
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.x509 import ocsp as x509_ocsp

    issuing_pub = pki.keys["issuing-ca"].public_key()

    # ---- the two leaves whose status the CRL / OCSP vectors give (REV-200) ---------------------
    leaf_good = pki.leaf("leaf-not-revoked").der()
    leaf_revoked = pki.leaf("leaf-revoked").der()
    with_crl = ("--crl", R + "crl-ok.crl") + REV_ISSUER
    r = leaf_rec()
    r["withInputs"] = {"args": list(with_crl), "verdict": "observation", "failed": ["CERT-300"]}
    out.add(R + "leaf-not-revoked.pem", pem("CERTIFICATE", leaf_good), [r],
            note="leaf-ok with the serial of the label 'leaf-not-revoked', not listed in crl-ok.crl; "
                 "ocsp-ok.ocsp says good for it")
    r = leaf_rec()
    r["withInputs"] = {"args": list(with_crl), "verdict": "observation", "failed": ["CERT-300", "REV-200"]}
    out.add(R + "leaf-revoked.pem", pem("CERTIFICATE", leaf_revoked), [r],
            note="leaf-ok with the serial of the label 'leaf-revoked', listed in crl-ok.crl (keyCompromise, "
                 "revoked 2026-05-15); with --crl and --issuer its revocation is reported (REV-200, observation)")

    # ---- CRLs --------------------------------------------------------------------------------
    conforming_crls = []

    def crl_out(stem: str, der: bytes, record: dict, note: str, defects=None, conforming: bool = False):
        out.add(R + stem + ".crl", der, [record], defects, note=note)
        if conforming:
            conforming_crls.append(der)

    def at(der: bytes, needle: bytes, what: str, sub: int = 0, length: int | None = None) -> dict:
        i = find_once(der, needle) + sub
        return defect(i, len(needle) - sub if length is None else length, what)

    ok = make_crl(pki)
    crl_out("crl-ok", ok, rev_rec("crl", with_inputs=(("--crl", R + "crl-previous.crl"), "conforming", [])),
            "v2 CRL of the test issuing CA, thisUpdate 260601000000Z, nextUpdate 260608000000Z, cRLNumber 42, "
            "authorityKeyIdentifier; three entries revoked 260515000000Z: leaf-revoked (keyCompromise, "
            "invalidityDate 20260514000000Z), serial 'revoked-2' (superseded), serial 'revoked-3' (no entry "
            "extensions); with --crl crl-previous.crl (cRLNumber 41, earlier) still conforming", conforming=True)
    out.add(R + "crl-ok.pem", pem("X509 CRL", ok), [rev_rec("crl")], note="crl-ok.crl in PEM armour 'X509 CRL'")

    crl_out("crl-previous",
            make_crl(pki, this_update=utc_time("260531000000Z"), next_update=utc_time("260607000000Z"),
                     crl_number=41),
            rev_rec("crl"), "the CRL before crl-ok.crl: thisUpdate 260531000000Z (24 hours earlier), nextUpdate "
            "260607000000Z, cRLNumber 41", conforming=True)
    c = make_crl(pki, this_update=utc_time("260602120000Z"), next_update=utc_time("260609120000Z"), crl_number=43)
    crl_out("crl-issued-36h-later", c,
            rev_rec("crl", with_inputs=(("--crl", R + "crl-ok.crl"), "major", ["REV-040"])),
            "thisUpdate 260602120000Z, nextUpdate 260609120000Z, cRLNumber 43: conforming alone; with --crl crl-ok.crl "
            "(its predecessor, cRLNumber 42) 36 hours between consecutive CRLs (REV-040: at least every 24 hours)",
            [at(c, utc_time("260602120000Z"), "thisUpdate 36 hours after crl-ok.crl's")], conforming=True)

    c = make_crl(pki, this_update=utc_time("260602000000Z"), next_update=utc_time("260609000000Z"), crl_number=40)
    crl_out("crl-number-not-increasing", c,
            rev_rec("crl", with_inputs=(("--crl", R + "crl-ok.crl"), "major", ["REV-009"])),
            "thisUpdate 260602000000Z, nextUpdate 260609000000Z, cRLNumber 40: conforming alone; with --crl "
            "crl-ok.crl (thisUpdate one day earlier, cRLNumber 42) the cRLNumber decreases (REV-009)",
            [at(c, ext_crl_number(40), "cRLNumber 40, lower than crl-ok.crl's 42")], conforming=True)

    crl_out("crl-no-entries", make_crl(pki, entries=None), rev_rec("crl"),
            "crl-ok.crl without revokedCertificates (absent, RFC 5280 5.1.2.6)", conforming=True)

    # DER
    c = ok + b"\x00"
    crl_out("crl-trailing-byte", c, rev_rec("crl", ["REV-001"]), "crl-ok.crl followed by one 0x00 octet",
            [defect(len(ok), 1, "one 0x00 octet after the CertificateList")])
    long_date = b"\x17\x81\x0d" + CRL_REVOCATION_DATE.encode()
    c = make_crl(pki, entries=crl_ok_entries(e2=crl_entry(serial_for("revoked-3"), date=long_date)))
    crl_out("crl-nonminimal-length", c, rev_rec("crl", ["REV-001"]),
            "third entry's revocationDate UTCTime with the long-form length 81 0D (DER: 0D); re-signed over this TBS",
            [at(c, long_date, "revocationDate 17 81 0D ...: long-form length for 13 octets", length=3)])

    # tbsCertList fields
    c = make_crl(pki, version=None)
    crl_out("crl-v1-with-extensions", c, rev_rec("crl", ["REV-002"]),
            "version omitted (v1) while the CRL has crlExtensions and entry extensions",
            [at(c, ALG_SHA256_RSA + ISSUING_NAME, "TBSCertList starts with signature: version absent", length=0)])
    c = make_crl(pki, tbs_sigalg=ALG_SHA384_RSA, outer_sigalg=ALG_SHA256_RSA)
    crl_out("crl-sigalg-mismatch", c, rev_rec("crl", ["REV-003"]),
            "tbsCertList.signature sha384WithRSAEncryption, signatureAlgorithm sha256WithRSAEncryption (signed with SHA-256)",
            [at(c, ALG_SHA384_RSA, "TBS signature AlgorithmIdentifier sha384WithRSAEncryption")])
    c = make_crl(pki, issuer=seq())
    crl_out("crl-issuer-empty", c, rev_rec("crl", ["REV-004"]), "issuer is an empty SEQUENCE (30 00)",
            [at(c, ALG_SHA256_RSA + b"\x30\x00", "issuer Name 30 00", sub=len(ALG_SHA256_RSA))])
    gt = generalized_time("20260601000000Z")
    c = make_crl(pki, this_update=gt)
    crl_out("crl-thisupdate-generalized", c, rev_rec("crl", ["REV-005"]),
            "thisUpdate GeneralizedTime 20260601000000Z (before 2050: UTCTime)", [at(c, gt, "thisUpdate GeneralizedTime")])
    gt = generalized_time("20260515000000Z")
    c = make_crl(pki, entries=crl_ok_entries(e2=crl_entry(serial_for("revoked-3"), date=gt)))
    crl_out("crl-revocation-date-generalized", c, rev_rec("crl", ["REV-005"]),
            "third entry's revocationDate GeneralizedTime 20260515000000Z (before 2050: UTCTime)",
            [at(c, gt, "revocationDate GeneralizedTime")])
    c = make_crl(pki, next_update=None)
    crl_out("crl-no-nextupdate", c, rev_rec("crl", ["REV-006"]), "nextUpdate omitted")
    nu = utc_time("260531000000Z")
    c = make_crl(pki, next_update=nu)
    crl_out("crl-nextupdate-before-thisupdate", c, rev_rec("crl", ["REV-006"]),
            "nextUpdate 260531000000Z, before thisUpdate 260601000000Z", [at(c, nu, "nextUpdate 260531000000Z")])

    # CRL extensions
    aki = ext_aki(pki.keys["issuing-ca"])
    crl_out("crl-no-aki", make_crl(pki, extensions=[ext_crl_number(CRL_NUMBER)]), rev_rec("crl", ["REV-007"]),
            "authorityKeyIdentifier removed (cRLNumber only)")
    crl_out("crl-no-crlnumber", make_crl(pki, extensions=[aki]), rev_rec("crl", ["REV-008"]),
            "cRLNumber removed (authorityKeyIdentifier only)")
    n21 = integer_raw(b"\x21" + hashlib.sha256(b"crl-number-21").digest()[:20])
    c = make_crl(pki, extensions=[aki, ext_crl_number(raw=n21)])
    crl_out("crl-crlnumber-21-octets", c, rev_rec("crl", ["REV-008"]),
            "cRLNumber INTEGER with 21 content octets (positive)", [at(c, n21, "cRLNumber of 21 octets")])
    crl_out("crl-crlnumber-critical", make_crl(pki, extensions=[aki, ext_crl_number(CRL_NUMBER, critical=True)]),
            rev_rec("crl", ["REV-008"]), "cRLNumber marked critical")

    idp_ok = seq(explicit(0, implicit_cons(0, gn_uri(CRL_IDP_URL))), implicit_prim(1, b"\xff"))
    crl_out("crl-idp-ok", make_crl(pki, extensions=[aki, ext_crl_number(CRL_NUMBER), extension(OID_IDP, idp_ok, critical=True)]),
            rev_rec("crl"), "crl-ok.crl plus a critical issuingDistributionPoint: distributionPoint fullName URI %s, "
            "onlyContainsUserCerts TRUE" % CRL_IDP_URL, conforming=True)
    crl_out("crl-idp-not-critical", make_crl(pki, extensions=[aki, ext_crl_number(CRL_NUMBER), extension(OID_IDP, idp_ok)]),
            rev_rec("crl", ["REV-010"]), "crl-idp-ok.crl with issuingDistributionPoint not critical")
    crl_out("crl-idp-empty", make_crl(pki, extensions=[aki, ext_crl_number(CRL_NUMBER), extension(OID_IDP, seq(), critical=True)]),
            rev_rec("crl", ["REV-010"]), "issuingDistributionPoint critical whose value is an empty SEQUENCE (30 00)")

    delta_entries = [crl_entry(serial_for("held-1"), ext_reason(REASON_REMOVE_FROM_CRL))]
    crl_out("crl-delta-ok",
            make_crl(pki, entries=delta_entries,
                     extensions=[aki, ext_crl_number(44), extension(OID_DELTA_CRL_INDICATOR, integer(41), critical=True)]),
            rev_rec("crl"), "delta CRL: deltaCRLIndicator critical BaseCRLNumber 41, cRLNumber 44, one entry (serial "
            "'held-1') with reasonCode removeFromCRL(8)", conforming=True)
    crl_out("crl-delta-not-critical",
            make_crl(pki, entries=delta_entries,
                     extensions=[aki, ext_crl_number(44), extension(OID_DELTA_CRL_INDICATOR, integer(41))]),
            rev_rec("crl", ["REV-011"]), "crl-delta-ok.crl with deltaCRLIndicator not critical")

    unk = extension(OID_UNKNOWN_EXT, null(), critical=True)
    c = make_crl(pki, extensions=[aki, ext_crl_number(CRL_NUMBER), unk])
    crl_out("crl-unknown-critical-extension", c, rev_rec("crl", ["REV-012"]),
            "an unrecognised critical CRL extension %s (value NULL)" % OID_UNKNOWN_EXT,
            [at(c, unk, "critical extension %s" % OID_UNKNOWN_EXT)])
    c = make_crl(pki, extensions=[aki, ext_crl_number(CRL_NUMBER), aki])
    i1, i2 = c.find(aki), c.rfind(aki)
    assert i1 != i2
    crl_out("crl-duplicate-extension", c, rev_rec("crl", ["REV-012"]), "authorityKeyIdentifier twice (first and last)",
            [defect(i1, len(aki), "authorityKeyIdentifier"), defect(i2, len(aki), "authorityKeyIdentifier again")])

    # entries
    c = make_crl(pki, entries=crl_ok_entries(e2=crl_entry(b"", serial_tlv=integer(0))))
    crl_out("crl-entry-serial-zero", c, rev_rec("crl", ["REV-013"], "minor"), "third entry's serial is 0 (02 01 00)",
            [at(c, integer(0) + utc_time(CRL_REVOCATION_DATE), "userCertificate 02 01 00", length=3)])
    s21 = integer_raw(b"\x21" + hashlib.sha256(b"crl-entry-serial-21").digest()[:20])
    c = make_crl(pki, entries=crl_ok_entries(e2=crl_entry(b"", serial_tlv=s21)))
    crl_out("crl-entry-serial-21-octets", c, rev_rec("crl", ["REV-013"], "minor"),
            "third entry's serial has 21 content octets", [at(c, s21, "userCertificate of 21 octets")])
    dup = crl_entry(serial_for("revoked-3"))
    c = make_crl(pki, entries=crl_ok_entries() + [dup])
    crl_out("crl-duplicate-serial", c, rev_rec("crl", ["REV-014"], "minor"),
            "a fourth entry repeating the third (serial 'revoked-3', same date, no extensions)",
            [defect(c.rfind(dup), len(dup), "second entry for serial 'revoked-3'")])
    c = make_crl(pki, entries=seq())
    crl_out("crl-revoked-empty", c, rev_rec("crl", ["REV-015"]),
            "revokedCertificates present as an empty SEQUENCE (30 00) instead of absent",
            [at(c, utc_time(CRL_NEXT_UPDATE) + b"\x30\x00", "revokedCertificates 30 00", sub=len(utc_time(CRL_NEXT_UPDATE)))])

    def reason2(code: int, critical: bool = False) -> list:
        return crl_ok_entries(e1=crl_entry(serial_for("revoked-2"), ext_reason(code, critical)))

    crl_out("crl-reason-unspecified", make_crl(pki, entries=reason2(REASON_UNSPECIFIED)),
            rev_rec("crl", ["REV-016"], "minor"), "second entry's reasonCode unspecified(0) (should be absent)")
    crl_out("crl-reason-7", make_crl(pki, entries=reason2(7)), rev_rec("crl", ["REV-016"]),
            "second entry's reasonCode 7 (not a CRLReason value)")
    crl_out("crl-reason-remove-in-full", make_crl(pki, entries=reason2(REASON_REMOVE_FROM_CRL)),
            rev_rec("crl", ["REV-016"]), "second entry's reasonCode removeFromCRL(8) in a complete (non-delta) CRL")
    crl_out("crl-reason-critical", make_crl(pki, entries=reason2(REASON_SUPERSEDED, critical=True)),
            rev_rec("crl", ["REV-016"]), "second entry's reasonCode (superseded) marked critical")
    inv_utc = extension(OID_INVALIDITY_DATE, utc_time(CRL_INVALIDITY_DATE[2:]))
    c = make_crl(pki, entries=crl_ok_entries(e0=crl_entry(serial_for("leaf-revoked"), ext_reason(REASON_KEY_COMPROMISE), inv_utc)))
    crl_out("crl-invalidity-utctime", c, rev_rec("crl", ["REV-017"]),
            "first entry's invalidityDate UTCTime 260514000000Z (GeneralizedTime required)",
            [at(c, inv_utc, "invalidityDate with a UTCTime value")])
    ci = extension(OID_CERTIFICATE_ISSUER, seq(explicit(4, ROOT_NAME)), critical=True)
    e_ci = crl_ok_entries(e2=crl_entry(serial_for("revoked-3"), ci))
    c = make_crl(pki, entries=e_ci)
    crl_out("crl-certificate-issuer-direct", c, rev_rec("crl", ["REV-018"]),
            "third entry with a critical certificateIssuer (directoryName: the test root CA) in a CRL without "
            "issuingDistributionPoint (not indirect)", [at(c, ci, "certificateIssuer entry extension")])
    idp_indirect = extension(OID_IDP, seq(implicit_prim(4, b"\xff")), critical=True)
    idp_ca_only = extension(OID_IDP, seq(implicit_prim(2, b"\xff")), critical=True)
    c = make_crl(pki, next_update=utc_time("270701000000Z"), entries=None,
                 extensions=[aki, ext_crl_number(CRL_NUMBER), idp_ca_only])
    crl_out("crl-carl-13-months", c, rev_rec("crl", ["REV-041"]),
            "CA revocation list (issuingDistributionPoint critical, onlyContainsCACerts TRUE), no entries, nextUpdate "
            "270701000000Z: 13 months after thisUpdate 260601000000Z (REV-041: at most one year)",
            [at(c, utc_time("270701000000Z"), "nextUpdate 13 months after thisUpdate")])
    crl_out("crl-carl-final", make_crl(pki, next_update=generalized_time("99991231235959Z"), entries=None,
                                       extensions=[aki, ext_crl_number(CRL_NUMBER), idp_ca_only]),
            rev_rec("crl"), "the last CA revocation list of its scope: onlyContainsCACerts TRUE, nextUpdate "
            "GeneralizedTime 99991231235959Z (EN 319 411-1 CSS-6.3.9-06)", conforming=True)
    crl_out("crl-indirect-ok", make_crl(pki, entries=e_ci, extensions=[aki, ext_crl_number(CRL_NUMBER), idp_indirect]),
            rev_rec("crl", with_inputs=(REV_CRL_TLS, "major", ["REV-030"])),
            "indirect CRL: issuingDistributionPoint critical with indirectCRL TRUE; the third (last) "
            "entry has a critical certificateIssuer naming the test root CA; REV-030 under en319411-crl-tls "
            "(the TLS Baseline Requirements allow no indirect CRL)", conforming=True)
    c = make_crl(pki, entries=crl_ok_entries(e2=crl_entry(serial_for("revoked-3"), unk)))
    crl_out("crl-entry-unknown-critical", c, rev_rec("crl", ["REV-019"]),
            "third entry with an unrecognised critical entry extension %s (value NULL)" % OID_UNKNOWN_EXT,
            [at(c, unk, "critical entry extension %s" % OID_UNKNOWN_EXT)])

    # signature
    c = make_crl(pki, flip_signature=True)
    crl_out("crl-bad-signature", c, rev_rec("crl", with_inputs=(REV_ISSUER, "major", ["REV-020"])),
            "crl-ok.crl with the last signature octet XORed with 0x01: conforming alone (no issuer to verify "
            "with), REV-020 with --issuer certificates/issuing-ca.pem", [defect(len(c) - 1, 1, "flipped signature octet")])
    c = make_crl(pki, issuer=TSU_NAME, signer="tsu")
    crl_out("crl-signer-no-crlsign", c,
            rev_rec("crl", with_inputs=(("--issuer", "timestamps/tsa-chain.pem"), "major", ["REV-020"])),
            "issued and signed by 'TrustAudit Test TSU' (issuer TSU_NAME, AKI of the tsu key): conforming alone; with "
            "--issuer timestamps/tsa-chain.pem the signature verifies with the TSU certificate, whose keyUsage "
            "(digitalSignature) lacks cRLSign (REV-020)")
    tsu_ok = c

    # TLS profile
    crl_out("crl-tls-reason-hold", make_crl(pki, entries=reason2(REASON_CERTIFICATE_HOLD)),
            rev_rec("crl", with_inputs=(REV_CRL_TLS, "major", ["REV-030"])),
            "second entry's reasonCode certificateHold(6): conforming under en319411-crl, REV-030 under "
            "en319411-crl-tls", conforming=True)
    nu = utc_time("260615000000Z")
    c = make_crl(pki, next_update=nu)
    crl_out("crl-tls-next-update-14-days", c,
            rev_rec("crl", with_inputs=(REV_CRL_TLS + ("--issuer", "certificates/issuing-ca.pem"), "major",
                                        ["REV-031"])),
            "nextUpdate 260615000000Z (14 days after thisUpdate): conforming under en319411-crl; REV-031 under "
            "en319411-crl-tls with --issuer certificates/issuing-ca.pem (pathLenConstraint 0: a CRL of "
            "subscriber certificates, 10-day limit)", [at(c, nu, "nextUpdate 14 days after thisUpdate")], conforming=True)

    # Sanity: conforming CRLs parse under a strict DER parser and verify; the broken signature does not.
    for der in conforming_crls:
        crl = x509.load_der_x509_crl(der)
        assert crl.public_bytes(serialization.Encoding.DER) == der
        assert crl.is_signature_valid(issuing_pub)
    assert not x509.load_der_x509_crl(make_crl(pki, flip_signature=True)).is_signature_valid(issuing_pub)
    assert x509.load_der_x509_crl(tsu_ok).is_signature_valid(pki.keys["tsu"].public_key())
    revoked = x509.load_der_x509_crl(ok).get_revoked_certificate_by_serial_number(
        int.from_bytes(serial_for("leaf-revoked"), "big"))
    assert revoked is not None and revoked.extensions.get_extension_for_class(x509.CRLReason).value.reason \
        == x509.ReasonFlags.key_compromise
    assert x509.load_der_x509_crl(ok).get_revoked_certificate_by_serial_number(
        int.from_bytes(serial_for("leaf-not-revoked"), "big")) is None

    # ---- OCSP ----------------------------------------------------------------------------------
    pki.ocsp_responder = ocsp_responder_cert(pki)
    out.add(R + "ocsp-responder.pem", pem("CERTIFICATE", pki.ocsp_responder))  # auxiliary, listed in nonInputs
    request = ocsp_request(pki, serial_for("leaf-not-revoked"), OCSP_NONCE_1)
    out.add(R + "ocsp-request.der", request)  # the --ocsp-request input, listed in nonInputs

    conforming_ocsp = []  # (der, signer key)

    def ocsp_out(stem: str, der: bytes, record: dict, note: str, defects=None, verify: str | None = None):
        out.add(R + stem + ".ocsp", der, [record], defects, note=note)
        if verify is not None:
            conforming_ocsp.append((der, verify))

    ok = make_ocsp(pki)
    ocsp_out("ocsp-ok", ok, rev_rec("ocspResponse", with_inputs=(REV_OCSP_REQUEST, "conforming", [])),
             "successful BasicOCSPResponse: good for leaf-not-revoked, thisUpdate = producedAt 20260601000000Z, "
             "nextUpdate 20260605000000Z, nonce N1 (the nonce of ocsp-request.der); signed (RSA SHA-256) by the "
             "delegated responder 'TrustAudit Test OCSP Responder' (ocsp-responder.pem, in certs), responderID "
             "byKey; with --ocsp-request revocation/ocsp-request.der still conforming", verify="ocsp-responder")
    ocsp_out("ocsp-other-nonce", make_ocsp(pki, nonce=OCSP_NONCE_2),
             rev_rec("ocspResponse", with_inputs=(REV_OCSP_REQUEST, "major", ["REV-108"])),
             "ocsp-ok.ocsp with another 16-octet nonce: conforming alone; with --ocsp-request "
             "revocation/ocsp-request.der the request nonce is not echoed (REV-108)", verify="ocsp-responder")
    ocsp_out("ocsp-ca-signed",
             make_ocsp(pki, signer="issuing-ca", responder_id=explicit(1, ISSUING_NAME), certs=None),
             rev_rec("ocspResponse", with_inputs=(REV_ISSUER, "conforming", [])),
             "ocsp-ok.ocsp signed by the test issuing CA itself, responderID byName (its subject), no certs; with "
             "--issuer certificates/issuing-ca.pem the signature is verified: conforming", verify="issuing-ca")
    ocsp_out("ocsp-revoked", make_ocsp(pki, serial=serial_for("leaf-revoked"), status=cert_status_revoked()),
             rev_rec("ocspResponse", with_inputs=(REV_OCSP_TLS + ("--issuer", "certificates/issuing-ca.pem"), "conforming", [])),
             "revoked for leaf-revoked: revocationTime 20260515000000Z, revocationReason keyCompromise(1); "
             "conforming under en319411-ocsp-tls with --issuer certificates/issuing-ca.pem too (delegated responder "
             "whose certificate verifies with the CA's key, id-pkix-ocsp-nocheck, validity interval within 8 hours "
             "to 10 days)", verify="ocsp-responder")
    ocsp_out("ocsp-unauthorized", ocsp_response(OCSP_UNAUTHORIZED), rev_rec("ocspResponse"),
             "OCSPResponse with responseStatus unauthorized(6) and no responseBytes")

    c = ok + b"\x00"
    ocsp_out("ocsp-trailing-byte", c, rev_rec("ocspResponse", ["REV-101"]), "ocsp-ok.ocsp followed by one 0x00 octet",
             [defect(len(ok), 1, "one 0x00 octet after the OCSPResponse")])
    ocsp_out("ocsp-successful-no-bytes", ocsp_response(OCSP_SUCCESSFUL), rev_rec("ocspResponse", ["REV-102"]),
             "responseStatus successful(0) without responseBytes")
    ocsp_out("ocsp-status-4", ocsp_response(4), rev_rec("ocspResponse", ["REV-102"]),
             "responseStatus 4 (not used in RFC 6960), no responseBytes", [defect(2, 3, "responseStatus ENUMERATED 4")])
    c = make_ocsp(pki, response_type=OID_OCSP_RESPONSE_TYPE_OTHER)
    ocsp_out("ocsp-response-type-other", c, rev_rec("ocspResponse", ["REV-103"]),
             "ocsp-ok.ocsp with responseType %s instead of id-pkix-ocsp-basic (the same BasicOCSPResponse inside)"
             % OID_OCSP_RESPONSE_TYPE_OTHER, [at(c, oid(OID_OCSP_RESPONSE_TYPE_OTHER), "responseType")])
    v2 = explicit(0, integer(1))
    c = make_ocsp(pki, version=v2)
    ocsp_out("ocsp-version-2", c, rev_rec("ocspResponse", ["REV-104"]), "ResponseData version [0] EXPLICIT INTEGER 1 (v2)",
             [at(c, v2 + b"\xa2", "version [0] INTEGER 1", length=len(v2))])
    rid = explicit(2, octet_string(key_id(pki.keys["tsu"])))
    c = make_ocsp(pki, responder_id=rid)
    ocsp_out("ocsp-responder-id-mismatch", c, rev_rec("ocspResponse", ["REV-105"]),
             "responderID byKey = SHA-1 of the tsu key (not the key of the responder certificate in certs); "
             "signed by the responder", [at(c, rid, "responderID byKey of another key")])
    nu = generalized_time("20260531000000Z")
    c = make_ocsp(pki, next_update="20260531000000Z")
    ocsp_out("ocsp-next-before-this", c, rev_rec("ocspResponse", ["REV-106"]),
             "nextUpdate 20260531000000Z, before thisUpdate 20260601000000Z", [at(c, nu, "nextUpdate")])
    ikh19 = octet_string(key_id(pki.keys["issuing-ca"])[:19])
    c = make_ocsp(pki, cid=cert_id(pki, serial_for("leaf-not-revoked"), key_id(pki.keys["issuing-ca"])[:19]))
    ocsp_out("ocsp-certid-hash-length", c, rev_rec("ocspResponse", ["REV-107"]),
             "CertID issuerKeyHash of 19 octets (SHA-1: 20); the first 19 octets of the issuing CA's key hash",
             [at(c, ikh19, "issuerKeyHash OCTET STRING of 19 octets")])
    rt = generalized_time("20260602000000Z")
    c = make_ocsp(pki, serial=serial_for("leaf-revoked"), status=cert_status_revoked("20260602000000Z"))
    ocsp_out("ocsp-revoked-after-thisupdate", c, rev_rec("ocspResponse", ["REV-107"]),
             "ocsp-revoked.ocsp with revocationTime 20260602000000Z, after thisUpdate 20260601000000Z",
             [at(c, rt, "revocationTime")])
    c = make_ocsp(pki, flip_signature=True)
    sig_end = len(c) - len(explicit(0, seq(pki.ocsp_responder)))  # certs follows the signature
    ocsp_out("ocsp-bad-signature", c, rev_rec("ocspResponse", ["REV-109"]),
             "ocsp-ok.ocsp with the last signature octet XORed with 0x01",
             [defect(sig_end - 1, 1, "flipped last octet of the signature BIT STRING")])

    no_eku = ocsp_responder_cert(pki, "ocsp-responder/no-eku", eku=False)
    ocsp_out("ocsp-delegate-no-eku", make_ocsp(pki, certs=[no_eku]), rev_rec("ocspResponse", ["REV-110"]),
             "signed by the responder key with a responder certificate (serial 'ocsp-responder/no-eku') without "
             "extKeyUsage", verify="ocsp-responder")
    root_issued = ocsp_responder_cert(pki, "ocsp-responder/root-issued", issuer="root")
    ocsp_out("ocsp-delegate-other-issuer", make_ocsp(pki, certs=[root_issued]), rev_rec("ocspResponse", ["REV-110"]),
             "signed by the responder key with a responder certificate (serial 'ocsp-responder/root-issued') issued "
             "by the test root CA, not by the CA named in CertID", verify="ocsp-responder")
    no_nocheck = ocsp_responder_cert(pki, "ocsp-responder/no-nocheck", nocheck=False)
    ocsp_out("ocsp-delegate-no-nocheck", make_ocsp(pki, certs=[no_nocheck]),
             rev_rec("ocspResponse", ["REV-111"], "minor"),
             "signed by the responder key with a responder certificate (serial 'ocsp-responder/no-nocheck') without "
             "id-pkix-ocsp-nocheck", verify="ocsp-responder")

    nu = generalized_time("20260613000000Z")
    c = make_ocsp(pki, next_update="20260613000000Z")
    ocsp_out("ocsp-tls-validity-12-days", c, rev_rec("ocspResponse", with_inputs=(REV_OCSP_TLS, "major", ["REV-130"])),
             "nextUpdate 20260613000000Z (12 days after thisUpdate): conforming under en319411-ocsp, REV-130 under "
             "en319411-ocsp-tls", [at(c, nu, "nextUpdate 12 days after thisUpdate")], verify="ocsp-responder")
    ocsp_out("ocsp-no-next-update", make_ocsp(pki, next_update=None),
             rev_rec("ocspResponse", with_inputs=(REV_OCSP_TLS, "major", ["REV-130"])),
             "nextUpdate omitted: conforming under en319411-ocsp, REV-130 under en319411-ocsp-tls",
             verify="ocsp-responder")

    # Sanity: the responder certificates verify under their issuers, the conforming responses parse and
    # their signatures verify, the request parses and carries the nonce and the CertID of ocsp-ok.
    for der, k in ((pki.ocsp_responder, "issuing-ca"), (no_eku, "issuing-ca"), (no_nocheck, "issuing-ca"),
                   (root_issued, "root-ca"), (leaf_good, "issuing-ca"), (leaf_revoked, "issuing-ca")):
        cert = x509.load_der_x509_certificate(der)
        assert cert.public_bytes(serialization.Encoding.DER) == der
        pki.keys[k].public_key().verify(cert.signature, cert.tbs_certificate_bytes, padding.PKCS1v15(), hashes.SHA256())
    for der, k in conforming_ocsp:
        resp = x509_ocsp.load_der_ocsp_response(der)
        assert resp.response_status == x509_ocsp.OCSPResponseStatus.SUCCESSFUL
        pki.keys[k].public_key().verify(resp.signature, resp.tbs_response_bytes, padding.PKCS1v15(), hashes.SHA256())
    resp = x509_ocsp.load_der_ocsp_response(ok)
    assert resp.certificate_status == x509_ocsp.OCSPCertStatus.GOOD
    assert resp.serial_number == int.from_bytes(serial_for("leaf-not-revoked"), "big")
    assert resp.issuer_key_hash == key_id(pki.keys["issuing-ca"])
    assert resp.issuer_name_hash == hashlib.sha1(ISSUING_NAME).digest()
    assert resp.responder_key_hash == key_id(pki.keys["ocsp-responder"])
    bad = x509_ocsp.load_der_ocsp_response(make_ocsp(pki, flip_signature=True))
    try:
        pki.keys["ocsp-responder"].public_key().verify(bad.signature, bad.tbs_response_bytes, padding.PKCS1v15(),
                                                       hashes.SHA256())
        raise AssertionError("ocsp-bad-signature verifies")
    except InvalidSignature:
        pass
    rev = x509_ocsp.load_der_ocsp_response(make_ocsp(pki, serial=serial_for("leaf-revoked"), status=cert_status_revoked()))
    assert rev.certificate_status == x509_ocsp.OCSPCertStatus.REVOKED
    assert rev.revocation_reason == x509.ReasonFlags.key_compromise
    req = x509_ocsp.load_der_ocsp_request(request)
    assert req.public_bytes(serialization.Encoding.DER) == request
    assert req.serial_number == resp.serial_number and req.issuer_key_hash == resp.issuer_key_hash
    assert req.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce == OCSP_NONCE_1
    assert resp.extensions.get_extension_for_class(x509.OCSPNonce).value.nonce == OCSP_NONCE_1
    assert x509_ocsp.load_der_ocsp_response(ocsp_response(OCSP_UNAUTHORIZED)).response_status \
        == x509_ocsp.OCSPResponseStatus.UNAUTHORIZED


# --------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------


def generate_all(keys: dict) -> dict[str, bytes]:
    pki = PKI(keys)
    out = Output()
    build_certificates(pki, out)
    build_etsi(pki, out)
    build_timestamps(pki, out)
    build_trusted_lists(pki, out)
    build_revocation(pki, out)
    expected = {
        "schema": EXPECTED_SCHEMA,
        "generator": "TestVectors/generator/generate.py",
        "notes": [
            "One entry per input file, sorted by path; records are in file order.",
            "verdict is 'conforming' when failed is empty, 'minor' when every failed requirement is a recommendation "
            "('should') for that item, else 'major'.",
            "Records of certificates/etsi/* also give profile: the profile TrustAudit should auto-detect for the item "
            "(a mutation keeps the profile of its <profile>__ok baseline).",
            "Records of trusted-lists/* also give profile: the trusted-list profile the expectation is for "
            "(ts119612-signed, the default for trusted lists: document rules plus the XMLDSig signature rules).",
            "kind 'unknown' always fails INPUT-001.",
            "Records of revocation/* with kind 'crl' or 'ocspResponse' are for the default profiles en319411-crl and "
            "en319411-ocsp; the TLS variants (en319411-crl-tls, en319411-ocsp-tls) appear as withInputs --profile.",
            "Expectations are for `trustaudit check --quiet --at 2026-06-01T00:00:00Z FILE` (no other input). A record "
            "with withInputs also gives the verdict and failed ids of the same command with withInputs.args added "
            "(paths relative to TestVectors/).",
            "defects[].offset/length are octet positions; within='DER' means inside the decoded DER of the "
            "(single) PEM block, within='file' means the raw file bytes.",
        ],
        "nonInputs": ["revocation/ocsp-request.der", "revocation/ocsp-responder.pem",
                      "timestamps/data.txt", "timestamps/request-nonce-match.tsq", "timestamps/request-nonce-other.tsq",
                      "timestamps/request-policy-other.tsq", "trusted-lists/anchors.pem"],
        "files": [out.expected[p] for p in sorted(out.expected)],
    }
    out.files["expected.json"] = (json.dumps(expected, indent=2, sort_keys=False, ensure_ascii=True) + "\n").encode()
    return out.files


def write_tree(files: dict[str, bytes], root: Path):
    for d in OUTPUT_DIRS:
        p = root / d
        if p.exists():
            shutil.rmtree(p)
    for rel in sorted(files):
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(files[rel])


def tree_files(root: Path) -> dict[str, bytes]:
    res = {}
    for d in OUTPUT_DIRS:
        base = root / d
        if base.is_dir():
            for p in sorted(base.rglob("*")):
                if p.is_file():
                    res[p.relative_to(root).as_posix()] = p.read_bytes()
    for f in OUTPUT_FILES:
        if (root / f).is_file():
            res[f] = (root / f).read_bytes()
    return res


def check() -> int:
    keys = load_keys(KEYS_DIR, create=False)
    with tempfile.TemporaryDirectory(prefix="trustaudit-tv-") as tmp:
        write_tree(generate_all(keys), Path(tmp))
        fresh = tree_files(Path(tmp))
    committed = tree_files(TV_ROOT)
    bad = 0
    for rel in sorted(set(fresh) | set(committed)):
        if rel not in committed:
            print("MISSING  %s" % rel)
            bad += 1
        elif rel not in fresh:
            print("EXTRA    %s" % rel)
            bad += 1
        elif fresh[rel] != committed[rel]:
            print("DIFFERS  %s" % rel)
            bad += 1
    if bad:
        print("%d file(s) out of date; run %s" % (bad, Path(__file__).name))
        return 1
    print("OK: %d files match" % len(fresh))
    return 0


# The end-entity types of EN 319 412 / TS 119 495 / EN 319 422 that --bulk rotates through, so a
# benchmark measures the full profile checks of every type, not the RFC 5280 basics alone.
BULK_PROFILES = ["qcp-n-qscd", "qcp-n", "qcp-l-qscd", "qcp-l", "qevcp-w", "qncp-w",
                 "psd2-qwac", "psd2-qsealc", "ncp-n", "ncp-l", "tsu"]


def bulk(n: int, outdir: Path) -> int:
    """N conforming certificates, the conforming baseline of each type in turn with its own serial
    and (for person, seal and TSU types) its own commonName."""
    pki = PKI(load_keys(KEYS_DIR, create=False))
    outdir.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    for i in range(n):
        profile = BULK_PROFILES[i % len(BULK_PROFILES)]
        d = etsi_baseline(profile)
        if profile not in ("qevcp-w", "qncp-w", "psd2-qwac"):  # web CNs stay equal to the SAN
            d["subject"] = [(a, "%s %06d" % (v, i)) if a == OID_CN else (a, v) for a, v in d["subject"]]
        der = etsi_cert(pki, "bulk/%d" % i, d)
        (outdir / ("cert-%06d.der" % i)).write_bytes(der)
    print("wrote %d certificates to %s in %.1fs" % (n, outdir, time.monotonic() - t0), file=sys.stderr)
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="regenerate into a temp dir and fail if committed files differ")
    ap.add_argument("--bulk", nargs=2, metavar=("N", "OUTDIR"), help="write N conforming end-entity certificates of every ETSI type (DER) to OUTDIR")
    ap.add_argument("--out", type=Path, default=TV_ROOT, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.check:
        return check()
    if args.bulk:
        return bulk(int(args.bulk[0]), Path(args.bulk[1]))
    keys = load_keys(KEYS_DIR, create=True)
    files = generate_all(keys)
    write_tree(files, args.out)
    print("wrote %d files under %s" % (len(files), args.out), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
