internal import CLibXML2
import Certificates
import Foundation

/// Reads the qualification-relevant parts of a TS 119 612 list (hardened parse, see
/// `XMLDocument`). Signature verification is not part of this reader.
public enum TrustedListParser {
    typealias X = XMLNodeReading

    /// Parses `bytes`; a list that is not well formed or has no TrustServiceStatusList root fails.
    public static func parse(_ bytes: [UInt8], source: String) -> Result<TrustedList, TrustedListError> {
        let document: XMLDocument
        switch XMLDocument.parse(bytes) {
        case .failure(let error): return .failure(error)
        case .success(let parsed): document = parsed
        }
        guard let root = xmlDocGetRootElement(document.pointer), X.name(root) == "TrustServiceStatusList" else {
            return .failure(.notWellFormed("the root element is not TrustServiceStatusList", at: "/"))
        }
        let scheme = X.child(root, "SchemeInformation")
        let providers =
            (X.path(root, ["TrustServiceProviderList"]).map { X.children($0, "TrustServiceProvider") } ?? [])
            .map(provider)
        return .success(
            TrustedList(
                territory: scheme.flatMap { X.text($0, ["SchemeTerritory"]) },
                sequenceNumber: scheme.flatMap { X.text($0, ["TSLSequenceNumber"]) }.flatMap { Int($0) },
                issueDate: scheme.flatMap { X.text($0, ["ListIssueDateTime"]) },
                nextUpdate: scheme.flatMap { X.text($0, ["NextUpdate", "dateTime"]) },
                providers: providers, source: source))
    }

    static func provider(_ node: xmlNodePtr) -> TrustServiceProvider {
        let name =
            X.path(node, ["TSPInformation", "TSPName"]).flatMap { X.children($0, "Name").first }.map { X.text($0) }
            ?? ""
        let services = (X.path(node, ["TSPServices"]).map { X.children($0, "TSPService") } ?? []).compactMap {
            service($0, provider: name)
        }
        return TrustServiceProvider(name: name, services: services)
    }

    static func service(_ node: xmlNodePtr, provider: String) -> TrustService? {
        guard let information = X.child(node, "ServiceInformation"), let current = period(information) else {
            return nil
        }
        let history = (X.child(node, "ServiceHistory").map { X.children($0, "ServiceHistoryInstance") } ?? [])
            .compactMap(period)
        var additional: [String] = []
        var qualifications: [TrustService.Qualification] = []
        for ext in X.child(information, "ServiceInformationExtensions").map({ X.children($0, "Extension") }) ?? [] {
            for element in X.children(ext) {
                switch X.name(element) {
                case "AdditionalServiceInformation":
                    if let uri = X.text(element, ["URI"]) { additional.append(uri) }
                case "Qualifications":
                    for qualification in X.children(element, "QualificationElement") {
                        let qualifiers =
                            (X.child(qualification, "Qualifiers").map { X.children($0, "Qualifier") } ?? [])
                            .compactMap { X.attribute($0, "uri") }
                        guard let criteria = X.child(qualification, "CriteriaList") else { continue }
                        qualifications.append(.init(qualifiers: qualifiers, criteria: criteriaList(criteria)))
                    }
                default: break
                }
            }
        }
        return TrustService(
            name: X.path(information, ["ServiceName"]).flatMap { X.children($0, "Name").first }.map { X.text($0) }
                ?? "",
            current: current, history: history,
            identity: identity(X.child(information, "ServiceDigitalIdentity")),
            additionalInformation: additional, qualifications: qualifications, providerName: provider)
    }

    static func period(_ node: xmlNodePtr) -> TrustService.StatusPeriod? {
        guard let type = X.text(node, ["ServiceTypeIdentifier"]), let status = X.text(node, ["ServiceStatus"]),
            let startText = X.text(node, ["StatusStartingTime"]), let start = DateTimeText.seconds(startText)
        else { return nil }
        return .init(type: type, status: status, start: start, startText: startText)
    }

    static func identity(_ node: xmlNodePtr?) -> ServiceDigitalIdentity {
        var identity = ServiceDigitalIdentity(certificates: [], subjectKeyIdentifiers: [], subjectNames: [])
        for digitalID in node.map({ X.children($0, "DigitalId") }) ?? [] {
            for element in X.children(digitalID) {
                switch X.name(element) {
                case "X509Certificate":
                    if let der = Data(base64Encoded: X.text(element), options: .ignoreUnknownCharacters) {
                        identity.certificates.append([UInt8](der))
                    }
                case "X509SKI":
                    if let ski = Data(base64Encoded: X.text(element), options: .ignoreUnknownCharacters) {
                        identity.subjectKeyIdentifiers.append([UInt8](ski))
                    }
                case "X509SubjectName": identity.subjectNames.append(X.text(element))
                default: break
                }
            }
        }
        return identity
    }

    static func criteriaList(_ node: xmlNodePtr) -> CriteriaList {
        let assert = CriteriaList.Assert(rawValue: X.attribute(node, "assert") ?? "all") ?? .all
        var keyUsage: [[String: Bool]] = []
        var policySets: [[String]] = []
        var nested: [CriteriaList] = []
        var unsupported: [String] = []
        for element in X.children(node) {
            switch X.name(element) {
            case "KeyUsage":
                var bits: [String: Bool] = [:]
                for bit in X.children(element, "KeyUsageBit") {
                    if let name = X.attribute(bit, "name") { bits[name] = X.text(bit) == "true" }
                }
                keyUsage.append(bits)
            case "PolicySet":
                policySets.append(
                    X.children(element, "PolicyIdentifier").compactMap { X.text($0, ["Identifier"]) }.map {
                        $0.hasPrefix("urn:oid:") ? String($0.dropFirst(8)) : $0
                    })
            case "CriteriaList": nested.append(criteriaList(element))
            case "Description": break
            default: unsupported.append(X.name(element))
            }
        }
        return .list(
            assert: assert, keyUsage: keyUsage, policySets: policySets, nested: nested, unsupported: unsupported)
    }
}

/// xsd:dateTime values of trusted lists (`2016-06-30T22:00:00Z`), read to seconds since 1970.
enum DateTimeText {
    static func seconds(_ text: String) -> Int64? {
        let chars = Array(text.utf8)
        func number(_ from: Int, _ count: Int) -> Int? { CertificateTime.decimal(chars, from, count) }
        guard chars.count >= 19, let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2)
        else { return nil }
        var seconds =
            Int64(CertificateTime.daysSince1970(year: year, month: month, day: day)) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
        // Offsets other than Z: "+hh:mm" / "-hh:mm" after the seconds (fractions skipped).
        var index = 19
        while index < chars.count, chars[index] == 0x2E || (0x30...0x39).contains(chars[index]) { index += 1 }
        if index < chars.count, chars[index] == 0x2B || chars[index] == 0x2D,
            let h = number(index + 1, 2), let m = number(index + 4, 2)
        {
            seconds -= Int64((h * 60 + m) * 60) * (chars[index] == 0x2B ? 1 : -1)
        }
        return seconds
    }
}
