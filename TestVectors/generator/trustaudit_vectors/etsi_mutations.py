"""certificates/etsi/: the mutation table (each row changes exactly one thing of a fresh copy of
a baseline), the expected records and build_etsi().
"""

from __future__ import annotations

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from .der import implicit_cons, implicit_prim, integer, null, pem, printable_string, seq, utf8_string
from .oids import (
    KU_CRL_SIGN, KU_DIGITAL_SIGNATURE, KU_KEY_AGREEMENT, KU_KEY_CERT_SIGN, KU_KEY_ENCIPHERMENT, KU_NON_REPUDIATION,
    OID_AD_CA_ISSUERS, OID_AD_OCSP, OID_C, OID_CABF_DV, OID_CABF_EV, OID_CABF_OV, OID_CN, OID_CT_POISON,
    OID_EMAIL_ADDRESS, OID_KP_CLIENT_AUTH, OID_KP_CODE_SIGNING, OID_KP_EMAIL, OID_KP_OCSP_SIGNING, OID_KP_SERVER_AUTH,
    OID_KP_TIMESTAMPING, OID_NAME_CONSTRAINTS, OID_NCP, OID_NCP_PLUS, OID_O, OID_OCSP_NOCHECK, OID_ORG_ID,
    OID_PKIX_QC_SYNTAX_V1, OID_PSEUDONYM, OID_PSP_AS, OID_PSP_PI, OID_QCP_L, OID_QCP_N, OID_QCP_N_QSCD, OID_QCP_W_PSD2,
    OID_QCT_ESEAL, OID_QCT_ESIGN, OID_QCT_UNKNOWN, OID_QC_CC_LEGISLATION, OID_QC_COMPLIANCE, OID_QC_RETENTION,
    OID_QC_SSCD, OID_QC_STATEMENTS, OID_QEVCP_W, OID_QNCP_W, OID_QNCP_W_GEN, OID_SEM_LEGAL, OID_SEM_NATURAL,
    OID_SERIAL_NUMBER, OID_TSP_POLICY, OID_UNKNOWN_EXT,
)
from .names import CA_ISSUERS_URL, OCSP_URL, dn, drop_attr, insert_after, name, replace_attr
from .pki import PKI, extension, gn_dns, gn_email
from .records import Output, ca_rec, defect
from .etsi import (
    ETSI_PROFILES, LP_SUBJECT, OID_L, PDS_EN, PSD2_NCA_ID, PSD2_NCA_NAME, PSD2_ROLES, add_qcs, etsi_baseline, etsi_cert,
    qc, qc_limit_value, qc_pds, qc_psd2, qc_semantics, qc_type, set_qcs, upd,
)

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
    ("qcp-n-qscd", "policy_constraints", ["CERT-327"], MAJOR,
     "policyConstraints requireExplicitPolicy 0, critical: a CA-only extension (EN 319 412-2 GEN-4.3.9-1)",
     upd(extra=[extension("2.5.29.36", seq(implicit_prim(0, integer(0)[2:])), critical=True)])),
    ("ncp-l", "inhibit_any_policy", ["CERT-327"], MAJOR,
     "inhibitAnyPolicy 0, critical: a CA-only extension (EN 319 412-2 GEN-4.3.12-1)",
     upd(extra=[extension("2.5.29.54", integer(0), critical=True)])),
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
