#!/usr/bin/env python3
"""Put every pkilint/TrustAudit disagreement of a differential run into one category.

  scripts/categorise_differential.py --manifest DIR/manifest.tsv --pkilint-dir DIR/pk \
      --trustaudit DIR/trustaudit.jsonl [--out FILE] [--ignore REGEX]

Input is what scripts/differential-pkilint.sh --keep DIR leaves behind (the same arguments as
`differential_pkilint.py compare`, whose readers and verdict mapping are imported):
  pkilint     fail = any FATAL/ERROR, warning = any WARNING, pass otherwise
  TrustAudit  major -> fail, minor -> warning, observation / conforming -> pass
Codes matching --ignore (default `internal_domain_name$`) are left out, as in compare.

Method. A disagreement is explained finding by finding:
  - pkilint stricter: each pkilint finding at the severity that sets pkilint's verdict
    (FATAL/ERROR when pkilint fails, WARNING when it warns) must be explained;
  - TrustAudit stricter: each TrustAudit failure at the grade that sets TrustAudit's verdict
    (major when it fails, minor when it warns) must be explained.
Each finding gets the first explanation whose rule matches (RULES below, in order). A finding no
rule explains is UNEXPLAINED. The certificate then takes the category of highest priority among its
findings' explanations (CATEGORIES, in order; UNEXPLAINED first). This is the convention of
docs/DIFFERENTIAL.md run 2: a disagreement is counted under the first cause that would keep the
verdicts apart if the others were removed.

Most rules look at TrustAudit's evidence for the same requirement (PK_TO_TA maps a pkilint code to
the TrustAudit requirement ids that check the same thing): whether TrustAudit ran it, passed it,
found it not applicable because it post-dates the certificate, or reported it with a lower grade.
"""
import argparse
import collections
import datetime
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import differential_pkilint as dp  # noqa: E402  (read_pkilint, read_trustaudit, TA_CLASS, RANK)

# --------------------------------------------------------------------------------------------
# pkilint code -> TrustAudit requirement(s) that check the same thing

E2 = "etsi.en_319_412_2."
E3 = "etsi.en_319_412_3."
E4 = "etsi.en_319_412_4."
PK_TO_TA = {
    E2 + "nat-4.3.2-1.unknown_key_usage_setting": ["CERT-059"],
    E2 + "nat-4.3.2-1.mixed_key_usage_setting": ["CERT-059"],
    E2 + "nat-4.3.2-3.non_preferred_content_commitment_setting": ["CERT-060"],
    E2 + "key_usage_extension_absent": ["CERT-059"],
    E3 + "leg-4.2.1-2.organization_identifier_attribute_absent": ["CERT-080"],
    E3 + "leg-4.2.1-2.common_name_attribute_absent": ["CERT-080"],
    E3 + "leg-4.2.1-2.organization_name_attribute_absent": ["CERT-080"],
    E3 + "leg-4.2.1-2.country_name_attribute_absent": ["CERT-080"],
    E2 + "gen-4.2.3.1-2.common_name_attribute_absent": ["CERT-051"],
    E2 + "gen-4.2.3.1-2.organization_name_attribute_absent": ["CERT-051"],
    E2 + "gen-4.2.3.1-2.country_name_attribute_absent": ["CERT-051"],
    E2 + "authority_info_access_extension_absent": ["CERT-065"],
    E2 + "gen-4.4.1-3.ca_issuers_aia_access_method_absent": ["CERT-065"],
    E2 + "gen-4.4.1-8.ocsp_aia_access_method_absent": ["CERT-065"],
    E2 + "gen-4.3.11-2.crldp_extension_missing": ["CERT-064"],
    E2 + "gen-4.3.11-4.http_or_ldap_crldp_distribution_point_uri_missing": ["CERT-064"],
    E2 + "certificate_policies_extension_absent": ["CERT-061"],
    E2 + "gen-4.3.3-1.critical_certificate_policies_extension": ["CERT-173"],
    E2 + "gen-4.3.10-1.eku_extension_is_critical": ["CERT-063"],
    E2 + "policy_constraints_extension_present": ["CERT-062"],
    E2 + "policy_mappings_extension_present": ["CERT-062"],
    E2 + "name_constraints_extension_present": ["CERT-062"],
    E2 + "authority_key_identifier_extension_absent": ["CERT-009"],
    "pkix.authority_key_identifier_extension_absent": ["CERT-009"],
    "pkix.authority_key_identifier_keyid_missing": ["CERT-009", "CERT-212"],
    "pkix.rfc5280_certificate_policies_invalid_explicit_text_encoding": ["CERT-321"],
    "pkix.certificate_policies_usernotice_has_noticeref": ["CERT-321"],
    "pkix.invalid_uri_syntax": ["CERT-323"],
    "pkix.key_usage_extension_not_critical": ["CERT-324", "CERT-211"],
    "pkix.certificate_name_constraints_extension_not_critical": ["CERT-216"],
    "pkix.subject_email_address_not_in_san": ["CERT-322"],
    "pkix.prohibited_qualified_statement_present": ["CERT-131"],
    "pkix.basic_constraints_extension_not_critical": ["CERT-210"],
    "itu.invalid_asn1_syntax": ["CERT-000", "CERT-020"],
    "cabf.serverauth.certificate_validity_period_exceeds_398_days": ["CERT-103"],
}

