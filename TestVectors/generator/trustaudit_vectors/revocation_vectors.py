"""revocation/: the CRL and OCSP vectors, their auxiliary inputs and the leaves whose status
they give (build_revocation).
"""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from .der import (
    explicit, generalized_time, implicit_cons, implicit_prim, integer, integer_raw, null, octet_string, oid, pem, seq,
    utc_time,
)
from .oids import ALG_SHA256_RSA, ALG_SHA384_RSA, OID_UNKNOWN_EXT
from .names import ISSUING_NAME, ROOT_NAME, TSU_NAME, serial_for
from .keys import key_id
from .pki import PKI, ext_aki, extension, gn_uri
from .records import Output, defect, find_once, leaf_rec
from .revocation import (
    CRL_IDP_URL, CRL_INVALIDITY_DATE, CRL_NEXT_UPDATE, CRL_NUMBER, CRL_REVOCATION_DATE, OCSP_NONCE_1, OCSP_NONCE_2,
    OCSP_SUCCESSFUL, OCSP_UNAUTHORIZED, OID_CERTIFICATE_ISSUER, OID_DELTA_CRL_INDICATOR, OID_IDP, OID_INVALIDITY_DATE,
    OID_OCSP_RESPONSE_TYPE_OTHER, REASON_CERTIFICATE_HOLD, REASON_KEY_COMPROMISE, REASON_REMOVE_FROM_CRL,
    REASON_SUPERSEDED, REASON_UNSPECIFIED, REV_CRL_TLS, REV_ISSUER, REV_OCSP_REQUEST, REV_OCSP_TLS, cert_id,
    cert_status_revoked, crl_entry, crl_ok_entries, ext_crl_number, ext_reason, make_crl, make_ocsp, ocsp_request,
    ocsp_responder_cert, ocsp_response, rev_rec,
)


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
