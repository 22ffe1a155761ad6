"""Trusted lists (TS 119 612): namespaces, URIs and the fixed values of the test lists."""

from __future__ import annotations

TSL_NS = "http://uri.etsi.org/02231/v2#"
TSLX_NS = "http://uri.etsi.org/02231/v2/additionaltypes#"
ECC_NS = "http://uri.etsi.org/TrstSvc/SvcInfoExt/eSigDir-1999-93-EC-TrustedList/#"
DSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
XADES_NS = "http://uri.etsi.org/01903/v1.3.2#"
TSL_TAG = "http://uri.etsi.org/19612/TSLTag"
TSL_TYPE = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/"
SCHEME_RULES = "http://uri.etsi.org/TrstSvc/TrustedList/schemerules/"
STATUS_DETN = "http://uri.etsi.org/TrstSvc/TrustedList/StatusDetn/"
SVC_STATUS = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/"
SVC_TYPE = "http://uri.etsi.org/TrstSvc/Svctype/"
SVC_INFO_EXT = "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/"
MIME_TSL = "application/vnd.etsi.tsl+xml"

TL_ISSUE_TIME = "2026-06-01T00:00:00Z"
TL_NEXT_UPDATE = "2026-12-01T00:00:00Z"
TL_OPERATOR = "TrustAudit Test Scheme Operator"
TL_LOCATION = "https://trustaudit.invalid/tl/tl-be.xml"
TL_TRADE_NAME = "VATBE-0000000097"
SERVICE_START = "2026-01-01T00:00:00Z"
ASI_PURPOSES = ("ForeSignatures", "ForeSeals", "ForWebSiteAuthentication")
ISSUING_NAME_RFC4514 = "CN=TrustAudit Test Issuing CA,O=TrustAudit Test,C=BE"
LOTL_OPERATOR = "TrustAudit Test LOTL Operator"
LOTL_LOCATION = "https://trustaudit.invalid/lotl/lotl.xml"
LOTL_INFO_URI = "https://trustaudit.invalid/lotl/info"
LOTL_OJ_URL = "https://eur-lex.europa.eu/eli/C/2026/0/oj"  # the "OJ publication" of anchors.pem (fictitious number)
LOTL_SEQUENCE = 10  # room below for pivot LOTLs
LOTL_PIVOT_URL = "https://trustaudit.invalid/lotl/eu-lotl-pivot-%d.xml"  # a pivot's URL names its sequence number

# The end tag of the root element: tl_document writes it, sign_list puts the signature before it.
TL_ROOT_END = "</tsl:TrustServiceStatusList>"