# --------------------------------------------------------------------------------------------
# Type-model gap: pkilint 0.13.3 types every certificate as an EN 319 412 end entity
# (etsi.determine_certificate_type has no CA, TSU, TL-signer or OCSP-responder type). These codes
# come only from that typing. Each entry: the clause that shows the rule does not reach the type.
# A code counts as a type-model gap only if TrustAudit did not itself run the matching requirement
# (a TL signer or responder that claims to be a QC is checked as one, T9; then the rule applies).

CA_GAP = {
    E2 + "nat-4.3.2-1.unknown_key_usage_setting":
        "EN 319 412-2 NAT-4.3.2-1 Table 1 lists end-entity key usages; RFC 5280 4.2.1.3 requires keyCertSign (and cRLSign) in a CA certificate",
    E2 + "nat-4.3.2-1.mixed_key_usage_setting": "as above: Table 1 is an end-entity table",
    E3 + "leg-4.2.1-2.organization_identifier_attribute_absent":
        "EN 319 412-3 LEG-4.2.1-2 profiles the subject of a legal person's end-entity certificate; no EN 319 412 clause profiles a CA's own subject (adjudication Q12; TrustAudit's CERT-213 reports it as an observation)",
    E3 + "leg-4.2.1-2.common_name_attribute_absent": "as for organizationIdentifier (Q12)",
    E2 + "gen-4.2.3.1-2.common_name_attribute_absent":
        "EN 319 412-2 GEN-4.2.3.1 profiles the issuer field of end-entity certificates; the issuer of a CA certificate is its parent CA (or itself), profiled by no EN 319 412 clause",
    E2 + "gen-4.2.3.1-2.organization_name_attribute_absent": "as above (GEN-4.2.3.1 is end-entity)",
    E2 + "authority_info_access_extension_absent":
        "EN 319 412-2 GEN-4.4.1 is an end-entity rule; RFC 5280 4.2.2.1 makes AIA optional, and a root has no issuer to point to",
    E2 + "gen-4.4.1-3.ca_issuers_aia_access_method_absent": "as above (GEN-4.4.1 end-entity only)",
    E2 + "gen-4.4.1-8.ocsp_aia_access_method_absent": "as above (GEN-4.4.1 end-entity only)",
    E2 + "gen-4.3.11-2.crldp_extension_missing":
        "EN 319 412-2 GEN-4.3.11 is an end-entity rule; RFC 5280 4.2.1.13 makes CRLDP optional, and a root is not revoked by CRL",
    E2 + "gen-4.3.11-4.http_or_ldap_crldp_distribution_point_uri_missing": "as above (GEN-4.3.11 end-entity only)",
    E2 + "certificate_policies_extension_absent":
        "EN 319 412-2 GEN-4.3.3 is an end-entity rule; RFC 5280 4.2.1.4 makes certificatePolicies optional in CA certificates",
    E2 + "gen-4.3.3-1.critical_certificate_policies_extension": "as above (GEN-4.3.3 end-entity only); RFC 5280 4.2.1.4 allows either criticality",
    E2 + "policy_constraints_extension_present":
        "EN 319 412-2 4.3 keeps policyConstraints out of end-entity certificates; RFC 5280 4.2.1.11 defines it for CA certificates",
    E2 + "policy_mappings_extension_present":
        "EN 319 412-2 4.3 keeps policyMappings out of end-entity certificates; RFC 5280 4.2.1.5 defines it for CA certificates",
    E2 + "name_constraints_extension_present":
        "EN 319 412-2 4.3 keeps nameConstraints out of end-entity certificates; RFC 5280 4.2.1.10 defines it for CA certificates",
    E2 + "gen-4.3.10-1.eku_extension_is_critical":
        "EN 319 412-2 GEN-4.3.10-1 is an end-entity rule; RFC 5280 4.2.1.12 allows either criticality",
    E2 + "authority_key_identifier_extension_absent":
        "RFC 5280 4.2.1.1 exempts a self-signed CA certificate from AKI (TrustAudit's CERT-009 not applicable, self-issued)",
    "pkix.authority_key_identifier_extension_absent": "as above (RFC 5280 4.2.1.1, self-signed CA)",
    E4 + "web-4.1.3-4.common_name_unknown_source":
        "EN 319 412-4 WEB-4.1.3-4 / BR 7.1.2.7.10 profile TLS subscriber certificates; a TLS sub-CA is profiled by BR 7.1.2.10 (TrustAudit's CERT-215, G8)",
    E4 + "web-4.1.3-4.san_missing": "as above (subscriber rule; a CA carries no subscriber SAN)",
    "cabf.serverauth.subscriber.emailprotection_eku_present":
        "BR 7.1.2.7.10 is the subscriber EKU rule; the sub-CA EKU rule is BR 7.1.2.10.6 (G8)",
    "pkix.prohibited_qualified_statement_present":
        "RFC 3739 3.2.6.1 governs qualified certificates; a CA certificate is not one (TrustAudit's CERT-217 reports qcStatements in a CA)",
}
# self-signed-only codes in CA_GAP (checked against CERT-009 being not applicable as self-issued)
SELF_ISSUED_ONLY = {E2 + "authority_key_identifier_extension_absent", "pkix.authority_key_identifier_extension_absent"}

