internal import CLibXML2
import Certificates
import DERWalk
import Foundation
import SwiftASN1

/// The enveloped XMLDSig signature of a trusted list, verified with libxml2's canonicalisation
/// and OpenSSL (TS 119 612 5.7 and Annex B): every Reference resolved and digested, SignedInfo
/// canonicalised and its SignatureValue checked with the KeyInfo certificate's key.
public struct TrustedListSignature: Sendable {
    /// One ds:Reference and what became of it.
    public struct Reference: Sendable {
        public var uri: String
        public var type: String?
        public var transforms: [String]
        public var digestAlgorithm: String
        /// nil when the digest could not be computed (see `problem`).
        public var digestMatches: Bool?
        /// The reference resolves to the document element (the list itself).
        public var coversRoot: Bool
        public var problem: String?
    }

    /// Number of ds:Signature children of the root (TS 119 612 requires exactly one).
    public var signatureCount: Int
    public var canonicalization: String?
    public var signatureMethod: String?
    public var references: [Reference]
    /// The SignatureValue check; nil when it could not be attempted.
    public var value: SignatureVerification.Outcome?
    /// The first KeyInfo X509Certificate (DER).
    public var signerCertificate: [UInt8]?
    /// Problems that stop verification (no SignedInfo, duplicate Id, …).
    public var problems: [String]
    /// What the SignatureValue covers and the value itself, kept to verify with other keys
    /// (a LOTL pointer's certificates, TL-072).
    var signedInfoBytes: [UInt8]?
    var signatureBytes: [UInt8]?
    var signatureDigest: ASN1ObjectIdentifier?

    /// Verifies the SignatureValue with the first of `certificates` whose key verifies it.
    public func verify(with certificates: [[UInt8]]) -> SignatureVerification.Outcome {
        verification(with: certificates).outcome
    }

    /// The certificate among `certificates` whose key verifies the SignatureValue (nil when
    /// none does), with the outcome of the last attempt.
    public func verification(with certificates: [[UInt8]]) -> (
        certificate: [UInt8]?, outcome: SignatureVerification.Outcome
    ) {
        guard let signedInfoBytes, let signatureBytes, let signatureDigest else {
            return (nil, value ?? .unusable("the signature could not be evaluated"))
        }
        var outcome: SignatureVerification.Outcome = .unusable("no certificate to verify with")
        for der in certificates {
            guard let certificate = InspectedCertificate(bytes: der).certificate,
                let key = IssuerKey(subjectPublicKeyInfo: certificate.tbs.subjectPublicKeyInfo)
            else { continue }
            outcome = SignatureVerification.verify(
                signature: signatureBytes, over: signedInfoBytes, key: key, digest: signatureDigest)
            if case .valid = outcome { return (der, outcome) }
        }
        return (nil, outcome)
    }

    static let dsig = "http://www.w3.org/2000/09/xmldsig#"
    static let exclusiveC14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
    static let envelopedSignature = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
    /// XPath filtering (XMLDSig 6.6.3), used by pre-2016 lists in place of enveloped-signature.
    static let xpathFilter = "http://www.w3.org/TR/1999/REC-xpath-19991116"

    static let digests: [String: ASN1ObjectIdentifier] = [
        "http://www.w3.org/2000/09/xmldsig#sha1": [1, 3, 14, 3, 2, 26],
        "http://www.w3.org/2001/04/xmldsig-more#sha224": [2, 16, 840, 1, 101, 3, 4, 2, 4],
        "http://www.w3.org/2001/04/xmlenc#sha256": [2, 16, 840, 1, 101, 3, 4, 2, 1],
        "http://www.w3.org/2001/04/xmldsig-more#sha384": [2, 16, 840, 1, 101, 3, 4, 2, 2],
        "http://www.w3.org/2001/04/xmlenc#sha512": [2, 16, 840, 1, 101, 3, 4, 2, 3],
    ]

    /// Signature method → (digest, is ECDSA).
    static let signatureMethods: [String: (ASN1ObjectIdentifier, Bool)] = [
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1": ([1, 3, 14, 3, 2, 26], false),
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256": ([2, 16, 840, 1, 101, 3, 4, 2, 1], false),
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384": ([2, 16, 840, 1, 101, 3, 4, 2, 2], false),
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512": ([2, 16, 840, 1, 101, 3, 4, 2, 3], false),
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256": ([2, 16, 840, 1, 101, 3, 4, 2, 1], true),
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384": ([2, 16, 840, 1, 101, 3, 4, 2, 2], true),
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512": ([2, 16, 840, 1, 101, 3, 4, 2, 3], true),
    ]

