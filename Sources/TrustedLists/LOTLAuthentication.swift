/// Authentication of the EU list of trusted lists itself (TS 119 612 Annex A NOTE 4; the
/// Commission's pivot-LOTL mechanism): the LOTL signing certificates published in the Official
/// Journal are the trust anchors; each pivot LOTL announced in the current LOTL's
/// SchemeInformationURI must verify with the key set of the one before it, starting from the OJ
/// set, and the current LOTL with the key set of the newest pivot.
public struct LOTLAuthentication: Sendable {
    /// A LOTL available locally as a pivot: its signature and the certificates its own EU
    /// pointer announces (the key set it hands on).
    struct KnownLOTL: Sendable {
        var source: String
        var signature: TrustedListSignature?
        var announced: [[UInt8]]
    }

    /// The OJ-announced LOTL signing certificates (DER).
    public let anchors: [[UInt8]]
    /// Where the anchors came from (file name), for evidence.
    public let anchorSource: String
    /// Locally available LOTLs by sequence number.
    let lotls: [Int: KnownLOTL]
    /// At most this many pivots are followed (a LOTL cannot make us verify without end).
    public static let maximumPivots = 10

    /// - Parameters:
    ///   - anchors: the OJ-announced certificates.
    ///   - lotls: LOTL documents (bytes and file name) that may serve as pivots.
    public init(anchors: [[UInt8]], anchorSource: String, lotls: [(bytes: [UInt8], source: String)]) {
        self.anchors = anchors
        self.anchorSource = anchorSource
        var known: [Int: KnownLOTL] = [:]
        for (bytes, source) in lotls {
            guard case .success(let document) = XMLDocument.parse(bytes), let node = document.rootElement else { continue }
            let root = ParsedElement(node: node)
            guard let pointers = LOTLPointers(root: root, source: source), let sequence = pointers.sequenceNumber else { continue }
            known[sequence] = KnownLOTL(source: source, signature: TrustedListSignature(document: document),
                                        announced: pointers.certificates["EU"] ?? [])
        }
        self.lotls = known
    }

    /// The pivot URIs of a LOTL, newest first as the LOTL lists them: the `.xml` entries of
    /// SchemeInformationURI before the Official Journal URL (pivots after it predate the OJ
    /// publication the chain starts from).
    static func pivotURIs(of list: ListView) -> (pivots: [String], officialJournal: String?) {
        var pivots: [String] = []
        for uri in list.scheme?.child("SchemeInformationURI")?.children("URI").map(\.text) ?? [] {
            if uri.contains("eur-lex.europa.eu") { return (pivots, uri) }
            if uri.lowercased().hasSuffix(".xml") { pivots.append(uri) }
        }
        return (pivots, nil)
    }

    /// The sequence number a pivot URL names (`…/eu-lotl-pivot-341.xml` → 341).
    static func sequence(inURI uri: String) -> Int? {
        let file = uri.split(separator: "/").last.map(String.init) ?? uri
        return file.matches(of: /[0-9]+/).last.flatMap { Int($0.output) }
    }

    /// One step of the chain, for evidence.
    public struct Step: Sendable, Hashable {
        public var pivot: String
        public var verified: Bool
        public var detail: String
    }

    /// The walk from the OJ key set through the pivots to the list.
    public struct Outcome: Sendable {
        public var steps: [Step]
        /// A pivot could not be followed (not supplied, or too many).
        public var problem: String?
        /// The key set the list itself must verify with, and where it came from.
        public var keys: [[UInt8]]
        public var keySource: String
    }

    /// Follows the pivots of `list` (oldest first) from the OJ anchors; `ownSequence` is skipped
    /// when a pivot LOTL lists its own URL.
    func walk(_ list: ListView) -> Outcome {
        let ownSequence = list.scheme?.child("TSLSequenceNumber").flatMap { Int($0.text) }
        var keys = anchors
        var keySource = "the OJ certificates (\(anchorSource))"
        var steps: [Step] = []
        let pivots = Self.pivotURIs(of: list).pivots.filter { Self.sequence(inURI: $0) != ownSequence }
        if pivots.count > Self.maximumPivots {
            return Outcome(steps: [], problem: "\(pivots.count) pivots listed, more than the \(Self.maximumPivots) followed", keys: [], keySource: keySource)
        }
        for uri in pivots.reversed() {
            guard let sequence = Self.sequence(inURI: uri), let pivot = lotls[sequence] else {
                return Outcome(steps: steps, problem: "pivot \(uri) is not among the supplied LOTLs (--lotl)", keys: [], keySource: keySource)
            }
            let verified: Bool
            let detail: String
            switch pivot.signature?.verify(with: keys) {
            case .valid?:
                verified = true
                detail = "pivot \(sequence) (\(pivot.source)) verifies with \(keySource)"
            case .invalid(let reason)?, .unusable(let reason)?:
                verified = false
                detail = "pivot \(sequence) (\(pivot.source)) does not verify with \(keySource): \(reason)"
            case nil:
                verified = false
                detail = "pivot \(sequence) (\(pivot.source)) has no signature"
            }
            steps.append(Step(pivot: uri, verified: verified, detail: detail))
            guard verified else { return Outcome(steps: steps, problem: nil, keys: [], keySource: keySource) }
            keys = pivot.announced
            keySource = "the EU pointer of pivot \(sequence)"
        }
        return Outcome(steps: steps, problem: nil, keys: keys, keySource: keySource)
    }
}