TSU_GAP = {
    E2 + "gen-4.3.10-1.eku_extension_is_critical":
        "EN 319 422 6.4 and RFC 3161 2.3 require the timeStamping EKU to be critical (pkilint's own pkix layer errors when it is not)",
}

TL_SIGNER = ("TS 119 612 5.7.1 is the whole profile of a TL signer that claims no QC (adjudication Q10); it does not import "
             "EN 319 412 (a signer with QcCompliance or an EN 319 411-2 policy is checked as a QC, T9, and then TrustAudit runs the rule)")
TL_GAP = {c: TL_SIGNER for c in [
    E2 + "nat-4.3.2-1.unknown_key_usage_setting", E2 + "nat-4.3.2-1.mixed_key_usage_setting",
    E3 + "leg-4.2.1-2.organization_identifier_attribute_absent", E3 + "leg-4.2.1-2.common_name_attribute_absent",
    E2 + "gen-4.2.3.1-2.common_name_attribute_absent", E2 + "gen-4.2.3.1-2.organization_name_attribute_absent",
    E2 + "authority_info_access_extension_absent", E2 + "gen-4.4.1-3.ca_issuers_aia_access_method_absent",
    E2 + "gen-4.3.11-2.crldp_extension_missing", E2 + "gen-4.3.11-4.http_or_ldap_crldp_distribution_point_uri_missing",
    E2 + "certificate_policies_extension_absent", E2 + "gen-4.3.10-1.eku_extension_is_critical",
    E2 + "gen-4.3.3-1.critical_certificate_policies_extension",
]}

OCSP_GAP = {
    E2 + "gen-4.3.11-2.crldp_extension_missing":
        "EN 319 412-2 GEN-4.3.11-1A exempts OCSP responder certificates from CRLDP (adjudication Q11); RFC 6960 4.2.2.2.1 leaves revocation of a responder to the CA",
    E2 + "gen-4.3.11-4.http_or_ldap_crldp_distribution_point_uri_missing": "as above (GEN-4.3.11-1A)",
    E2 + "authority_info_access_extension_absent": "EN 319 412-2 GEN-4.4.1-1 exempts OCSP responder certificates from AIA (Q11)",
    E2 + "gen-4.4.1-3.ca_issuers_aia_access_method_absent": "as above (GEN-4.4.1-1)",
    E2 + "gen-4.4.1-8.ocsp_aia_access_method_absent": "as above (GEN-4.4.1-1)",
    E3 + "leg-4.2.1-2.organization_identifier_attribute_absent":
        "no ETSI clause profiles an OCSP responder's subject; RFC 6960 4.2.2.2 asks only for id-kp-OCSPSigning (Q11, open point)",
    E3 + "leg-4.2.1-2.common_name_attribute_absent": "as above (Q11)",
    E2 + "nat-4.3.2-1.unknown_key_usage_setting": "Table 1 types are for signing end entities; RFC 6960 4.2.2.2 / RFC 5280 4.2.1.3 govern a responder (Q11)",
    E2 + "nat-4.3.2-1.mixed_key_usage_setting": "as above (Q11)",
    E2 + "certificate_policies_extension_absent": "EN 319 412-2 GEN-4.3.3 binds certificates issued under EN 319 411 policies; a responder certificate is the TSP's own (Q11)",
    E2 + "gen-4.3.10-1.eku_extension_is_critical":
        "GEN-4.3.10-1 is written for signing end entities; RFC 6960 4.2.2.2 requires id-kp-OCSPSigning and sets no criticality (Q11)",
}

# exempted for responders by EN 319 412-2 itself (GEN-4.3.11-1A, GEN-4.4.1-1), whatever policy they claim
RESPONDER_EXEMPT = {E2 + "gen-4.3.11-2.crldp_extension_missing", E2 + "gen-4.3.11-4.http_or_ldap_crldp_distribution_point_uri_missing",
                    E2 + "authority_info_access_extension_absent", E2 + "gen-4.4.1-3.ca_issuers_aia_access_method_absent",
                    E2 + "gen-4.4.1-8.ocsp_aia_access_method_absent"}

