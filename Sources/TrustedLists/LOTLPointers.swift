import Foundation

/// The pointers of a list of trusted lists (TS 119 612 5.3.13): for each territory, the
/// certificates with which that territory's list must be signed.
public struct LOTLPointers: Sendable {
    /// Territory → DER certificates announced for its XML list.
    public let certificates: [String: [[UInt8]]]
    /// The LOTL's own territory and sequence number, for evidence.
    public let source: String

    /// Reads the OtherTSLPointer entries (XML lists only) of a LOTL; nil when it is not a
    /// parseable trusted list.
    public init?(bytes: [UInt8], source: String) {
        guard case .success(let document) = XMLDocument.parse(bytes), let pointers = document.pointers() else { return nil }
        self.certificates = pointers
        self.source = source
    }
}

extension XMLDocument {
    /// Territory → certificates of every OtherTSLPointer whose MimeType is XML (or absent).
    func pointers() -> [String: [[UInt8]]]? {
        typealias X = XMLNodeReading
        guard let root = rootElement, X.name(root) == "TrustServiceStatusList" else { return nil }
        var result: [String: [[UInt8]]] = [:]
        let list = X.path(root, ["SchemeInformation", "PointersToOtherTSL"]).map { X.children($0, "OtherTSLPointer") } ?? []
        for pointer in list {
            var territory: String?
            var mime: String?
            for information in X.path(pointer, ["AdditionalInformation"]).map({ X.children($0, "OtherInformation") }) ?? [] {
                for element in X.children(information) {
                    switch X.name(element) {
                    case "SchemeTerritory": territory = X.text(element)
                    case "MimeType": mime = X.text(element)
                    default: break
                    }
                }
            }
            guard let territory, mime == nil || mime!.contains("xml") else { continue }
            for identity in X.child(pointer, "ServiceDigitalIdentities").map({ X.children($0, "ServiceDigitalIdentity") }) ?? [] {
                for digitalID in X.children(identity, "DigitalId") {
                    for certificate in X.children(digitalID, "X509Certificate") {
                        if let der = Data(base64Encoded: X.text(certificate), options: .ignoreUnknownCharacters) {
                            result[territory, default: []].append([UInt8](der))
                        }
                    }
                }
            }
        }
        return result
    }
}
