"""certificates/: the generic leaf (leaf-ok), one RFC 5280 or DER defect per vector, files that
are no certificate at all and multi-item containers.
"""

from __future__ import annotations

import base64
import hashlib
import random

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from .der import (
    boolean, boolean_raw, der_content, generalized_time, header_len, integer, integer_raw, oid, pem, seq, tlv, utc_time,
)
from .oids import (
    ALG_SHA256_RSA, ALG_SHA256_RSA_NO_PARAMS, ALG_SHA384_RSA, EE_NOT_AFTER, EE_NOT_BEFORE, KU_NON_REPUDIATION, OID_BC,
    OID_KU, OID_SAN,
)
from .names import serial_for
from .pki import PKI, ext_ku, extension, gn_email
from .records import Output, ca_rec, defect, find_once, leaf_rec, rec


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