EE_UNCLAIMED = ("the certificate claims no EN 319 411 policy and no QcStatements (TrustAudit's CERT-300); EN 319 412-2/-3 "
                "(clause 1, Scope) profile certificates issued under those policies, so their rules have no basis here")
RFC5280_EE_GAP_PREFIXES = (E2, E3)

TYPE_GAP = {
    "en319412-ca": CA_GAP,
    "en319422-tsu": TSU_GAP,
    "ts119612-tl-signer": TL_GAP,
    "rfc6960-ocsp-responder": OCSP_GAP,
}

# pkilint-only rules whose source requirement came into force after some certificates were issued
DATED_PK_RULES = {
    "cabf.serverauth.certificate_validity_period_exceeds_398_days":
        (datetime.date(2020, 9, 1), "BR 6.3.2 398-day limit (ballot SC31), in force 2020-09-01; 39 months (1,185 days) before"),
    "cabf.serverauth.subscriber.non_critical_basic_constraints_extension":
        (datetime.date(2023, 9, 15), "BR 2.0.0 7.1.2.7.8 subscriber basicConstraints profile, in force 2023-09-15; RFC 5280 4.2.1.9 allows either criticality in end-entity certificates"),
}

LEGAL_PERSON_PROFILES = {"en319412-qcp-l", "en319412-qcp-l-qscd", "en319412-ncp-l"}
RFC6818 = datetime.date(2013, 1, 1)
EN319412 = datetime.date(2016, 2, 1)
EN319411_1_ARC = "0.4.0.2042.1."  # TS 102 042 before 2016-02, EN 319 411-1 since  # EN 319 412-2/-3 V2.1.1 / V1.1.1 published
SHA1_CUTOFF = datetime.date(2012, 8, 1)
SHA1_OIDS = {"1.2.840.113549.1.1.5", "1.2.840.10040.4.3", "1.2.840.10045.4.1", "1.3.14.3.2.29"}  # TS 119 312 V2.1.1 Annex D, as CERT-050 applies it

# --------------------------------------------------------------------------------------------
# Categories, in priority order (the first one any finding of a certificate falls into names it)

CATEGORIES = [
    ("UNEXPLAINED", "no rule below explains at least one finding; listed with both tools' findings for a human"),
    ("TrustAudit wrong: TSU issuer name (EN 319 422 6.1 -> EN 319 412-2 GEN-4.2.3.1-2)",
     "a TSU certificate issued from 2016-02-01 whose issuer lacks C, O or CN; EN 319 422 6.1 imports GEN-4.2.3.1-2 and TrustAudit has no automated rule (CERT-051 manual; T1 remainder)"),
    ("open: responder / TL signer claiming an EN 319 411-1 policy, not checked as claimed",
     "an OCSP responder or TL signer issued from 2016-02-01 names an EN 319 411-1 policy (0.4.0.2042.1.x) and pkilint's EN 319 412 error is one TrustAudit would check under the claimed NCP profile; TrustAudit's T9 claim detection covers only QcCompliance and EN 319 411-2 policies"),
    ("AKI in a self-signed end entity (adjudication 6): reported, as an observation",
     "pkilint wants an AKI in a self-issued certificate TrustAudit did not type as a CA; TrustAudit's CERT-009 reports it as an observation (RFC 5280 4.2.1.1 exempts only a CA's self-signed certificate; the identifier would point at the certificate itself)"),
    ("SHA-1 after the TS 119 312 cut-off (adjudication 7): a should, minor",
     "TrustAudit's CERT-050 minor for a SHA-1 signature issued after 2012-08-01 (EN 319 412-2 GEN-4.2.2-1 'should'), where pkilint gives only a NOTICE"),
    ("same defect, TrustAudit grades it lower (documented reading)",
     "TrustAudit fails the matching requirement with a lower grade by a documented reading: CERT-323 minor for a CPS pointer (RFC 5280 4.2.1.4 'in the form of a URI', no MUST), CERT-216 minor for a TLS sub-CA issued while BR 7.1.5 tolerated non-critical nameConstraints"),
    ("requirement date (adjudication 8)",
     "TrustAudit runs the matching requirement and finds it not applicable because it post-dates the certificate, or the pkilint-only rule came into force after notBefore"),
    ("superseded text: RFC 5280 explicitText encoding (adjudication 9)",
     "pkilint rejects VisibleString/BMPString explicitText, which RFC 6818 3 (2013-01) allows; TrustAudit's CERT-321 judges by issuance date (pass after 2013, observation before)"),
    ("type-model gap (adjudication 10)",
     "pkilint applies an EN 319 412 end-entity rule to a CA / TSU / TL signer / OCSP responder / unclaimed end entity, the code is listed for that profile with the clause that disapplies it, and TrustAudit did not run the rule"),
    ("pkilint tool limitation (adjudication 11)",
     "pkilint stops on a two-arc OID (X.660 allows two arcs)"),
    ("missing rule in pkilint (adjudication 12)",
     "TrustAudit is stricter with a rule pkilint does not have: CERT-060 on a legal person's seal/signature certificate (EN 319 412-3 LEG-4.3.1-3), CERT-052 on an RSA exponent below 65537 (TS 119 312 6.2.2.1)"),
    ("TS 119 612 rule pkilint cannot see (TL-066 etc.)",
     "TrustAudit's TL-0xx rules (TS 119 612 5.7.1) on a TL signer; pkilint has no TL-signer type"),
]
CAT_INDEX = {name: i for i, (name, _) in enumerate(CATEGORIES)}


