"""trusted-lists/tl-signed*.xml: the signed BE list with its signature, signer and document
variants, and tl_rec, the expected record of a trusted-list vector.
"""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from .der import boolean, seq
from .oids import KU_KEY_ENCIPHERMENT, OID_BC, OID_QCP_N_QSCD
from .names import OTHER_ROOT_NAME
from .keys import key_id
from .pki import PKI, ext_ku, extension
from .records import Output, defect, find_once, rec
from .tl_constants import (
    DSIG_NS, SCHEME_RULES, SERVICE_START, STATUS_DETN, SVC_INFO_EXT, SVC_STATUS, SVC_TYPE, TL_LOCATION, TL_NEXT_UPDATE,
    TL_OPERATOR, TL_TRADE_NAME, TSL_NS, TSL_TAG, TSL_TYPE,
)
from .tl_signers import lotl_signer_cert, tl_signer_cert, tl_signer_extensions, tl_signer_name
from .xml_tl import (
    E, T, XML_DECL, Edit, b64, digital_identity, history_instance, issuing_ca_service, qualifications, tl_body,
    tl_extension, tl_service,
)
from .xmldsig import ALG_C14N, ALG_ENVELOPED, TL_SIGNED_PROFILE, TL_SIGNING_TIME, SignedTL, signed_tl


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
