/// The parts of an ETSI TS 119 612 trusted list that qualification decisions read (clause 5):
/// scheme territory and dates, providers, services, their current status, history and
/// qualification extensions.
public struct TrustedList: Sendable {
    public var territory: String?
    public var sequenceNumber: Int?
    public var issueDate: String?
    public var nextUpdate: String?
    public var providers: [TrustServiceProvider]
    /// Where the list came from (file name), for evidence.
    public var source: String
}

/// A TrustServiceProvider (5.4).
public struct TrustServiceProvider: Sendable {
    public var name: String
    public var services: [TrustService]
}

/// A TSPService (5.5) with its history (5.6).
public struct TrustService: Sendable {
    /// One status period of the service: the current one or a history instance.
    public struct StatusPeriod: Sendable {
        public var type: String
        public var status: String
        /// StatusStartingTime in seconds since 1970.
        public var start: Int64
        public var startText: String
    }

    /// A Qualifications extension element (5.5.9.2): qualifiers that apply when the criteria match.
    public struct Qualification: Sendable {
        public var qualifiers: [String]
        public var criteria: CriteriaList
    }

    public var name: String
    public var current: StatusPeriod
    /// History, newest first as the list gives it.
    public var history: [StatusPeriod]
    public var identity: ServiceDigitalIdentity
    /// AdditionalServiceInformation URIs (ForeSignatures, ForeSeals, ForWebSiteAuthentication, …).
    public var additionalInformation: [String]
    public var qualifications: [Qualification]
    public var providerName: String

    /// The status period in force at `time`: the current status if it started by then,
    /// otherwise the newest history instance that had.
    public func period(at time: Int64) -> StatusPeriod? {
        ([current] + history).filter { $0.start <= time }.max { $0.start < $1.start }
    }
}

/// ServiceDigitalIdentity (5.5.3): certificates, key identifiers and subject names.
public struct ServiceDigitalIdentity: Sendable {
    public var certificates: [[UInt8]]
    public var subjectKeyIdentifiers: [[UInt8]]
    public var subjectNames: [String]
}

/// A CriteriaList of a Qualification (5.5.9.2.2).
public indirect enum CriteriaList: Sendable {
    public enum Assert: String, Sendable { case all, atLeastOne, none }

    case list(
        assert: Assert, keyUsage: [[String: Bool]], policySets: [[String]], nested: [CriteriaList],
        unsupported: [String])
}

/// TS 119 612 URIs the qualification logic compares.
public enum TrustedListURI {
    public static let serviceTypeCAQC = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC"
    public static let serviceTypeQTST = "http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST"
    public static let statusGranted = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted"
    /// Statuses that meant "qualified" before 2016-07-01 (TS 119 612 Annex J).
    public static let historicQualifiedStatuses: Set<String> = [
        "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/undersupervision",
        "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/supervisionincessation",
        "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/accredited",
    ]

    /// The last path segment, for readable evidence (`QCWithQSCD`, `granted`, `CA/QC`).
    public static func short(_ uri: String) -> String {
        if uri.hasPrefix("http://uri.etsi.org/TrstSvc/Svctype/") { return String(uri.dropFirst(36)) }
        return uri.split(separator: "/").last.map(String.init) ?? uri
    }
}
