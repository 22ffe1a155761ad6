"""Signed trusted lists (XMLDSig enveloped signature, XAdES SignedProperties).

No C14N library: every digested part is WRITTEN in its canonical form already (attributes in
canonical order, no self-closing tags, no comments, nothing that needs escaping, every namespace
other than tsl declared on the element that first uses it), so the canonical bytes are literal
slices of the text:
  - root reference (URI "" or "#<root Id>", enveloped + C14N): the root element text with the
    ds:Signature element cut out (the whitespace around it stays);
  - SignedProperties (exclusive C14N): its text with xmlns:xades added to the apex and xmlns:ds to
    every ds: element in it (CertDigest's DigestMethod/DigestValue, IssuerSerial's children: exclusive
    C14N renders a prefix where it is visibly used and no output ancestor declares it);
  - SignedInfo: its text with xmlns:ds added (exclusive), or xmlns:ds and xmlns:tsl (inclusive
    C14N 1.0 renders every namespace in scope at the apex, sorted by prefix).
"""

from __future__ import annotations

import hashlib

from .der import explicit, integer, seq
from .keys import sign
from .pki import PKI
from .tl_constants import DSIG_NS, TL_ISSUE_TIME, TL_NEXT_UPDATE, TL_ROOT_END, TSL_NS, XADES_NS
from .xml_tl import XML_DECL, b64, tl_body

ALG_ENVELOPED = DSIG_NS + "enveloped-signature"
ALG_EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
ALG_C14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
ALG_DIGEST_SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
ALG_RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
TYPE_SIGNED_PROPERTIES = "http://uri.etsi.org/01903#SignedProperties"
TL_SIGNING_TIME = "2026-06-01T00:00:00Z"
TL_SIGNED_PROFILE = "ts119612-signed"
DS_IN_SIGNED_PROPERTIES = ("DigestMethod", "DigestValue", "X509IssuerName", "X509SerialNumber")


def ds_reference(uri: str, transforms, digest: bytes, ref_type: str | None = None) -> str:
    attrs = (' Type="%s"' % ref_type if ref_type else "") + ' URI="%s"' % uri  # sorted: Type < URI
    tr = "".join('<ds:Transform Algorithm="%s"></ds:Transform>' % a for a in transforms)
    return ('<ds:Reference%s><ds:Transforms>%s</ds:Transforms><ds:DigestMethod Algorithm="%s"></ds:DigestMethod>'
            '<ds:DigestValue>%s</ds:DigestValue></ds:Reference>' % (attrs, tr, ALG_DIGEST_SHA256, b64(digest)))


def signing_certificate_property(version: str, digested: bytes, named: bytes) -> str:
    """XAdES SigningCertificate (version 'v1': CertDigest + IssuerSerial with X509IssuerName/X509SerialNumber)
    or SigningCertificateV2 ('v2': CertDigest + IssuerSerialV2, the base64 DER IssuerSerial { GeneralNames
    { [4] issuer Name }, serial }). CertDigest is SHA-256 of `digested`; the issuer and serial are `named`'s."""
    from cryptography import x509

    parsed = x509.load_der_x509_certificate(named)
    digest = ('<xades:CertDigest><ds:DigestMethod Algorithm="%s"></ds:DigestMethod><ds:DigestValue>%s'
              '</ds:DigestValue></xades:CertDigest>' % (ALG_DIGEST_SHA256, b64(hashlib.sha256(digested).digest())))
    if version == "v2":
        issuer_serial = seq(seq(explicit(4, parsed.issuer.public_bytes())), integer(parsed.serial_number))
        return ('<xades:SigningCertificateV2><xades:Cert>%s<xades:IssuerSerialV2>%s</xades:IssuerSerialV2></xades:Cert>'
                '</xades:SigningCertificateV2>' % (digest, b64(issuer_serial)))
    assert version == "v1"
    return ('<xades:SigningCertificate><xades:Cert>%s<xades:IssuerSerial><ds:X509IssuerName>%s</ds:X509IssuerName>'
            '<ds:X509SerialNumber>%d</ds:X509SerialNumber></xades:IssuerSerial></xades:Cert></xades:SigningCertificate>'
            % (digest, parsed.issuer.rfc4514_string(), parsed.serial_number))


class SignedTL:
    """A signed list and the pieces the variants and sanity checks need."""

    def __init__(self, doc: bytes, signature: str, signed_info_c14n: bytes, signature_value: bytes, key):
        self.doc = doc
        self.signature = signature
        self.signed_info_c14n = signed_info_c14n
        self.signature_value = signature_value
        self.key = key  # the private key that made signature_value


def canonical_text(text: str, what: str):
    for bad in ("<!--", "/>", "&", "\r", "\t"):
        assert bad not in text, "%s is not in canonical form (%r)" % (what, bad)