    typealias X = XMLNodeReading

    init(document: XMLDocument) {
        references = []
        problems = []
        guard let root = xmlDocGetRootElement(document.pointer) else {
            signatureCount = 0
            return
        }
        let signatures = X.children(root, "Signature").filter { Self.namespace($0) == Self.dsig }
        signatureCount = signatures.count
        guard signatures.count == 1, let signature = signatures.first else { return }
        guard let signedInfo = X.child(signature, "SignedInfo") else {
            problems.append("ds:Signature has no SignedInfo")
            return
        }
        canonicalization = X.child(signedInfo, "CanonicalizationMethod").flatMap { X.attribute($0, "Algorithm") }
        signatureMethod = X.child(signedInfo, "SignatureMethod").flatMap { X.attribute($0, "Algorithm") }
        signerCertificate = X.path(signature, ["KeyInfo", "X509Data", "X509Certificate"])
            .flatMap { Data(base64Encoded: X.text($0), options: .ignoreUnknownCharacters) }.map { [UInt8]($0) }

        // Ids, searched over all elements (no DTD declares them): must be unique.
        var ids: [String: [xmlNodePtr]] = [:]
        Self.walk(root) { element in
            for name in ["Id", "ID", "id"] {
                if let value = X.attribute(element, name) { ids[value, default: []].append(element) }
            }
        }

        for reference in X.children(signedInfo, "Reference") {
            let uri = X.attribute(reference, "URI") ?? ""
            let transforms = X.child(reference, "Transforms").map { X.children($0, "Transform") } ?? []
            let digestMethod = X.child(reference, "DigestMethod").flatMap { X.attribute($0, "Algorithm") } ?? ""
            var result = Reference(
                uri: uri, type: X.attribute(reference, "Type"),
                transforms: transforms.compactMap { X.attribute($0, "Algorithm") },
                digestAlgorithm: digestMethod, digestMatches: nil, coversRoot: false, problem: nil)
            var target: xmlNodePtr?
            if uri.isEmpty {
                target = root
            } else if uri.hasPrefix("#") {
                let matches = ids[String(uri.dropFirst())] ?? []
                if matches.count != 1 {
                    result.problem = "URI \(uri) matches \(matches.count) elements (must be exactly one)"
                } else {
                    target = matches[0]
                }
            } else {
                result.problem = "URI \(uri) is not a same-document reference"
            }
            result.coversRoot = target == root
            if let target, result.problem == nil {
                result.digestMatches = Self.checkDigest(
                    document: document, target: target, wholeDocument: uri.isEmpty, signature: signature,
                    transforms: transforms, digestMethod: digestMethod,
                    expected: X.child(reference, "DigestValue").map { X.text($0) } ?? "", problem: &result.problem)
            }
            references.append(result)
        }

        // SignedInfo canonicalised with its CanonicalizationMethod, then the SignatureValue.
        guard let method = signatureMethod, let (digest, ecdsa) = Self.signatureMethods[method] else {
            value = .unusable("signature method \(signatureMethod ?? "absent") is not supported")
            return
        }
        guard
            let signedBytes = Self.canonicalise(
                document, subtree: signedInfo, excluding: nil,
                algorithm: canonicalization ?? "", prefixes: [])
        else {
            value = .unusable("SignedInfo cannot be canonicalised with \(canonicalization ?? "no method")")
            return
        }
        guard
            var signatureValue = X.child(signature, "SignatureValue").flatMap({
                Data(base64Encoded: X.text($0), options: .ignoreUnknownCharacters)
            }).map({ [UInt8]($0) })
        else {
            value = .invalid("SignatureValue is missing or not base64")
            return
        }
        if ecdsa { signatureValue = Self.derECDSA(signatureValue) }
        signedInfoBytes = signedBytes
        signatureBytes = signatureValue
        signatureDigest = digest
        value = verify(with: signerCertificate.map { [$0] } ?? [])
    }

    static func namespace(_ node: xmlNodePtr) -> String? {
        node.pointee.ns.flatMap { $0.pointee.href }.map { String(cString: $0) }
    }

