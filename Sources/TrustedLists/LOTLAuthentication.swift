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
    public static let maximumPivots = 5

    /// - Parameters:
    ///   - anchors: the OJ-announced certificates.
    ///   - anchorSource: where the anchors were read from, named in the evidence.
    ///   - lotls: LOTL documents (bytes and file name) that may serve as pivots.
    public init(anchors: [[UInt8]], anchorSource: String, lotls: [(bytes: [UInt8], source: String)]) {
        self.anchors = anchors
        self.anchorSource = anchorSource
        var known: [Int: KnownLOTL] = [:]
        for (bytes, source) in lotls {
            guard case .success(let document) = XMLDocument.parse(bytes), let node = document.rootElement else {
                continue
            }
            let root = ParsedElement(node: node)
            guard let pointers = LOTLPointers(root: root, source: source), let sequence = pointers.sequenceNumber else {
                continue
            }
            known[sequence] = KnownLOTL(
                source: source, signature: TrustedListSignature(document: document),
                announced: pointers.certificates["EU"] ?? [])
        }
        self.lotls = known
    }

    /// The pivot URIs of a LOTL, newest first as the LOTL lists them: the `.xml` entries of
    /// SchemeInformationURI (Official Journal URLs sit between the pivots of successive OJ
    /// publications; which publication the anchors are is decided by the signatures, not by
    /// the URLs).
    static func pivotURIs(of list: ListView) -> [String] {
        (list.scheme?.child("SchemeInformationURI")?.children("URI").map(\.text) ?? []).filter {
            $0.lowercased().hasSuffix(".xml")
        }
    }

    /// The sequence number a pivot URL names (`…/eu-lotl-pivot-341.xml` → 341).
    static func sequence(inURI uri: String) -> Int? {
        let file = uri.split(separator: "/").last.map(String.init) ?? uri
        return TextShape.lastNumber(in: file)
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

    /// Finds the newest pivot the OJ anchors verify (at most ``maximumPivots`` back), then
    /// walks forward: each newer pivot must verify with the EU pointer of the one before, and the
    /// list itself with the newest pivot's. A list the anchors verify directly needs no pivot.
    func walk(_ list: ListView, signature: TrustedListSignature) -> Outcome {
        let anchorsName = "the OJ certificates (\(anchorSource))"
        if case .valid = signature.verify(with: anchors) {
            return Outcome(steps: [], problem: nil, keys: anchors, keySource: anchorsName)
        }
        let ownSequence = list.scheme?.child("TSLSequenceNumber").flatMap { Int($0.text) }
        let pivots = Self.pivotURIs(of: list).filter { Self.sequence(inURI: $0) != ownSequence }
        var chain: [(uri: String, sequence: Int, pivot: KnownLOTL)] = []
        var anchored = false
        for uri in pivots.prefix(Self.maximumPivots) {
            guard let sequence = Self.sequence(inURI: uri), let pivot = lotls[sequence] else {
                return Outcome(
                    steps: [], problem: "pivot \(uri) is not among the supplied LOTLs (--lotl)", keys: [],
                    keySource: anchorsName)
            }
            chain.append((uri, sequence, pivot))
            if case .valid? = pivot.signature?.verify(with: anchors) {
                anchored = true
                break
            }
        }
        guard anchored else {
            let reason =
                pivots.isEmpty
                ? "no pivot LOTL is listed and the OJ certificates do not verify the list"
                : "none of the \(chain.count) newest pivot(s) verifies with \(anchorsName)"
            return Outcome(
                steps: chain.map {
                    Step(
                        pivot: $0.uri, verified: false,
                        detail: "pivot \($0.sequence) (\($0.pivot.source)) does not verify with \(anchorsName)")
                },
                problem: nil, keys: [], keySource: reason)
        }
        var steps: [Step] = []
        var keys = anchors
        var keySource = anchorsName
        for (uri, sequence, pivot) in chain.reversed() {
            let outcome = pivot.signature?.verify(with: keys)
            var verified = false
            if case .valid? = outcome { verified = true }
            steps.append(
                Step(
                    pivot: uri, verified: verified,
                    detail:
                        "pivot \(sequence) (\(pivot.source)) \(verified ? "verifies" : "does not verify") with \(keySource)"
                ))
            guard verified else { return Outcome(steps: steps, problem: nil, keys: [], keySource: keySource) }
            keys = pivot.announced
            keySource = "the EU pointer of pivot \(sequence)"
        }
        return Outcome(steps: steps, problem: nil, keys: keys, keySource: keySource)
    }
}