def CAT(prefix):
    """the category whose name starts with prefix"""
    return next(name for name, _ in CATEGORIES if name.startswith(prefix))
UNEXPLAINED = CATEGORIES[0][0]  # noqa


def parse_time(s):
    """'150511125632Z' (UTCTime) or '20500101000000Z' (GeneralizedTime) -> date"""
    s = s.strip()
    if len(s) == 13:
        yy = int(s[:2])
        return datetime.date(2000 + yy if yy < 50 else 1900 + yy, int(s[2:4]), int(s[4:6]))
    if len(s) == 15:
        return datetime.date(int(s[:4]), int(s[4:6]), int(s[6:8]))
    return None


def not_before(rec):
    for c in rec.get("checks", []):
        if c["requirement"] == "CERT-006" and c.get("observed"):
            m = re.search(r"notBefore (\d{12}Z|\d{14}Z)", c["observed"])
            if m:
                return parse_time(m.group(1))
    return None


def read_policies(src):
    """policy OIDs of the certificate file (first certificate of a PEM/DER file); [] if unreadable"""
    m = re.fullmatch(r"(.*)#(\d+)", src)
    path, block = (m.group(1), int(m.group(2))) if m else (src, 1)
    try:
        from cryptography import x509
        data = open(path, "rb").read()
        cert = x509.load_pem_x509_certificates(data)[block - 1] if b"-----BEGIN" in data else x509.load_der_x509_certificate(data)
        ext = cert.extensions.get_extension_for_class(x509.CertificatePolicies)
        return [p.policy_identifier.dotted_string for p in ext.value]
    except Exception:  # no file, no extension, or a certificate cryptography refuses
        return []


class Cert:
    def __init__(self, rec):
        self.rec = rec
        self.profile = rec.get("profile") or "-"
        self.by_req = collections.defaultdict(list)
        for c in rec.get("checks", []):
            self.by_req[c["requirement"]].append(c)
        self.nb = not_before(rec)
        self.policies = read_policies(rec.get("source") or "")

    def checks(self, ids):
        return [c for i in ids for c in self.by_req.get(i, [])]

    def ran(self, ids):
        """TrustAudit evaluated the requirement (pass or fail), not 'absent' nor 'not applicable'"""
        return any(c["outcome"] in ("pass", "fail") for c in self.checks(ids))

    def post_dates(self, ids):
        return [c for c in self.checks(ids)
                if c["outcome"] == "notApplicable" and "post-dates" in (c.get("message") or "")]

    def self_issued(self):
        """CERT-009 says the certificate is self-issued: not applicable, or an observation for a
        self-issued end entity without AKI"""
        return any((c["outcome"] == "notApplicable" and "self-issued" in (c.get("message") or ""))
                   or (c["outcome"] == "fail" and c.get("grade") == "observation" and "self-issued" in (c.get("observed") or ""))
                   for c in self.by_req.get("CERT-009", []))

    def failed(self, req):
        return [c for c in self.by_req.get(req, []) if c["outcome"] == "fail"]


# --------------------------------------------------------------------------------------------
# Rules for pkilint findings: each returns (category, one-line reason) or None


def r_tsu_issuer(cert, sev, code, msg):
    if cert.profile == "en319422-tsu" and code.startswith(E2 + "gen-4.2.3.1-2.") and cert.nb and cert.nb >= datetime.date(2016, 2, 1):
        return (CAT("TrustAudit wrong: TSU issuer"), f"{code} on a TSU issued {cert.nb}: EN 319 422 6.1 imports GEN-4.2.3.1-2; no automated TrustAudit rule")


def r_aki_self_signed(cert, sev, code, msg):
    if code in (E2 + "authority_key_identifier_extension_absent", "pkix.authority_key_identifier_extension_absent",
                "pkix.authority_key_identifier_keyid_missing") and cert.profile != "en319412-ca" and cert.self_issued():
        return (CAT("AKI in a self-signed"), f"{code}: self-issued {cert.profile}, CERT-009 observation or not applicable")


