"""Trusted-list text: a tiny element writer (E, T, names, ...) whose output is already in
canonical form, the unsigned list bodies (tl_body, lotl_body) and Edit, the unique-anchor editor
of a list text.
"""

from __future__ import annotations

import base64

from .keys import key_id
from .pki import PKI
from .records import find_once
from .tl_constants import (
    ASI_PURPOSES, ECC_NS, ISSUING_NAME_RFC4514, LOTL_INFO_URI, LOTL_LOCATION, LOTL_OJ_URL, LOTL_OPERATOR, LOTL_SEQUENCE,
    MIME_TSL, SCHEME_RULES, SERVICE_START, STATUS_DETN, SVC_INFO_EXT, SVC_STATUS, SVC_TYPE, TL_ISSUE_TIME, TL_LOCATION,
    TL_NEXT_UPDATE, TL_OPERATOR, TL_ROOT_END, TL_TRADE_NAME, TSLX_NS, TSL_NS, TSL_TAG, TSL_TYPE, XADES_NS,
)
from .tl_signers import lotl_signer_cert, tl_signer_cert


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


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")