    static func walk(_ node: xmlNodePtr, _ body: (xmlNodePtr) -> Void) {
        body(node)
        for child in X.children(node) { walk(child, body) }
    }

    static func checkDigest(
        document: XMLDocument, target: xmlNodePtr, wholeDocument: Bool, signature: xmlNodePtr, transforms: [xmlNodePtr],
        digestMethod: String, expected: String, problem: inout String?
    ) -> Bool? {
        var excluded: xmlNodePtr?
        var filter: XPathFilter?
        var algorithm = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
        var prefixes: [String] = []
        for transform in transforms {
            let name = X.attribute(transform, "Algorithm") ?? ""
            if name == envelopedSignature {
                excluded = signature
            } else if name == xpathFilter {
                guard filter == nil, let expression = X.child(transform, "XPath"),
                    let compiled = XPathFilter(document: document, expression: expression)
                else {
                    problem = "the XPath filter transform cannot be compiled"
                    return nil
                }
                filter = compiled
            } else if name.hasPrefix("http://www.w3.org/TR/2001/REC-xml-c14n") || name.hasPrefix(exclusiveC14N)
                || name.hasPrefix("http://www.w3.org/2006/12/xml-c14n11")
            {
                algorithm = name
                prefixes =
                    X.child(transform, "InclusiveNamespaces").flatMap { X.attribute($0, "PrefixList") }?
                    .split(separator: " ").map(String.init) ?? []
            } else {
                problem = "transform \(name) is not supported"
                return nil
            }
        }
        guard let oid = digests[digestMethod] else {
            problem = "digest method \(digestMethod) is not supported"
            return nil
        }
        let canonical = canonicalise(
            document, subtree: wholeDocument ? nil : target, excluding: excluded,
            algorithm: algorithm, prefixes: prefixes, filter: filter)
        if let filter, filter.exceededBudget {
            problem =
                "the XPath filter transform needs more than \(XPathFilter.operationBudget) XPath operations over the document (resource bound); not evaluated"
            return nil
        }
        guard let bytes = canonical,
            let digest = MessageDigest.digest(oid, bytes),
            let wanted = Data(base64Encoded: expected, options: .ignoreUnknownCharacters)
        else {
            problem = "the referenced data cannot be canonicalised or the DigestValue is not base64"
            return nil
        }
        return digest == [UInt8](wanted)
    }

    /// Canonical bytes of the document or a subtree (libxml2 xmlC14NExecute with a visibility
    /// callback that hides everything outside the subtree and inside `excluding`).
    static func canonicalise(
        _ document: XMLDocument, subtree: xmlNodePtr?, excluding: xmlNodePtr?, algorithm: String, prefixes: [String],
        filter: XPathFilter? = nil
    ) -> [UInt8]? {
        let mode: Int32
        if algorithm.hasPrefix(exclusiveC14N) {
            mode = Int32(XML_C14N_EXCLUSIVE_1_0.rawValue)
        } else if algorithm.hasPrefix("http://www.w3.org/2006/12/xml-c14n11") {
            mode = Int32(XML_C14N_1_1.rawValue)
        } else if algorithm.hasPrefix("http://www.w3.org/TR/2001/REC-xml-c14n-20010315") {
            mode = Int32(XML_C14N_1_0.rawValue)
        } else {
            return nil
        }
        let withComments: Int32 = algorithm.hasSuffix("WithComments") ? 1 : 0
        let selection = C14NSelection(subtree: subtree, excluding: excluding, filter: filter)
        guard let buffer = xmlAllocOutputBuffer(nil) else { return nil }
        defer { _ = xmlOutputBufferClose(buffer) }
        var cPrefixes: [UnsafeMutablePointer<xmlChar>?] = prefixes.map { xmlCharStrdup($0) } + [nil]
        defer { for p in cPrefixes { if let p { shim_xmlFree(p) } } }
        let status = withExtendedLifetime(selection) {
            cPrefixes.withUnsafeMutableBufferPointer { list in
                xmlC14NExecute(
                    document.pointer, c14nVisible, Unmanaged.passUnretained(selection).toOpaque(), mode,
                    prefixes.isEmpty ? nil : list.baseAddress, withComments, buffer)
            }
        }
        guard status >= 0, let content = xmlOutputBufferGetContent(buffer) else { return nil }
        return Array(UnsafeBufferPointer(start: content, count: Int(xmlOutputBufferGetSize(buffer))))
    }