def r_lower_grade(cert, sev, code, msg):
    if code == "pkix.invalid_uri_syntax":
        fails = [c for c in cert.failed("CERT-323") if c["grade"] in ("minor", "observation")]
        if fails and "cPSuri" in msg_path(msg) and all("CPS pointer" in (c.get("message") or "") for c in fails):
            return (CAT("same defect"), "CPS pointer URI: TrustAudit CERT-323 minor")
    if code == "pkix.certificate_name_constraints_extension_not_critical":
        fails = [c for c in cert.failed("CERT-216") if c["grade"] in ("minor", "observation")]
        if fails and "BR 2.0" in (fails[0].get("message") or ""):
            return (CAT("same defect"), "nameConstraints not critical in a TLS sub-CA before BR 2.0: TrustAudit CERT-216 minor")


def r_date_ta(cert, sev, code, msg):
    ids = PK_TO_TA.get(code, [])
    pd = cert.post_dates(ids)
    if pd and not cert.ran(ids):
        return (CAT("requirement date"), f"{code}: TrustAudit {pd[0]['requirement']} post-dates the certificate")


def r_superseded(cert, sev, code, msg):
    if code == "pkix.rfc5280_certificate_policies_invalid_explicit_text_encoding" \
            and re.search(r"visibleString|bmpString", msg_text(msg)) \
            and not any(c["grade"] == "major" and c["outcome"] == "fail" for c in cert.by_req.get("CERT-321", [])):
        when = "after" if cert.nb and cert.nb >= RFC6818 else "before"
        return (CAT("superseded text"), f"explicitText {msg_text(msg).split(': ')[-1]}, issued {when} RFC 6818")


def r_type_gap(cert, sev, code, msg):
    ids = PK_TO_TA.get(code, [])
    if cert.ran(ids) or cert.post_dates(ids):
        return None
    if cert.profile in ("rfc6960-ocsp-responder", "ts119612-tl-signer") and code.startswith((E2, E3)) \
            and not (cert.profile == "rfc6960-ocsp-responder" and code in RESPONDER_EXEMPT) \
            and cert.nb and cert.nb >= EN319412 and any(p.startswith(EN319411_1_ARC) for p in cert.policies):
        return (CAT("open: responder / TL signer"), f"{code} on {cert.profile} with policy "
                + ", ".join(p for p in cert.policies if p.startswith(EN319411_1_ARC)))
    table = TYPE_GAP.get(cert.profile, {})
    if code in table:
        if code in SELF_ISSUED_ONLY and cert.profile == "en319412-ca" and not cert.self_issued():
            return None
        return (CAT("type-model gap"), f"{code} on {cert.profile}: {table[code]}")
    if cert.profile == "rfc5280-end-entity" and code.startswith(RFC5280_EE_GAP_PREFIXES) and claims_nothing(cert):
        return (CAT("type-model gap"), f"{code} on rfc5280-end-entity: {EE_UNCLAIMED}")


def claims_nothing(cert):
    """CERT-300 is TrustAudit's 'which profile does the certificate claim' rule; in rfc5280-end-entity it
    fails as an observation when the certificate claims no EN 319 411 policy and no QcStatements."""
    return any(c["grade"] == "observation" and "claims no ETSI or CA/B Forum profile" in (c.get("message") or "")
               for c in cert.failed("CERT-300"))


def claims_superseded_policy(cert):
    """CERT-300 names a pre-2016 ETSI policy (TS 101 456 / TS 102 042) whose profile TrustAudit does not check."""
    return any("superseded by EN 319 411" in (c.get("message") or "") for c in cert.failed("CERT-300"))


def r_date_pk(cert, sev, code, msg):
    if cert.profile == "rfc5280-end-entity" and code.startswith(RFC5280_EE_GAP_PREFIXES) and claims_superseded_policy(cert) \
            and cert.nb and cert.nb < EN319412:
        return (CAT("requirement date"), f"{code}: the certificate claims a TS 101 456 / TS 102 042 policy and was issued {cert.nb}, "
                                  "before EN 319 412-2/-3 (2016-02) existed")
    if code in DATED_PK_RULES and cert.nb:
        since, why = DATED_PK_RULES[code]
        if cert.nb < since:
            return (CAT("requirement date"), f"{code}: {why}; certificate issued {cert.nb}")


def r_tool(cert, sev, code, msg):
    if code == "itu.invalid_asn1_syntax" and "minimum of 3 arcs" in msg_text(msg):
        return (CAT("pkilint tool limitation"), "pkilint rejects a two-arc OID")


PK_RULES = [r_tsu_issuer, r_aki_self_signed, r_lower_grade, r_date_ta, r_superseded, r_type_gap, r_date_pk, r_tool]


def msg_text(msg):
    return msg[1] if isinstance(msg, tuple) else (msg or "")


def msg_path(msg):
    return msg[0] if isinstance(msg, tuple) else ""


# --------------------------------------------------------------------------------------------
# Rules for TrustAudit failures (TrustAudit stricter)


