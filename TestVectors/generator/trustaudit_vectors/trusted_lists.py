"""trusted-lists/: the unsigned list, malformed XML (not well-formed, external entity, billion
laughs) and a document that is no list; the signed lists and the LOTLs come from signed_lists and lotls.
"""

from __future__ import annotations

from .pki import PKI
from .records import Output, defect, rec
from .tl_constants import TSL_NS
from .xml_tl import XML_DECL, tl_body
from .xmldsig import TL_SIGNED_PROFILE
from .signed_lists import build_signed_trusted_lists, tl_rec
from .lotls import build_lotls


def build_trusted_lists(pki: PKI, out: Output):
    L = "trusted-lists/"
    import xml.etree.ElementTree as ET

    ok = (XML_DECL + tl_body(pki)).encode("utf-8")
    root = ET.fromstring(ok)
    assert root.tag == "{%s}TrustServiceStatusList" % TSL_NS
    out.add(L + "tl-v5-minimal.xml", ok, [tl_rec(["TL-050"])],
            note="unsigned: conforming to the document rules; TL-050 (no ds:Signature) under %s" % TL_SIGNED_PROFILE)

    good, bad = "</tsl:SchemeTerritory>", "</tsl:SchemeTerritry>"
    broken = ok.replace(good.encode(), bad.encode(), 1)
    try:
        ET.fromstring(broken)
        raise AssertionError("tl-not-well-formed.xml parsed")
    except ET.ParseError:
        pass
    out.add(L + "tl-not-well-formed.xml", broken, [tl_rec(["TL-002"])],
            [defect(broken.find(bad.encode()), len(bad), "mismatched end tag %s for <tsl:SchemeTerritory>" % bad)])

    dt = '<!DOCTYPE tsl:TrustServiceStatusList [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n'
    xxe = (XML_DECL + dt + tl_body(pki, "&xxe;")).encode("utf-8")
    out.add(L + "tl-xxe.xml", xxe, [tl_rec(["TL-002"])],
            [defect(xxe.find(b"<!DOCTYPE"), len(dt) - 1, "document type declaration with an external entity"),
             defect(xxe.find(b"&xxe;"), 5, "reference to the external entity (in SchemeOperatorName/Name)")])

    ents = ['  <!ENTITY lol "lol">']
    ents.append('  <!ENTITY lol1 "' + "&lol;" * 10 + '">')
    for n in range(2, 10):
        ents.append('  <!ENTITY lol%d "' % n + ("&lol%d;" % (n - 1)) * 10 + '">')
    dt = "<!DOCTYPE tsl:TrustServiceStatusList [\n" + "\n".join(ents) + "\n]>\n"
    bl_doc = (XML_DECL + dt + '<tsl:TrustServiceStatusList xmlns:tsl="%s" Id="TSL" '
              'TSLTag="http://uri.etsi.org/19612/TSLTag">&lol9;</tsl:TrustServiceStatusList>\n' % TSL_NS).encode("utf-8")
    out.add(L + "tl-billion-laughs.xml", bl_doc, [tl_rec(["TL-002"])],
            [defect(bl_doc.find(b"<!DOCTYPE"), len(dt) - 1, "document type declaration with nested entities lol1..lol9"),
             defect(bl_doc.find(b"&lol9;"), 6, "reference expanding to 10^9 'lol'")])

    build_signed_trusted_lists(pki, out)
    build_lotls(pki, out)

    note = (XML_DECL + "<note>\n  <to>Alice</to>\n  <from>Bob</from>\n  <body>Not a trusted list.</body>\n</note>\n").encode("utf-8")
    ET.fromstring(note)
    out.add(L + "not-a-tl.xml", note, [rec("unknown")])
