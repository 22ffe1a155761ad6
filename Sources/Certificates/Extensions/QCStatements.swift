import DERWalk
import SwiftASN1

/// qcStatements (RFC 3739 §3.2.6; ETSI EN 319 412-5) with the ETSI and TS 119 495 statements
/// decoded into values. A statement whose info does not have its syntax keeps `info` and is
/// reported by the rule of that statement.
public struct QCStatements: Sendable, Hashable {
    /// Statement identifiers of EN 319 412-5 §4 and 5, RFC 3739 and TS 119 495 §5.1.
    public enum ID {
        public static let qcCompliance: ASN1ObjectIdentifier = [0, 4, 0, 1862, 1, 1]
        public static let qcLimitValue: ASN1ObjectIdentifier = [0, 4, 0, 1862, 1, 2]
        public static let qcRetentionPeriod: ASN1ObjectIdentifier = [0, 4, 0, 1862, 1, 3]
        public static let qcSSCD: ASN1ObjectIdentifier = [0, 4, 0, 1862, 1, 4]
        public static let qcPDS: ASN1ObjectIdentifier = [0, 4, 0, 1862, 1, 5]
        public static let qcType: ASN1ObjectIdentifier = [0, 4, 0, 1862, 1, 6]
        public static let qcCClegislation: ASN1ObjectIdentifier = [0, 4, 0, 1862, 1, 7]
        public static let pkixQCSyntaxV1: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 11, 1]
        public static let pkixQCSyntaxV2: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 11, 2]
        public static let psd2: ASN1ObjectIdentifier = [0, 4, 0, 19495, 2]
        /// ETSI statement ids of EN 319 412-5 (for duplicate checks).
        public static let etsi: Set<ASN1ObjectIdentifier> = [
            qcCompliance, qcLimitValue, qcRetentionPeriod, qcSSCD, qcPDS, qcType, qcCClegislation,
        ]
    }

    /// QcType values (EN 319 412-5 §4.2.3).
    public enum QcType {
        public static let esign: ASN1ObjectIdentifier = [0, 4, 0, 1862, 1, 6, 1]
        public static let eseal: ASN1ObjectIdentifier = [0, 4, 0, 1862, 1, 6, 2]
        public static let web: ASN1ObjectIdentifier = [0, 4, 0, 1862, 1, 6, 3]
        public static let all: Set<ASN1ObjectIdentifier> = [esign, eseal, web]
        /// The short names used in profiles and evidence.
        public static let names: [ASN1ObjectIdentifier: String] = [esign: "esign", eseal: "eseal", web: "web"]
    }

    /// Semantics identifiers (EN 319 412-1 §5.1).
    public enum Semantics {
        public static let natural: ASN1ObjectIdentifier = [0, 4, 0, 194121, 1, 1]
        public static let legal: ASN1ObjectIdentifier = [0, 4, 0, 194121, 1, 2]
        public static let eidasNatural: ASN1ObjectIdentifier = [0, 4, 0, 194121, 1, 3]
        public static let eidasLegal: ASN1ObjectIdentifier = [0, 4, 0, 194121, 1, 4]
    }

    /// One statement: its id and its info, if any.
    public struct Statement: Sendable, Hashable {
        public var id: ASN1ObjectIdentifier
        /// The statementInfo as swift-asn1 decodes it (a walked statement decodes it on demand).
        public var info: ASN1Node? {
            get {
                switch body {
                case .node(let node): return node
                case .walked(let walked): return walked.node
                }
            }
            set { body = .node(newValue) }
        }
        private var body: Body

        /// Where the info is read from.
        private enum Body: Sendable {
            case node(ASN1Node?)
            case walked(WalkedInfo)
        }

        /// The info of a statement the walking decoder read, and where to find the swift-asn1
        /// node that stands for it.
        private struct WalkedInfo: Sendable {
            let reader: TLVReader
            let info: TLV?
            /// The extension value, and this statement's position in it.
            let value: Range<Int>
            let position: Int

            var element: WalkedElement? { info.map { WalkedElement(reader: reader, tlv: $0) } }

            var node: ASN1Node? {
                guard info != nil, let root = try? LenientASN1.root(reader.bytes[value], "qcStatements"),
                    case .constructed(let statements) = root.content
                else { return nil }
                var remaining = statements.dropFirst(position).makeIterator()
                guard let statement = remaining.next(), case .constructed(let parts) = statement.content else {
                    return nil
                }
                var fields = parts.makeIterator()
                _ = fields.next()
                return fields.next()
            }
        }

        init(id: ASN1ObjectIdentifier, info: ASN1Node?) {
            self.id = id
            body = .node(info)
        }

        fileprivate init(id: ASN1ObjectIdentifier, reader: TLVReader, info: TLV?, value: Range<Int>, position: Int) {
            self.id = id
            body = .walked(WalkedInfo(reader: reader, info: info, value: value, position: position))
        }

        /// The info read by `read`, from the node or from the walked bytes.
        fileprivate func reading<Value>(
            _ read: (ASN1Node?) -> Value, _ readWalked: (WalkedElement?) -> Value
        ) -> Value {
            switch body {
            case .node(let node): read(node)
            case .walked(let walked): readWalked(walked.element)
            }
        }

        // By value: a walked statement equals the decoded one with the same id and info.

        public static func == (lhs: Statement, rhs: Statement) -> Bool { lhs.id == rhs.id && lhs.info == rhs.info }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(id)
            hasher.combine(info)
        }
    }

    /// A PdsLocation.
    public struct PDSLocation: Sendable, Hashable {
        public var url: String
        public var language: String
    }

    /// QcEuLimitValue.
    public struct LimitValue: Sendable, Hashable {
        /// The alphabetic code, or nil when numeric.
        public var alphabeticCurrency: String?
        public var numericCurrency: Int?
        public var amount: Int?
        public var exponent: Int?
    }

    public var statements: [Statement] {
        didSet { (cachedQcTypes, cachedPDSLocations) = Self.derived(statements) }
    }
    /// ``qcTypes`` and ``pdsLocations`` read once: a dozen rules ask for them per certificate.
    private var cachedQcTypes: [ASN1ObjectIdentifier]?
    private var cachedPDSLocations: [PDSLocation]?

    init(_ ext: CertificateExtension) throws(CertificateError) {
        let root = try LenientASN1.root(ext.value, "qcStatements")
        guard root.identifier == .sequence else {
            throw .unexpectedStructure("qcStatements is not a SEQUENCE", at: "qcStatements")
        }
        // The nodes are read where they are: arrays of them cost an allocation and a retain
        // per node, and qualified certificates carry about seven statements.
        var statements: [Statement] = []
        if case .constructed(let nodes) = root.content {
            for (i, node) in nodes.enumerated() {
                var first: ASN1Node?
                var second: ASN1Node?
                if case .constructed(let parts) = node.content {
                    var iterator = parts.makeIterator()
                    first = iterator.next()
                    second = iterator.next()
                }
                guard let first, let id = LenientASN1.oid(first) else {
                    throw .unexpectedStructure("statement \(i) has no statementId", at: "qcStatements[\(i)]")
                }
                statements.append(Statement(id: id, info: second))
            }
        }
        self.statements = statements
        (cachedQcTypes, cachedPDSLocations) = Self.derived(statements)
    }

    /// Reads a qcStatements value the walking decoder checked (``DERTree/embeddedRoot(_:_:)``);
    /// nil where ``init(_:)`` would throw or where the walk leaves the answer to swift-asn1.
    init?(walking reader: TLVReader, _ root: TLV) {
        guard root.tag == 0x30 else { return nil }
        var statements: [Statement] = []
        for (position, statement) in DERTree.lenient(reader, root).enumerated() {
            var parts = DERTree.lenient(reader, statement)
            guard let first = parts.next(), case .oid(let id) = DERTree.readOID(reader, first) else { return nil }
            statements.append(
                Statement(id: id, reader: reader, info: parts.next(), value: root.encoded, position: position))
        }
        self.statements = statements
        (cachedQcTypes, cachedPDSLocations) = Self.derived(statements)
    }

    private static func derived(_ statements: [Statement]) -> ([ASN1ObjectIdentifier]?, [PDSLocation]?) {
        let decoded = QCStatements(unreadStatements: statements)
        return (decoded.readQcTypes, decoded.readPDSLocations)
    }

    /// The statements alone, for reading the values cached beside them.
    private init(unreadStatements statements: [Statement]) {
        self.statements = statements
    }

    public func statement(_ id: ASN1ObjectIdentifier) -> Statement? {
        // By index: `first(where:)` copies each statement it passes (its id and info).
        for position in statements.indices where statements[position].id == id { return statements[position] }
        return nil
    }

    public func contains(_ id: ASN1ObjectIdentifier) -> Bool {
        statements.indices.contains { statements[$0].id == id }
    }

    /// QcType values, nil when the statement is absent; empty when its info is malformed or empty.
    public var qcTypes: [ASN1ObjectIdentifier]? { cachedQcTypes }

    private var readQcTypes: [ASN1ObjectIdentifier]? {
        statement(ID.qcType).map { $0.reading(Self.qcTypes, Self.qcTypes) }
    }

    private static func qcTypes(_ info: (some LenientElement)?) -> [ASN1ObjectIdentifier] {
        info.map { $0.lenientChildren.compactMap(\.lenientOID) } ?? []
    }

    /// PdsLocations, nil when absent; a malformed entry yields an empty url or language.
    public var pdsLocations: [PDSLocation]? { cachedPDSLocations }

    private var readPDSLocations: [PDSLocation]? {
        statement(ID.qcPDS).map { $0.reading(Self.pdsLocations, Self.pdsLocations) }
    }

    private static func pdsLocations(_ info: (some LenientElement)?) -> [PDSLocation] {
        (info?.lenientChildren ?? []).map { location in
            let parts = location.lenientChildren
            return PDSLocation(
                url: parts.first?.lenientString ?? "", language: parts.dropFirst().first?.lenientString ?? "")
        }
    }

    public var retentionYears: Int?? {
        statement(ID.qcRetentionPeriod).map { $0.reading(Self.integer, Self.integer) }
    }

    private static func integer(_ info: (some LenientElement)?) -> Int? { info?.lenientInteger }

    public var limitValue: LimitValue? {
        statement(ID.qcLimitValue).map { $0.reading(Self.limitValue, Self.limitValue) }
    }

    private static func limitValue(_ info: (some LenientElement)?) -> LimitValue {
        let parts = info?.lenientChildren ?? []
        var value = LimitValue()
        if let currency = parts.first {
            if currency.isInteger {
                value.numericCurrency = currency.lenientInteger
            } else {
                value.alphabeticCurrency = currency.lenientString
            }
        }
        value.amount = parts.dropFirst().first?.lenientInteger
        value.exponent = parts.dropFirst(2).first?.lenientInteger
        return value
    }

    public var legislationCountries: [String]? {
        statement(ID.qcCClegislation).map { $0.reading(Self.strings, Self.strings) }
    }

    private static func strings(_ info: (some LenientElement)?) -> [String] {
        (info?.lenientChildren ?? []).compactMap(\.lenientString)
    }

    /// The semantics identifiers of all pkixQCSyntax statements (v1 and v2).
    public var semanticsIdentifiers: [ASN1ObjectIdentifier] {
        var identifiers: [ASN1ObjectIdentifier] = []
        for position in statements.indices
        where statements[position].id == ID.pkixQCSyntaxV2 || statements[position].id == ID.pkixQCSyntaxV1 {
            if let identifier = statements[position].reading(Self.firstOID, Self.firstOID) {
                identifiers.append(identifier)
            }
        }
        return identifiers
    }

    private static func firstOID(_ info: (some LenientElement)?) -> ASN1ObjectIdentifier? {
        info?.lenientChildren.first?.lenientOID
    }

    public var psd2: PSD2QcType? { statement(ID.psd2).map(PSD2QcType.init) }
}