def t_sha1(cert, chk, pk_codes):
    if chk["requirement"] == "CERT-050" and (chk.get("observed") or "").split(" ")[0] in SHA1_OIDS \
            and cert.nb and cert.nb >= SHA1_CUTOFF and not any("signature_algorithm" in c and s in ("ERROR", "FATAL", "WARNING") for s, c in pk_codes):
        return (CAT("SHA-1 after"), f"CERT-050 SHA-1, issued {cert.nb}")


def t_missing_pk(cert, chk, pk_codes):
    req = chk["requirement"]
    if req == "CERT-060" and cert.profile in LEGAL_PERSON_PROFILES \
            and not any("content_commitment" in c or "unknown_key_usage" in c for s, c in pk_codes):
        return (CAT("missing rule in pkilint"), "CERT-060 on a legal person's certificate (EN 319 412-3 LEG-4.3.1-3); pkilint's legal-person key-usage validator has no content-commitment check")
    if req == "CERT-052" and re.search(r"e=(\d+)", chk.get("observed") or "") \
            and int(re.search(r"e=(\d+)", chk["observed"]).group(1)) < 65537:
        return (CAT("missing rule in pkilint"), f"CERT-052 RSA exponent {chk['observed']}; pkilint has no exponent check")


def t_tl(cert, chk, pk_codes):
    if chk["requirement"].startswith("TL-") and cert.profile == "ts119612-tl-signer":
        return (CAT("TS 119 612 rule"), f"{chk['requirement']} ({chk.get('message') or ''})"[:160])


TA_RULES = [t_sha1, t_missing_pk, t_tl]

# --------------------------------------------------------------------------------------------


def pk_findings_with_paths(pk_dir, idx):
    """(severity, code) -> [(node_path, message)] straight from pkilint's JSON"""
    import json
    out = collections.defaultdict(list)
    try:
        doc = json.load(open(os.path.join(pk_dir, f"{idx}.json"), encoding="utf-8", errors="replace"))
    except (OSError, ValueError):
        return out
    for res in doc.get("results", []):
        for fd in res.get("finding_descriptions", []):
            out[(fd.get("severity"), fd.get("code"))].append((res.get("node_path") or "", fd.get("message") or ""))
    return out


def categorise(row, pk_dir):
    pk, rec = row["pk"], row["rec"]
    cert = Cert(rec)
    pk_cls, ta_cls = row["pk_cls"], row["ta_cls"]
    paths = pk_findings_with_paths(pk_dir, row["idx"])
    pk_codes = [(s, c) for s, c, _ in pk["findings"] if c not in pk["ignored"]]
    explained = []  # (finding text, category, reason)
    if dp.RANK[pk_cls] > dp.RANK[ta_cls]:
        sevs = {"FATAL", "ERROR"} if pk_cls == "fail" else {"WARNING"}
        seen = set()
        for s, c, m in pk["findings"]:
            if s not in sevs or c in pk["ignored"] or (s, c) in seen:
                continue
            seen.add((s, c))
            for path, msg in (paths.get((s, c)) or [("", m)]):
                got = None
                for rule in PK_RULES:
                    got = rule(cert, s, c, (path, msg))
                    if got:
                        break
                explained.append((f"{s} {c}" + (f" ({msg[:80]})" if msg else ""), *(got or (UNEXPLAINED, ""))))
    else:
        grades = {"major"} if ta_cls == "fail" else {"minor"}
        for chk in rec.get("checks", []):
            if chk.get("outcome") != "fail" or chk.get("grade") not in grades:
                continue
            got = None
            for rule in TA_RULES:
                got = rule(cert, chk, pk_codes)
                if got:
                    break
            explained.append((f"{chk['grade']} {chk['requirement']} [{chk.get('observed')}]", *(got or (UNEXPLAINED, ""))))
    if not explained:
        explained.append(("(nothing at the deciding severity)", UNEXPLAINED, ""))
    cat = min((e[1] for e in explained), key=lambda n: CAT_INDEX[n])
    return cat, explained, cert


def load(args):
    rows = []
    ta = dp.read_trustaudit(args.trustaudit)
    with open(args.manifest, encoding="utf-8") as fh:
        manifest = [l.rstrip("\n").split("\t") for l in fh if l.strip()]
    for idx, path, block, rc in manifest:
        pk = dp.read_pkilint(args.pkilint_dir, idx, int(rc), args.ignore)
        rec = ta.get((path, int(block)))
        if rec is None or pk["verdict"] == "error":
            rows.append({"idx": idx, "path": path, "pk": pk, "rec": rec, "state": "n/a"})
            continue
        ta_cls = dp.TA_CLASS.get(rec.get("verdict"), "error")
        rows.append({"idx": idx, "path": path, "block": int(block), "pk": pk, "rec": rec,
                     "pk_cls": pk["verdict"], "ta_cls": ta_cls,
                     "state": "agree" if pk["verdict"] == ta_cls else "disagree"})
    return rows


