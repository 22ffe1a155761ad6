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

    /// One statement: its id and the info node, if any.
    public struct Statement: Sendable, Hashable {
        public var id: ASN1ObjectIdentifier
        public var info: ASN1Node?
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

    private static func derived(_ statements: [Statement]) -> ([ASN1ObjectIdentifier]?, [PDSLocation]?) {
        let decoded = QCStatements(unreadStatements: statements)
        return (decoded.readQcTypes, decoded.readPDSLocations)
    }

    /// The statements alone, for reading the values cached beside them.
    private init(unreadStatements statements: [Statement]) {
        self.statements = statements
    }

    public func statement(_ id: ASN1ObjectIdentifier) -> Statement? {
        // By index: `first(where:)` copies each statement it passes (its id and info node).
        for position in statements.indices where statements[position].id == id { return statements[position] }
        return nil
    }

    public func contains(_ id: ASN1ObjectIdentifier) -> Bool {
        statements.indices.contains { statements[$0].id == id }
    }

    /// QcType values, nil when the statement is absent; empty when its info is malformed or empty.
    public var qcTypes: [ASN1ObjectIdentifier]? { cachedQcTypes }

    private var readQcTypes: [ASN1ObjectIdentifier]? {
        statement(ID.qcType).map { ($0.info).map { LenientASN1.children($0).compactMap(LenientASN1.oid) } ?? [] }
    }

    /// PdsLocations, nil when absent; a malformed entry yields an empty url or language.
    public var pdsLocations: [PDSLocation]? { cachedPDSLocations }

    private var readPDSLocations: [PDSLocation]? {
        statement(ID.qcPDS).map { statement in
            (statement.info.map(LenientASN1.children) ?? []).map { location in
                let parts = LenientASN1.children(location)
                return PDSLocation(
                    url: parts.first.flatMap(LenientASN1.string) ?? "",
                    language: parts.dropFirst().first.flatMap(LenientASN1.string) ?? "")
            }
        }
    }

    public var retentionYears: Int?? {
        statement(ID.qcRetentionPeriod).map { $0.info.flatMap(LenientASN1.integer) }
    }

    public var limitValue: LimitValue? {
        statement(ID.qcLimitValue).map { statement in
            let parts = statement.info.map(LenientASN1.children) ?? []
            var value = LimitValue()
            if let currency = parts.first {
                if currency.identifier == .integer {
                    value.numericCurrency = LenientASN1.integer(currency)
                } else {
                    value.alphabeticCurrency = LenientASN1.string(currency)
                }
            }
            value.amount = parts.dropFirst().first.flatMap(LenientASN1.integer)
            value.exponent = parts.dropFirst(2).first.flatMap(LenientASN1.integer)
            return value
        }
    }

    public var legislationCountries: [String]? {
        statement(ID.qcCClegislation).map { ($0.info.map(LenientASN1.children) ?? []).compactMap(LenientASN1.string) }
    }

    /// The semantics identifiers of all pkixQCSyntax statements (v1 and v2).
    public var semanticsIdentifiers: [ASN1ObjectIdentifier] {
        statements.filter { $0.id == ID.pkixQCSyntaxV2 || $0.id == ID.pkixQCSyntaxV1 }.compactMap { statement in
            statement.info.flatMap { LenientASN1.children($0).first.flatMap(LenientASN1.oid) }
        }
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
        let parts = statement.info.map(LenientASN1.children) ?? []
        roles = (parts.first.map(LenientASN1.children) ?? []).map { role in
            let fields = LenientASN1.children(role)
            return Role(
                oid: fields.first.flatMap(LenientASN1.oid), name: fields.dropFirst().first.flatMap(LenientASN1.string))
        }
        ncaName = parts.dropFirst().first.flatMap(LenientASN1.string)
        ncaID = parts.dropFirst(2).first.flatMap(LenientASN1.string)
    }
}
