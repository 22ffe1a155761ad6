"""Signer certificates of the test lists: the TL signer (issued by the test issuing CA) and the
self-issued LOTL signers.
"""

from __future__ import annotations

from .der import integer_raw, oid, seq
from .oids import KU_DIGITAL_SIGNATURE, OID_BC, OID_C, OID_CN, OID_EKU, OID_KP_TSL_SIGNING, OID_O
from .names import ISSUING_NAME, name, serial_for
from .pki import PKI, Cert, ext_aki, ext_ku, ext_ski, extension
from .tl_constants import LOTL_OPERATOR, TL_OPERATOR


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
