import Certificates
import Foundation

/// A trusted-list item as the rules see it: its bytes and the outcome of the hardened parse.
///
/// The libxml2 document itself never leaves this initialiser (it is not `Sendable`); the values
/// the rules need are copied out.
public struct InspectedTrustedList: Sendable {
    public static let namespace = "http://uri.etsi.org/02231/v2#"

    public let bytes: [UInt8]
    /// The root element (local name, namespace), or why the document could not be parsed.
    public let parsed: Result<Root, TrustedListError>
    /// The enveloped signature as verified, when the document parsed.
    public let signature: TrustedListSignature?
    /// The ds:KeyInfo signer certificate, decoded once for the 5.7.1 rules.
    public let signer: InspectedCertificate?
    /// The scheme territory of the list.
    public let territory: String?
    /// The LOTL pointers the list is authenticated against (`--lotl`), if supplied.
    public let pointers: LOTLPointers?
    /// XSD validation against the official schemas (`--schemas`), if supplied.
    let schemaValidation: TrustedListSchemas.Outcome?
    /// Every scheme and service date-time as written (element name, text).
    public let dateTimes: [(element: String, text: String)]
    /// NextUpdate/dateTime as written.
    public let nextUpdate: String?
    /// The SchemeOperatorName Name values.
    public let schemeOperatorNames: [String]
    /// The whole document as a `Sendable` element tree, for the structure and content rules.
    public let tree: ParsedElement?
    /// Every certificate of a ServiceDigitalIdentity, decoded once, by its base64 text.
    public let serviceCertificates: [String: InspectedCertificate]
    /// The OJ-announced LOTL signing certificates and the pivot LOTLs (`--anchors`, `--lotl`).
    public let authentication: LOTLAuthentication?
    /// The walk from the OJ certificates to this list, for an EU LOTL when anchors are given
    /// (shared by TL-070 and TL-071, so the pivots are verified once).
    public let authenticationOutcome: LOTLAuthentication.Outcome?

    /// What the parse yielded.
    public struct Root: Sendable, Hashable {
        public var name: String
        public var namespace: String?
        public var versionIdentifier: String?
        public var tslType: String?
    }

    public init(
        bytes: [UInt8], pointers: LOTLPointers? = nil, schemas: TrustedListSchemas? = nil,
        authentication: LOTLAuthentication? = nil
    ) {
        self.bytes = bytes
        self.pointers = pointers
        self.authentication = authentication
        switch XMLDocument.parse(bytes) {
        case .success(let document):
            let root = document.root
            parsed = .success(
                Root(
                    name: root?.name ?? "", namespace: root?.namespace,
                    versionIdentifier: document.text(at: ["SchemeInformation", "TSLVersionIdentifier"]),
                    tslType: document.text(at: ["SchemeInformation", "TSLType"])))
            signature = TrustedListSignature(document: document)
            signer = signature?.signerCertificate.map { InspectedCertificate(bytes: $0) }
            territory = document.text(at: ["SchemeInformation", "SchemeTerritory"])
            schemaValidation = schemas?.validate(
                document, version: document.text(at: ["SchemeInformation", "TSLVersionIdentifier"]))
            (dateTimes, nextUpdate, schemeOperatorNames) = document.schemeFacts()
            tree = document.rootElement.map { ParsedElement(node: $0) }
            serviceCertificates = tree.map(Self.decodeServiceCertificates) ?? [:]
            if let authentication, let tree, let signature, ListView(root: tree).isEULOTL {
                authenticationOutcome = authentication.walk(ListView(root: tree), signature: signature)
            } else {
                authenticationOutcome = nil
            }
        case .failure(let error):
            dateTimes = []
            nextUpdate = nil
            schemeOperatorNames = []
            parsed = .failure(error)
            signature = nil
            signer = nil
            territory = nil
            schemaValidation = nil
            tree = nil
            serviceCertificates = [:]
            authenticationOutcome = nil
        }
    }

    static func decodeServiceCertificates(_ root: ParsedElement) -> [String: InspectedCertificate] {
        var decoded: [String: InspectedCertificate] = [:]
        root.forEach { element in
            guard element.name == "X509Certificate", decoded[element.text] == nil,
                let der = Data(base64Encoded: element.text, options: .ignoreUnknownCharacters)
            else { return }
            decoded[element.text] = InspectedCertificate(bytes: [UInt8](der))
        }
        return decoded
    }

    /// `lotl-v6`, `tl-v5`, … for the evidence record; `unparsable` when the parse failed.
    public var detectedType: String {
        guard case .success(let root) = parsed else { return "unparsable" }
        let list = (root.tslType ?? "").hasSuffix("EUlistofthelists") ? "lotl" : "tl"
        return root.versionIdentifier.map { "\(list)-v\($0)" } ?? list
    }
}
