"""trusted-lists/lotl*.xml, anchors.pem and pivots/: the test EU list of the lists, its variants and
the pivot LOTLs.
"""

from __future__ import annotations

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from .der import pem
from .pki import PKI
from .records import Output, defect, find_once
from .tl_constants import DSIG_NS, LOTL_INFO_URI, LOTL_OJ_URL, LOTL_OPERATOR, LOTL_PIVOT_URL, LOTL_SEQUENCE, TSL_NS
from .tl_signers import lotl_signer_cert
from .xml_tl import b64, lotl_body
from .xmldsig import SignedTL, sign_list
from .signed_lists import WITH_ANCHORS, tl_rec


def build_lotls(pki: PKI, out: Output):
    """lotl.xml (signed by the OJ-announced 'lotl-signer', anchors.pem) and its variants. A pivot LOTL is
    lotl_body(pki, sequence=N, signer_certs=[…]) signed by the previous key set; the LOTL that follows
    lists its URL through lotl_body(pivots=[…])."""
    L = "trusted-lists/"
    import xml.etree.ElementTree as ET

    from cryptography import x509
    from cryptography.exceptions import InvalidSignature

    def emit(stem: str, tl: SignedTL, failed, note: str, defects=None, verdict: str | None = None,
             with_inputs: tuple | None = None):
        root = ET.fromstring(tl.doc)
        assert root.tag == "{%s}TrustServiceStatusList" % TSL_NS and root[-1].tag == "{%s}Signature" % DSIG_NS
        tl.key.public_key().verify(tl.signature_value, tl.signed_info_c14n, padding.PKCS1v15(), hashes.SHA256())
        out.add(L + stem + ".xml", tl.doc, [tl_rec(failed, verdict, with_inputs)], defects, note=note)

    signer = lotl_signer_cert(pki)
    # The "OJ-announced" LOTL signing certificates for --anchors (an auxiliary input, listed in nonInputs).
    out.add(L + "anchors.pem", pem("CERTIFICATE", signer))

    lotl = sign_list(lotl_body(pki, signer_certs=[signer]), pki.keys["lotl-signer"], [signer], signing_certificate="v2")
    emit("lotl", lotl, [],
         "the test EU LOTL (TLv6, sequence %d, no TSPs): pointers BE (TL signer certificate) and EU (its own signer); "
         "SchemeInformationURI %s and the OJ URL %s; signed by the self-issued 'TrustAudit Test LOTL Signer' (C=BE, "
         "O=%s) with SigningCertificateV2; with --anchors trusted-lists/anchors.pem it verifies directly with an "
         "announced certificate (TL-070)" % (LOTL_SEQUENCE, LOTL_INFO_URI, LOTL_OJ_URL, LOTL_OPERATOR),
         with_inputs=(WITH_ANCHORS, "conforming", []))

    no_oj = sign_list(lotl_body(pki, signer_certs=[signer], oj_url=None), pki.keys["lotl-signer"], [signer],
                      signing_certificate="v2")
    at = find_once(no_oj.doc, ("%s</tsl:URI>\n    </tsl:SchemeInformationURI>" % LOTL_INFO_URI).encode())
    emit("lotl-no-oj-url", no_oj, ["TL-018"],
         "lotl.xml without the eur-lex.europa.eu OJ URL in SchemeInformationURI (only the info page), re-signed",
         [defect(at + len(LOTL_INFO_URI + "</tsl:URI>"), 0, "SchemeInformationURI ends without the OJ URL")],
         verdict="minor")

    signer2 = lotl_signer_cert(pki, label="lotl-signer-2", key="lotl-signer-2", cn="TrustAudit Test LOTL Signer 2")
    unanchored = sign_list(lotl_body(pki, signer_certs=[signer2]), pki.keys["lotl-signer-2"], [signer2],
                           signing_certificate="v2")
    kb = "<ds:X509Certificate>%s" % b64(signer2)
    emit("lotl-not-anchored", unanchored, [],
         "lotl.xml signed by 'TrustAudit Test LOTL Signer 2' (key lotl-signer-2, self-issued, same profile), which "
         "its EU pointer announces but anchors.pem does not: conforming alone; with --anchors "
         "trusted-lists/anchors.pem it verifies with no OJ certificate (TL-070) and lists no pivot that would lead "
         "to its key (TL-071)",
         [defect(find_once(unanchored.doc, kb.encode()) + len("<ds:X509Certificate>"), len(b64(signer2)),
                 "KeyInfo certificate of a key not in anchors.pem")],
         with_inputs=(WITH_ANCHORS, "major", ["TL-070", "TL-071"]))

    # ---- Pivot LOTLs (the --lotl folder trusted-lists/pivots/): pivot 11 is signed with the OJ key
    # (anchors.pem) and its EU pointer hands on to lotl-signer-3 (C); pivot 14 is signed with lotl-signer-4
    # (D), which no earlier pivot announces. Each lists its own URL (skipped by its own sequence number).
    signer3 = lotl_signer_cert(pki, label="lotl-signer-3", key="lotl-signer-3", cn="TrustAudit Test LOTL Signer 3")
    signer4 = lotl_signer_cert(pki, label="lotl-signer-4", key="lotl-signer-4", cn="TrustAudit Test LOTL Signer 4")
    for der, key in ((signer3, "lotl-signer-3"), (signer4, "lotl-signer-4")):
        parsed = x509.load_der_x509_certificate(der)
        assert parsed.public_bytes(serialization.Encoding.DER) == der and parsed.issuer == parsed.subject
        pki.keys[key].public_key().verify(parsed.signature, parsed.tbs_certificate_bytes, padding.PKCS1v15(), hashes.SHA256())
    with_pivots = ("--lotl", "trusted-lists/pivots") + WITH_ANCHORS

    def lotl_signed(sequence: int, announced: bytes, key: str, signer_cert: bytes, pivots) -> SignedTL:
        return sign_list(lotl_body(pki, sequence=sequence, signer_certs=[announced], pivots=pivots),
                         pki.keys[key], [signer_cert], signing_certificate="v2")

    pivot11 = lotl_signed(11, signer3, "lotl-signer", signer, [LOTL_PIVOT_URL % 11])
    emit("pivots/lotl-pivot-11", pivot11, [],
         "pivot LOTL 11 (%s): lotl.xml with sequence 11, its own URL between the info page and the OJ URL, and an "
         "EU pointer announcing 'TrustAudit Test LOTL Signer 3' (key lotl-signer-3); signed with the OJ-announced "
         "'TrustAudit Test LOTL Signer' (anchors.pem); a pivot for lotl-via-pivot.xml and lotl-broken-pivot.xml "
         "(--lotl trusted-lists/pivots)" % (LOTL_PIVOT_URL % 11))
    pivot14 = lotl_signed(14, signer4, "lotl-signer-4", signer4, [LOTL_PIVOT_URL % 14])
    emit("pivots/lotl-pivot-14", pivot14, [],
         "pivot LOTL 14 (%s): sequence 14, signed by 'TrustAudit Test LOTL Signer 4' (key lotl-signer-4, self-issued, "
         "same profile), which its own EU pointer announces; neither anchors.pem nor pivot 11's EU pointer verifies "
         "it (the wrong pivot of lotl-broken-pivot.xml)" % (LOTL_PIVOT_URL % 14))

    via = lotl_signed(12, signer3, "lotl-signer-3", signer3, [LOTL_PIVOT_URL % 11])
    emit("lotl-via-pivot", via, [],
         "LOTL sequence 12 signed by 'TrustAudit Test LOTL Signer 3' (key lotl-signer-3, announced by its own EU "
         "pointer), SchemeInformationURI info page, pivot 11, OJ URL: conforming alone; with --lotl "
         "trusted-lists/pivots --anchors trusted-lists/anchors.pem anchors.pem verifies pivot 11 and pivot 11's EU "
         "pointer verifies the list (TL-070 and TL-071 pass)", with_inputs=(with_pivots, "conforming", []))

    broken = lotl_signed(15, signer3, "lotl-signer-3", signer3, [LOTL_PIVOT_URL % 14, LOTL_PIVOT_URL % 11])
    at = find_once(broken.doc, (LOTL_PIVOT_URL % 14).encode())
    emit("lotl-broken-pivot", broken, [],
         "LOTL sequence 15 signed by 'TrustAudit Test LOTL Signer 3' (key lotl-signer-3, announced by its own EU "
         "pointer), SchemeInformationURI info page, pivot 14, pivot 11, OJ URL: conforming alone; with --lotl "
         "trusted-lists/pivots --anchors trusted-lists/anchors.pem anchors.pem verifies pivot 11 but pivot 11's EU "
         "pointer (lotl-signer-3) does not verify pivot 14 (signed by lotl-signer-4), so the chain breaks "
         "(TL-071) and the list is not authenticated (TL-070)",
         [defect(at, len(LOTL_PIVOT_URL % 14), "pivot 14, which pivot 11's announced certificate does not verify")],
         with_inputs=(with_pivots, "major", ["TL-070", "TL-071"]))

    # The walk TrustAudit makes (LOTLAuthentication.walk), replayed with the keys.
    def verifies(tl: SignedTL, cert: bytes) -> bool:
        try:
            x509.load_der_x509_certificate(cert).public_key().verify(tl.signature_value, tl.signed_info_c14n,
                                                                     padding.PKCS1v15(), hashes.SHA256())
            return True
        except InvalidSignature:
            return False

    assert verifies(pivot11, signer) and not verifies(pivot14, signer) and not verifies(pivot14, signer3)
    assert verifies(pivot14, signer4)
    for tl in (via, broken):
        assert not verifies(tl, signer) and verifies(tl, signer3)
