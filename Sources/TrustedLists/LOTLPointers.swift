import Foundation

/// The pointers of a list of trusted lists (TS 119 612 5.3.13): for each territory, the
/// certificates with which that territory's list must be signed, and what the pointer says the
/// list is (its type and operator), to compare with the list itself.
public struct LOTLPointers: Sendable {
    /// What a pointer's AdditionalInformation states about the list it points at.
    public struct Qualifiers: Sendable, Hashable {
        public var tslType: String?
        public var operatorNames: [String]
        public var mimeType: String?
    }

    /// Territory → DER certificates announced for its XML list.
    public let certificates: [String: [[UInt8]]]
    /// Territory → qualifiers of its XML pointer.
    public let qualifiers: [String: Qualifiers]
    /// The LOTL's own territory and sequence number, for evidence.
    public let source: String
    /// The LOTL's TSLSequenceNumber.
    public let sequenceNumber: Int?
    /// Whether the document is a list of lists (TSLType …listofthelists).
    public let isListOfLists: Bool

    /// Reads the OtherTSLPointer entries (XML lists only) of a LOTL; nil when it is not a
    /// parseable trusted list.
    public init?(bytes: [UInt8], source: String) {
        guard case .success(let document) = XMLDocument.parse(bytes), let root = document.rootElement else {
            return nil
        }
        self.init(root: ParsedElement(node: root), source: source)
    }

    /// Reads the pointers of an already parsed list; nil when it is not a trusted list.
    init?(root: ParsedElement, source: String) {
        let list = ListView(root: root)
        guard root.name == "TrustServiceStatusList" else { return nil }
        var certificates: [String: [[UInt8]]] = [:]
        var qualifiers: [String: Qualifiers] = [:]
        for (pointer, _) in list.pointers {
            let mime = ListView.pointerInformation(pointer, "MimeType")?.text
            guard let territory = ListView.pointerInformation(pointer, "SchemeTerritory")?.text,
                mime == nil || mime!.contains("xml")
            else { continue }
            qualifiers[territory] = Qualifiers(
                tslType: ListView.pointerInformation(pointer, "TSLType")?.text,
                operatorNames: ListView.pointerInformation(pointer, "SchemeOperatorName")?.children("Name").map(\.text)
                    ?? [],
                mimeType: mime)
            for identity in pointer.child("ServiceDigitalIdentities")?.children("ServiceDigitalIdentity") ?? [] {
                for digitalID in identity.children("DigitalId") {
                    for certificate in digitalID.children("X509Certificate") {
                        if let der = Data(base64Encoded: certificate.text, options: .ignoreUnknownCharacters) {
                            certificates[territory, default: []].append([UInt8](der))
                        }
                    }
                }
            }
        }
        self.certificates = certificates
        self.qualifiers = qualifiers
        self.source = source
        sequenceNumber = list.scheme?.child("TSLSequenceNumber").flatMap { Int($0.text) }
        isListOfLists = list.isListOfLists
    }
}
