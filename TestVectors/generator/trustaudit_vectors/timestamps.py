"""Time-stamp tokens (RFC 3161, RFC 5652, RFC 5816, ETSI EN 319 422).

timestamps/token-ok.tst is the conforming baseline; every timestamps/token-<defect>.tst
changes exactly one thing of it (a TSTInfo field, the CMS wrapping, the signed attributes
or the TSU certificate) and is re-signed unless the defect is the signature itself.
Requirement ids are those of TrustAudit's time-stamp checklist (TST-xxx).
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from .der import (
    boolean, der_content, explicit, generalized_time, implicit_cons, implicit_prim, integer, integer_raw, named_bits,
    null, octet_string, oid, pem, seq, set_of, utc_time, utf8_string,
)
from .oids import (
    ALG_SHA1, ALG_SHA1_RSA, ALG_SHA256, ALG_SHA256_RSA, CA_NOT_AFTER, CA_NOT_BEFORE, EE_NOT_AFTER, EE_NOT_BEFORE,
    KU_CRL_SIGN, KU_DIGITAL_SIGNATURE, KU_KEY_CERT_SIGN, KU_KEY_ENCIPHERMENT, OID_ATTR_CONTENT_TYPE,
    OID_ATTR_MESSAGE_DIGEST, OID_ATTR_SIGNING_CERT_V2, OID_CN, OID_CT_TSTINFO, OID_EKU, OID_KP_TIMESTAMPING,
    OID_QC_COMPLIANCE, OID_QC_STATEMENTS, OID_SIGNED_DATA, OID_TSA_POLICY, TST_DATA, TST_GEN_TIME,
)
from .names import ISSUING_NAME, OTHER_ROOT_NAME, TSU_NAME, name, serial_for
from .keys import sign
from .pki import PKI, Cert, ext_aki, ext_bc_ca, ext_ku, ext_ski, extension
from .records import Output, ca_rec, defect, find_once, rec
from .etsi import qc

OID_DATA = "1.2.840.113549.1.7.1"
OID_ATTR_SIGNING_CERT = "1.2.840.113549.1.9.16.2.12"  # RFC 2634 SigningCertificate (ESSCertID, SHA-1)
OID_ESI4_QTST = "0.4.0.19422.1.1"  # EN 319 422 9.1 esi4-qtstStatement-1
# Private test OIDs under the same made-up arc as OID_UNKNOWN_EXT (1.3.6.1.4.1.99999).
OID_TSA_OWN_POLICY = "1.3.6.1.4.1.99999.7.1"
OID_TSA_OTHER_POLICY = "1.3.6.1.4.1.99999.7.2"
OID_TST_UNKNOWN_EXT = "1.3.6.1.4.1.99999.9"

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
