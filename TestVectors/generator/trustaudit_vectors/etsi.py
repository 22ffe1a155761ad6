"""ETSI profile certificates (EN 319 412-1..5, TS 119 495, EN 319 422): the conforming baselines.

certificates/etsi/<profile>__ok.pem is a conforming baseline of one profile;
certificates/etsi/<profile>__<mutation>.pem changes exactly one thing of that
baseline. Requirement ids are those of the TrustAudit certificate checklist
(CERT-xxx). Everything below is written for TrustAudit.

etsi_baseline(profile) describes a baseline as an editable dict and etsi_cert() encodes one; the
mutation table that edits them is in etsi_mutations.
"""

from __future__ import annotations

from cryptography.hazmat.primitives import hashes

from .der import (
    boolean, der_content, ia5_string, integer, integer_raw, named_bits, null, oid, printable_string, seq, utc_time,
    utf8_string,
)
from .oids import (
    ALG_SHA1_RSA, ALG_SHA256_RSA, KU_CRL_SIGN, KU_DIGITAL_SIGNATURE, KU_KEY_CERT_SIGN, KU_KEY_ENCIPHERMENT,
    KU_NON_REPUDIATION, OID_AD_CA_ISSUERS, OID_AD_OCSP, OID_ANY_POLICY, OID_BC, OID_BTSP, OID_BUSINESS_CATEGORY, OID_C,
    OID_CABF_EV, OID_CABF_ORG_ID, OID_CABF_OV, OID_CN, OID_CP, OID_EKU, OID_GIVEN_NAME, OID_JURISDICTION_C,
    OID_KP_CLIENT_AUTH, OID_KP_OCSP_SIGNING, OID_KP_SERVER_AUTH, OID_KP_TIMESTAMPING, OID_KP_TSL_SIGNING, OID_KU,
    OID_LCP, OID_NCP_PLUS, OID_O, OID_OCSP_NOCHECK, OID_ORG_ID, OID_PKIX_QC_SYNTAX_V2, OID_PSP_AS, OID_PSP_PI,
    OID_QCP_L, OID_QCP_L_QSCD, OID_QCP_N, OID_QCP_N_QSCD, OID_QCT_ESEAL, OID_QCT_ESIGN, OID_QCT_WEB, OID_QC_COMPLIANCE,
    OID_QC_LIMIT_VALUE, OID_QC_PDS, OID_QC_PSD2, OID_QC_SSCD, OID_QC_STATEMENTS, OID_QC_TYPE, OID_QEVCP_W, OID_QNCP_W,
    OID_QT_UNOTICE, OID_SAN, OID_SEM_LEGAL, OID_SEM_NATURAL, OID_SERIAL_NUMBER, OID_SURNAME,
)
from .names import (
    CA_ISSUERS_URL, CRL_URL, ISSUING_NAME, OCSP_URL, ROOT_CA_ISSUERS_URL, ROOT_CRL_URL, ROOT_NAME, dn, replace_attr,
    serial_for,
)
from .pki import PKI, Cert, ext_aia, ext_aki, ext_crldp, ext_ski, extension, gn_dns

RSA_ALGORITHM_WITH_NULL = bytes.fromhex("300d06092a864886f70d0101010500")
RSA_ALGORITHM_NO_PARAMETERS = bytes.fromhex("300b06092a864886f70d010101")

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
