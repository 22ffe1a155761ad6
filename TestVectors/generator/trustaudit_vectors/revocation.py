"""Revocation: CRLs (RFC 5280 5) and OCSP responses (RFC 6960): constants and encoders.

revocation/crl-ok.crl is a conforming v2 CRL of the test issuing CA; each
crl-<defect>.crl changes exactly one thing of it and is re-signed.
revocation/ocsp-ok.ocsp is a conforming OCSP response of the delegated
responder "TrustAudit Test OCSP Responder" (key ocsp-responder); each
ocsp-<defect>.ocsp changes one thing of it. Requirement ids: REV-xxx.
"""

from __future__ import annotations

import hashlib

from .der import (
    bit_string, explicit, generalized_time, implicit_cons, implicit_prim, integer, integer_raw, null, octet_string, oid,
    seq, tlv, utc_time,
)
from .oids import (
    ALG_SHA256_RSA, KU_DIGITAL_SIGNATURE, OID_C, OID_CN, OID_EKU, OID_KP_OCSP_SIGNING, OID_O, OID_OCSP_NOCHECK,
    OID_SHA1,
)
from .names import CRL_URL, ISSUING_NAME, ROOT_NAME, name, serial_for
from .keys import key_id, sign
from .pki import PKI, Cert, ext_aki, ext_ku, ext_ski, extension

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