    /// XMLDSig ECDSA values are r||s; OpenSSL wants DER SEQUENCE { INTEGER r, INTEGER s }.
    static func derECDSA(_ raw: [UInt8]) -> [UInt8] {
        func integer(_ part: ArraySlice<UInt8>) -> [UInt8] {
            var bytes = Array(part.drop { $0 == 0 })
            if bytes.isEmpty { bytes = [0] }
            if bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
            return [0x02] + DERLength.octets(bytes.count) + bytes
        }
        let half = raw.count / 2
        let body = integer(raw[0..<half]) + integer(raw[half...])
        return [0x30] + DERLength.octets(body.count) + body
    }
}

/// The node selection of one canonicalisation, read by the C callback through its user data.
private final class C14NSelection {
    let subtree: xmlNodePtr?
    let excluding: xmlNodePtr?
    let filter: XPathFilter?

    init(subtree: xmlNodePtr?, excluding: xmlNodePtr?, filter: XPathFilter?) {
        self.subtree = subtree
        self.excluding = excluding
        self.filter = filter
    }
}

/// A compiled XPath filter (XMLDSig 6.6.3): a node stays in the signed node-set when the
/// expression, evaluated with that node as context, is true. The expression's prefixes are those
/// in scope at its ds:XPath element.
final class XPathFilter {
    private let context: xmlXPathContextPtr
    private let compiled: xmlXPathCompExprPtr
    /// XPath operations allowed for one filter over a whole document. The filter is evaluated once
    /// per node (XMLDSig 6.6.3), so a hostile expression (`count(//*)` inside a predicate) is
    /// quadratic or worse in the node count; real lists use `not(ancestor-or-self::ds:Signature)`,
    /// a few operations per node of depth.
    static let operationBudget: UInt = 50_000_000
    /// True once an evaluation stopped at the budget: the filtered node-set is then unknown.
    private(set) var exceededBudget = false

    init?(document: XMLDocument, expression node: xmlNodePtr) {
        guard let context = xmlXPathNewContext(document.pointer) else { return nil }
        if let namespaces = xmlGetNsList(document.pointer, node) {
            var index = 0
            while let namespace = namespaces[index] {
                if let prefix = namespace.pointee.prefix { xmlXPathRegisterNs(context, prefix, namespace.pointee.href) }
                index += 1
            }
            shim_xmlFree(namespaces)
        }
        guard let compiled = xmlXPathCompile(XMLNodeReading.text(node)) else {
            xmlXPathFreeContext(context)
            return nil
        }
        context.pointee.opLimit = UInt(Self.operationBudget)
        context.pointee.opCount = 0
        self.context = context
        self.compiled = compiled
    }

    deinit {
        xmlXPathFreeCompExpr(compiled)
        xmlXPathFreeContext(context)
    }

    /// Whether `node` (an element, attribute or text node; namespace nodes are judged by their
    /// element) passes the filter.
    func keeps(_ node: xmlNodePtr) -> Bool {
        guard !exceededBudget else { return false }
        context.pointee.node = node
        let result = xmlXPathCompiledEvalToBoolean(compiled, context)
        if result < 0 && context.pointee.opCount >= context.pointee.opLimit { exceededBudget = true }
        return result == 1
    }
}

/// libxml2 visibility callback: comments hidden, the excluded subtree hidden, and, for a subtree
/// reference, everything outside it hidden. Namespace nodes are judged by their owner element.
private let c14nVisible: xmlC14NIsVisibleCallback = { userData, node, parent in
    guard let userData, let node else { return 0 }
    let selection = Unmanaged<C14NSelection>.fromOpaque(userData).takeUnretainedValue()
    let type = node.pointee.type
    if type == XML_COMMENT_NODE { return 0 }
    var walker: xmlNodePtr? = type == XML_NAMESPACE_DECL ? parent : node
    if let filter = selection.filter, let judged = walker, !filter.keeps(judged) { return 0 }
    var inside = selection.subtree == nil
    while let current = walker {
        if current == selection.excluding { return 0 }
        if current == selection.subtree { inside = true }
        if current.pointee.type == XML_DOCUMENT_NODE { break }
        walker = current.pointee.parent
    }
    return inside ? 1 : 0
}