/// The TS 119 495 §5.1 PSD2 statement.
public struct PSD2QcType: Sendable, Hashable {
    public struct Role: Sendable, Hashable {
        public var oid: ASN1ObjectIdentifier?
        public var name: String?
    }

    /// Roles of TS 119 495 V1.7.1 (5.2.2) by OID.
    public static let roleNamesV1_7: [ASN1ObjectIdentifier: String] = [
        [0, 4, 0, 19495, 1, 1]: "PSP_AS", [0, 4, 0, 19495, 1, 2]: "PSP_PI", [0, 4, 0, 19495, 1, 3]: "PSP_AI",
        [0, 4, 0, 19495, 1, 4]: "PSP_IC",
    ]

    /// Roles of TS 119 495 V1.8.1: V1.7.1's plus PSP_CB, PSP_PA, VOP_RS and VOP_VS.
    public static let roleNames: [ASN1ObjectIdentifier: String] = roleNamesV1_7.merging([
        [0, 4, 0, 19495, 1, 5]: "PSP_CB", [0, 4, 0, 19495, 1, 6]: "PSP_PA", [0, 4, 0, 19495, 1, 7]: "VOP_RS",
        [0, 4, 0, 19495, 1, 8]: "VOP_VS",
    ]) { old, _ in old }

    public var roles: [Role]
    public var ncaName: String?
    public var ncaID: String?

    init(_ statement: QCStatements.Statement) {
        self = statement.reading(Self.init(info:), Self.init(info:))
    }

    fileprivate init(info: (some LenientElement)?) {
        let parts = info?.lenientChildren ?? []
        roles = (parts.first?.lenientChildren ?? []).map { role in
            let fields = role.lenientChildren
            return Role(oid: fields.first?.lenientOID, name: fields.dropFirst().first?.lenientString)
        }
        ncaName = parts.dropFirst().first?.lenientString
        ncaID = parts.dropFirst(2).first?.lenientString
    }
}