def stem(path):
    return os.path.basename(path).rsplit(".", 1)[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--manifest", required=True)
    ap.add_argument("--pkilint-dir", required=True)
    ap.add_argument("--trustaudit", required=True)
    ap.add_argument("--out")
    ap.add_argument("--title", default="pkilint vs TrustAudit — disagreements by category")
    ap.add_argument("--ignore", action="append", default=None, metavar="REGEX",
                    help="pkilint codes left out of pkilint's verdict (default: internal_domain_name$; --ignore '' for none)")
    ap.add_argument("--explain", action="store_true", help="list every disagreement with its per-finding reasons")
    args = ap.parse_args()
    if args.ignore is None:
        args.ignore = ["internal_domain_name$"]
    args.ignore = [rx for rx in args.ignore if rx]

    rows = load(args)
    dis = [r for r in rows if r["state"] == "disagree"]
    by_cat = collections.defaultdict(list)
    for r in dis:
        r["cat"], r["explained"], r["cert"] = categorise(r, args.pkilint_dir)
        by_cat[r["cat"]].append(r)

    out = [f"# {args.title}", ""]
    n_agree = sum(1 for r in rows if r["state"] == "agree")
    n_na = sum(1 for r in rows if r["state"] == "n/a")
    out.append(f"- inputs: `{args.manifest}`, `{args.pkilint_dir}`, `{args.trustaudit}`; ignored pkilint codes: "
               + (", ".join(f"`{x}`" for x in args.ignore) or "none"))
    out.append(f"- **{len(rows)} certificates: {n_agree} agree, {len(dis)} disagree**" + (f", {n_na} not comparable" if n_na else ""))
    dirs = collections.Counter(
        ("pkilint stricter" if dp.RANK[r["pk_cls"]] > dp.RANK[r["ta_cls"]] else "TrustAudit stricter") + f" ({r['pk_cls']} vs {r['ta_cls']})"
        for r in dis)
    out.append("- " + "; ".join(f"{k}: {v}" for k, v in sorted(dirs.items())))
    out.append("- method: every finding at the severity that decides the stricter tool's verdict is explained by the first "
               "matching rule; the certificate takes the highest-priority category among its findings (table order)")
    out.append("")
    out.append("| # | category | rule (one sentence) | count | examples |")
    out.append("|---:|---|---|---:|---|")
    for i, (name, rule) in enumerate(CATEGORIES):
        rs = by_cat.get(name, [])
        ex = ", ".join(f"`{stem(r['path'])}`" for r in rs[:3])
        out.append(f"| {i} | {name} | {rule} | {len(rs)} | {ex} |")
    out.append(f"| | **total** | | {len(dis)} | |")

    # per-category profile split
    out.append("")
    out.append("## Profiles per category")
    out.append("")
    for name, _ in CATEGORIES:
        rs = by_cat.get(name, [])
        if rs:
            c = collections.Counter(r["cert"].profile for r in rs)
            out.append(f"- {name}: " + ", ".join(f"{p} {n}" for p, n in c.most_common()))

    # UNEXPLAINED rows, and rows of the categories that point at a TrustAudit change, in full
    full = [name for name, _ in CATEGORIES if name == UNEXPLAINED or name.startswith(("TrustAudit wrong", "open: responder"))]
    for name in full:
        _list_rows(out, name, by_cat.get(name, []))

    if args.explain:
        out.append("")
        out.append("## Every disagreement")
        for r in sorted(dis, key=lambda r: (CAT_INDEX[r["cat"]], stem(r["path"]))):
            out.append(f"- `{stem(r['path'])}` {r['cert'].profile} {r['cert'].nb} → **{r['cat']}**")
            for text, cat, why in r["explained"]:
                out.append(f"  - {text} → {cat}: {why}")

    text = "\n".join(out) + "\n"
    if args.out:
        with open(args.out, "w", encoding="utf-8") as fh:
            fh.write(text)
    sys.stdout.write(text)


def _list_rows(out, name, rows):
    out.append("")
    out.append(f"## {name} ({len(rows)})")
    for r in rows:
        pk, rec = r["pk"], r["rec"]
        out.append("")
        out.append(f"### {stem(r['path'])} — {r['cert'].profile}, notBefore {r['cert'].nb}, pkilint {pk['type']}: "
                   f"{r['pk_cls']} vs TrustAudit {rec.get('verdict')}")
        out.append("- pkilint: " + "; ".join(f"{s} {c}" for s, c, _ in pk["findings"]
                                             if s in ("FATAL", "ERROR", "WARNING") and c not in pk["ignored"]) or "-")
        fails = [f"{c['grade']} {c['requirement']}" for c in rec.get("checks", []) if c.get("outcome") == "fail"]
        out.append("- TrustAudit failed: " + (", ".join(fails) or "none"))
        for text, cat, why in r["explained"]:
            if cat == name:
                out.append(f"  - {'unexplained' if name == UNEXPLAINED else 'deciding'}: {text}" + (f" — {why}" if why else ""))


if __name__ == "__main__":
    main()