def sign_list(body: str, key, key_info, *, root_uri: str = "",
              root_transforms=(ALG_ENVELOPED, ALG_EXC_C14N), c14n: str = ALG_EXC_C14N,
              signed_properties: bool = True, flip_last_octet: bool = False, signatures: int = 1, ns: str = TSL_NS,
              signing_time: str = TL_SIGNING_TIME, signing_certificate: str | None = None,
              certificate_digested: bytes | None = None, target: str = "#sig") -> SignedTL:
    """Signs the list text `body` (tl_body / lotl_body, possibly edited) with `key`; key_info is the list of
    certificates in ds:KeyInfo (the signer first). signing_certificate 'v1'/'v2' adds that XAdES property
    for key_info[0] (CertDigest over certificate_digested instead, if given); target is
    QualifyingProperties/@Target."""
    assert body.endswith(TL_ROOT_END + "\n")
    # Root text = pre + <ds:Signature>…</ds:Signature> + post; its canonical form is pre + post.
    pre = body[: -len(TL_ROOT_END) - 1] + "  "
    post = "\n" + TL_ROOT_END
    canonical_text(pre + post, "root text")
    refs = [ds_reference(root_uri, root_transforms, hashlib.sha256((pre + post).encode("utf-8")).digest())]
    obj = ""
    if signed_properties:
        ssp = "<xades:SigningTime>%s</xades:SigningTime>" % signing_time
        if signing_certificate:
            ssp += signing_certificate_property(signing_certificate, certificate_digested or key_info[0], key_info[0])
        sp = ('<xades:SignedProperties Id="sp"><xades:SignedSignatureProperties>%s</xades:SignedSignatureProperties>'
              '</xades:SignedProperties>' % ssp)
        sp_c14n = sp.replace("<xades:SignedProperties ", '<xades:SignedProperties xmlns:xades="%s" ' % XADES_NS, 1)
        for tag in DS_IN_SIGNED_PROPERTIES:
            sp_c14n = sp_c14n.replace("<ds:%s" % tag, '<ds:%s xmlns:ds="%s"' % (tag, DSIG_NS))
        assert sp_c14n.count("<ds:") == sp_c14n.count('xmlns:ds="')
        canonical_text(sp_c14n, "SignedProperties")
        refs.append(ds_reference("#sp", (ALG_EXC_C14N,), hashlib.sha256(sp_c14n.encode("utf-8")).digest(),
                                 TYPE_SIGNED_PROPERTIES))
        obj = ('\n    <ds:Object><xades:QualifyingProperties xmlns:xades="%s" Target="%s">%s'
               '</xades:QualifyingProperties></ds:Object>' % (XADES_NS, target, sp))
    signed_info = ('<ds:SignedInfo>\n      <ds:CanonicalizationMethod Algorithm="%s"></ds:CanonicalizationMethod>\n'
                   '      <ds:SignatureMethod Algorithm="%s"></ds:SignatureMethod>\n      %s\n    </ds:SignedInfo>'
                   % (c14n, ALG_RSA_SHA256, "\n      ".join(refs)))
    if c14n == ALG_EXC_C14N:
        in_scope = ' xmlns:ds="%s"' % DSIG_NS  # only the visibly utilised ds prefix
    else:
        assert c14n == ALG_C14N
        in_scope = ' xmlns:ds="%s" xmlns:tsl="%s"' % (DSIG_NS, ns)  # every namespace in scope, by prefix
    si_c14n = signed_info.replace("<ds:SignedInfo>", "<ds:SignedInfo%s>" % in_scope, 1).encode("utf-8")
    value = sign(key, si_c14n)
    shown = value[:-1] + bytes([value[-1] ^ 0x01]) if flip_last_octet else value
    key_info_xml = "".join("<ds:X509Certificate>%s</ds:X509Certificate>" % b64(c) for c in key_info)
    signature = ('<ds:Signature xmlns:ds="%s" Id="sig">\n    %s\n    <ds:SignatureValue>%s</ds:SignatureValue>\n'
                 '    <ds:KeyInfo><ds:X509Data>%s</ds:X509Data></ds:KeyInfo>'
                 '%s\n  </ds:Signature>' % (DSIG_NS, signed_info, b64(shown), key_info_xml, obj))
    sigs = "\n  ".join([signature] * signatures)
    doc = (XML_DECL + pre + sigs + post + "\n").encode("utf-8")
    return SignedTL(doc, signature, si_c14n, shown, key)


def signed_tl(pki: PKI, signer_cert: bytes, *, root_id: str = "tsl", ns: str = TSL_NS, issue_time: str = TL_ISSUE_TIME,
              next_update: str = TL_NEXT_UPDATE, version: int = 5, body: str | None = None, key: str = "tl-signer",
              key_info=None, **signing) -> SignedTL:
    """The BE list (tl_body, or the given edited `body`) signed with the tl-signer key (or `key`) and
    signer_cert in KeyInfo (or the certificates key_info); `signing` goes to sign_list."""
    if body is None:
        body = tl_body(pki, root_id=root_id, ns=ns, issue_time=issue_time, next_update=next_update, version=version)
    return sign_list(body, pki.keys[key], key_info or [signer_cert], ns=ns, **signing)
