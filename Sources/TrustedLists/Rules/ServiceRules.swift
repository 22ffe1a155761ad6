import AuditCore
import Certificates
import Foundation

/// Provider, service and history rules of TS 119 612 (clauses 5.4 … 5.6; TL-029 … TL-042).
enum ServiceRules {
    static let all: [Rule<InspectedTrustedList>] = [
        tradeName, providerInformation, serviceType, serviceStatus, serviceInformation, digitalIdentity, duplicateKeys,
        definitionURI, expiredCertsRevocationInfo, qualifications, additionalInformation, historyOrder,
        historyInstances,
        historyStatuses,
    ]

    typealias Place = (location: String, observed: String)

    /// Registration identifiers of 5.4.2: VAT, national trade register, passport, identity card,
    /// personal number, tax number (each with a country code), or an LEI.
    static func isRegistrationIdentifier(_ text: String) -> Bool {
        TextShape.hasCountryPrefix(text, after: ["VAT", "NTR", "PAS", "IDC", "PNO", "TIN"])
            || (text.hasPrefix("LEI") && text.contains("-"))
    }

    /// TSPTradeName carries the provider's registration identifier.
    static let tradeName = ListRule.make("TL-029") { list, _, _ in
        guard !list.providers.isEmpty else { return [.notApplicable(because: "no trust service provider")] }
        let bad = list.providers.compactMap { provider -> Place? in
            let names = provider.information?.child("TSPTradeName")?.children("Name").map(\.text) ?? []
            if names.contains(where: isRegistrationIdentifier) { return nil }
            return (
                provider.location + "/TSPInformation/TSPTradeName",
                names.isEmpty ? "no TSPTradeName" : "\"\(names[0].prefix(60))\""
            )
        }
        return ListRule.failures(
            bad, expected: "a Name such as VATBE-0123456789 or NTRBE-…",
            message: "the provider's trade names should include its registration identifier")
    }

    /// Postal and electronic address, information URI, and no critical provider extension in an EU list.
    static let providerInformation = ListRule.make("TL-029b") { list, _, _ in
        guard !list.providers.isEmpty else { return [.notApplicable(because: "no trust service provider")] }
        var bad: [Place] = []
        for provider in list.providers {
            let information = provider.information
            var missing: [String] = []
            if information?.path("TSPAddress", "PostalAddresses") == nil { missing.append("postal address") }
            if information?.path("TSPAddress", "ElectronicAddress") == nil { missing.append("electronic address") }
            if information?.child("TSPInformationURI") == nil { missing.append("TSPInformationURI") }
            if !missing.isEmpty {
                bad.append((provider.location + "/TSPInformation", "missing " + missing.joined(separator: ", ")))
            }
            if list.isEU, let extensions = information?.child("TSPInformationExtensions"),
                extensions.children("Extension").contains(where: {
                    ["true", "1"].contains($0.attribute("Critical") ?? "")
                })
            {
                bad.append(
                    (provider.location + "/TSPInformation/TSPInformationExtensions", "critical extension in an EU list")
                )
            }
        }
        return ListRule.failures(
            bad, expected: "address, information URI, no critical provider extension",
            message: "the provider information is incomplete")
    }

    /// Every status period of every service: the current information and each history instance.
    static func periods(_ list: ListView) -> [(element: ParsedElement, location: String, service: ListView.Service)] {
        list.services.flatMap { service -> [(ParsedElement, String, ListView.Service)] in
            var result: [(ParsedElement, String, ListView.Service)] = []
            if let information = service.information {
                result.append((information, service.location + "/ServiceInformation", service))
            }
            if let history = service.element.child("ServiceHistory") {
                for (instance, step) in zip(history.children, history.steps)
                where instance.name == "ServiceHistoryInstance" {
                    result.append((instance, service.location + "/ServiceHistory/" + step, service))
                }
            }
            return result
        }
    }

    /// Service types are registered URIs.
    static let serviceType = ListRule.make("TL-030") { list, _, _ in
        guard !list.services.isEmpty else { return [.notApplicable(because: "no service")] }
        let bad = periods(list).compactMap { period -> Place? in
            let type = period.element.child("ServiceTypeIdentifier")?.text ?? ""
            return ServiceVocabulary.registeredTypes.contains(type)
                ? nil : (period.location + "/ServiceTypeIdentifier", "\"\(type)\"")
        }
        return ListRule.failures(
            bad, expected: "a service type of TS 119 612 5.5.1", message: "a service type is not registered")
    }

    /// The current status fits the service type and the date.
    static let serviceStatus = ListRule.make("TL-031") { list, _, _ in
        guard !list.services.isEmpty else { return [.notApplicable(because: "no service")] }
        let bad = list.services.compactMap { service -> Place? in
            let type = service.type
            let status = service.status
            let start =
                service.information?.child("StatusStartingTime").flatMap { DateTimeText.seconds($0.text) } ?? .max
            let fits: Bool
            if ServiceVocabulary.historicStatuses.contains(status) {
                fits = start < ServiceVocabulary.eIDASStatusesFrom
            } else if ServiceVocabulary.qualifiedTypes.contains(type) {
                fits = ServiceVocabulary.qualifiedStatuses.contains(status)
            } else if ServiceVocabulary.nationalTypes.contains(type) {
                fits = ServiceVocabulary.nationalStatuses.contains(status)
            } else {
                fits = true // unregistered type: TL-030
            }
            return fits
                ? nil
                : (
                    service.location + "/ServiceInformation/ServiceStatus",
                    "\(TrustedListURI.short(type)) \(TrustedListURI.short(status))"
                )
        }
        return ListRule.failures(
            bad,
            expected: "granted/withdrawn for qualified services, recognised/deprecated at national level for others",
            message: "a service status does not fit its type or date")
    }

    /// ServiceInformation names type, name, status and its start.
    static let serviceInformation = ListRule.make("TL-032") { list, _, _ in
        var bad: [Place] = []
        for provider in list.providers {
            let services = provider.element.child("TSPServices")?.children("TSPService") ?? []
            if services.isEmpty { bad.append((provider.location, "no TSPService")) }
        }
        for service in list.services {
            guard let information = service.information else {
                bad.append((service.location, "no ServiceInformation"))
                continue
            }
            let missing = ["ServiceTypeIdentifier", "ServiceName", "ServiceStatus", "StatusStartingTime"].filter {
                information.child($0) == nil
            }
            if !missing.isEmpty {
                bad.append((service.location + "/ServiceInformation", "missing " + missing.joined(separator: ", ")))
            }
        }
        return ListRule.failures(
            bad, expected: "ServiceTypeIdentifier, ServiceName, ServiceStatus, StatusStartingTime",
            message: "a service's information is incomplete")
    }

    /// The identifiers a ServiceDigitalIdentity gives.
    struct Identity {
        var certificates: [InspectedCertificate] = []
        var keyIdentifiers: [[UInt8]] = []
        var subjectNames: [String] = []

        init(_ element: ParsedElement?, _ decoded: [String: InspectedCertificate]) {
            for id in element?.children("DigitalId") ?? [] {
                for child in id.children {
                    switch child.name {
                    case "X509Certificate":
                        if let certificate = decoded[child.text] {
                            certificates.append(certificate)
                        } else if let der = Data(base64Encoded: child.text, options: .ignoreUnknownCharacters) {
                            certificates.append(InspectedCertificate(bytes: [UInt8](der)))
                        }
                    case "X509SKI":
                        if let ski = Data(base64Encoded: child.text, options: .ignoreUnknownCharacters) {
                            keyIdentifiers.append([UInt8](ski))
                        }
                    case "X509SubjectName": subjectNames.append(child.text)
                    default: break
                    }
                }
            }
        }

        var publicKeys: Set<ArraySlice<UInt8>> {
            Set(certificates.compactMap { $0.certificate?.tbs.subjectPublicKeyInfo })
        }

        /// Key identifiers the certificates declare (subjectKeyIdentifier).
        var declaredKeyIdentifiers: Set<[UInt8]> {
            Set(certificates.compactMap { try? $0.extensions?.subjectKeyIdentifier?.get().keyIdentifier })
        }
    }

    /// The commonName value of an RFC 4514-style name (`CN=…`), lower-cased, unescaped.
    static func commonName(in text: String) -> String? {
        var parts: [String] = []
        var current = ""
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            switch character {
            case "\\": escaped = true
            case ",", ";", "+":
                parts.append(current)
                current = ""
            default: current.append(character)
            }
        }
        parts.append(current)
        for part in parts {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed.uppercased().hasPrefix("CN=") { return normalised(String(trimmed.dropFirst(3))) }
        }
        return nil
    }

    /// Lower case with every run of white space made one space (lists wrap long names).
    static func normalised(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }

    /// A PKI service lists its certificate; every identifier names the same key and subject.
    static let digitalIdentity = ListRule.make("TL-033") { list, _, _ in
        guard !list.services.isEmpty else { return [.notApplicable(because: "no service")] }
        var bad: [Place] = []
        for service in list.services {
            let location = service.location + "/ServiceInformation/ServiceDigitalIdentity"
            let identity = Identity(service.information?.child("ServiceDigitalIdentity"), list.certificates)
            if ServiceVocabulary.isPKIBased(service.type), identity.certificates.isEmpty {
                bad.append((location, "no X509Certificate for a PKI-based service"))
                continue
            }
            if identity.publicKeys.count > 1 {
                bad.append((location, "\(identity.publicKeys.count) different public keys"))
            }
            let declared = identity.declaredKeyIdentifiers
            if !declared.isEmpty, let stray = identity.keyIdentifiers.first(where: { !declared.contains($0) }) {
                bad.append(
                    (
                        location + "/DigitalId/X509SKI",
                        "X509SKI \(Hex.string(stray)) is not the certificate's subjectKeyIdentifier"
                    ))
            }
            // X509SubjectName is free text in many spellings (hex values, OIDs, spacing): only the
            // commonName is compared, which every spelling carries verbatim.
            let commonNames = Set(
                identity.certificates.compactMap {
                    $0.certificate?.tbs.subject.value(DistinguishedName.AttributeType.commonName).map(normalised)
                })
            if !commonNames.isEmpty,
                let name = identity.subjectNames.first(where: { text in
                    guard let cn = commonName(in: text) else { return false }
                    return !commonNames.contains(cn)
                })
            {
                bad.append(
                    (
                        location + "/DigitalId/X509SubjectName",
                        "X509SubjectName \"\(name.prefix(80))\" names another commonName than the certificate"
                    ))
            }
        }
        return ListRule.failures(
            bad, expected: "one key and subject across X509Certificate, X509SKI, X509SubjectName",
            message: "a service's digital identity is missing or inconsistent")
    }

    /// One key is not listed for two services of the same type.
    static let duplicateKeys = ListRule.make("TL-035") { list, _, _ in
        var seen: [ServiceKeySlot: String] = [:]
        var bad: [Place] = []
        for service in list.services {
            for key in Identity(service.information?.child("ServiceDigitalIdentity"), list.certificates).publicKeys {
                let slot = ServiceKeySlot(type: service.type, key: key)
                if let first = seen[slot] {
                    bad.append((service.location, "same \(TrustedListURI.short(service.type)) key as \(first)"))
                } else {
                    seen[slot] = service.location
                }
            }
        }
        return ListRule.failures(
            bad, expected: "each key once per service type",
            message: "a public key is listed twice for the same service type")
    }

    /// A NationalRootCA-QC service gives its TSPServiceDefinitionURI.
    static let definitionURI = ListRule.make("TL-036") { list, _, _ in
        let roots = list.services.filter { $0.type == ServiceVocabulary.typePrefix + "NationalRootCA-QC" }
        guard !roots.isEmpty else { return [.notApplicable(because: "no NationalRootCA-QC service")] }
        let bad = roots.filter { $0.information?.child("TSPServiceDefinitionURI") == nil }.map {
            ($0.location + "/ServiceInformation", "no TSPServiceDefinitionURI")
        }
        return ListRule.failures(
            bad, expected: "TSPServiceDefinitionURI",
            message: "a national root CA service does not give its definition URI")
    }

    /// Service extensions of one kind with their service.
    static func extensions(_ list: ListView, _ kind: String) -> [(ListView.Service, ParsedElement)] {
        list.services.flatMap { service in service.extensions.filter { $0.child(kind) != nil }.map { (service, $0) } }
    }

    /// expiredCertsRevocationInfo only for CA and status services, never critical.
    static let expiredCertsRevocationInfo = ListRule.make("TL-037") { list, _, _ in
        let found = extensions(list, "ExpiredCertsRevocationInfo")
        guard !found.isEmpty else { return [.notApplicable(because: "no expiredCertsRevocationInfo extension")] }
        let bad = found.compactMap { service, ext -> Place? in
            if !ServiceVocabulary.expiredCertsRevocationInfoTypes.contains(service.type) {
                return (service.location, "on a \(TrustedListURI.short(service.type)) service")
            }
            return ["true", "1"].contains(ext.attribute("Critical") ?? "") ? (service.location, "marked critical") : nil
        }
        return ListRule.failures(
            bad, expected: "CA or certificate status services, not critical",
            message: "expiredCertsRevocationInfo is used where TS 119 612 does not allow it")
    }

    /// Qualifications only on CA/QC, with known qualifiers and criteria.
    static let qualifications = ListRule.make("TL-038") { list, _, _ in
        let found = extensions(list, "Qualifications")
        guard !found.isEmpty else { return [.notApplicable(because: "no Qualifications extension")] }
        var bad: [Place] = []
        for (service, ext) in found {
            if service.type != TrustedListURI.serviceTypeCAQC {
                bad.append((service.location, "Qualifications on a \(TrustedListURI.short(service.type)) service"))
            }
            let elements = ext.child("Qualifications")?.children("QualificationElement") ?? []
            if elements.isEmpty { bad.append((service.location, "Qualifications without QualificationElement")) }
            for element in elements {
                let qualifiers =
                    element.child("Qualifiers")?.children("Qualifier").map { $0.attribute("uri") ?? "" } ?? []
                if qualifiers.isEmpty { bad.append((service.location, "QualificationElement without Qualifier")) }
                for uri in qualifiers where !ServiceVocabulary.qualifiers.contains(uri) {
                    bad.append((service.location, "qualifier \"\(uri)\""))
                }
                let assert = element.child("CriteriaList")?.attribute("assert")
                if !["all", "atLeastOne", "none"].contains(assert ?? "") {
                    bad.append((service.location, "CriteriaList assert \"\(assert ?? "absent")\""))
                }
            }
        }
        return ListRule.failures(
            bad, expected: "Qualifications on CA/QC with D.5 qualifiers and a valid CriteriaList",
            message: "a Qualifications extension is not well-formed")
    }

    /// additionalServiceInformation URIs are registered; a granted CA/QC of an EU list says what its certificates are
    /// for.
    static let additionalInformation = ListRule.make("TL-039") { list, _, _ in
        var bad: [Place] = []
        for service in list.services {
            let uris = service.extensions.compactMap { $0.child("AdditionalServiceInformation")?.child("URI")?.text }
            for uri in uris
            where uri.hasPrefix(ServiceVocabulary.extensionPrefix)
                && !ServiceVocabulary.additionalInformation.contains(uri)
            {
                bad.append((service.location, "additionalServiceInformation \"\(uri)\""))
            }
            if list.isEU, service.type == TrustedListURI.serviceTypeCAQC,
                service.status == TrustedListURI.statusGranted,
                !uris.contains(where: ServiceVocabulary.usageInformation.contains)
            {
                bad.append(
                    (service.location, "granted CA/QC without ForeSignatures, ForeSeals or ForWebSiteAuthentication"))
            }
        }
        return ListRule.failures(
            bad, expected: "registered additionalServiceInformation; usage stated for a granted CA/QC",
            message: "additional service information is missing or unknown")
    }

    /// Rules over the services that have a history (not applicable when none has).
    static func withHistory(
        _ id: RequirementID, _ body: @escaping @Sendable (ListView, [ListView.Service]) -> [Finding]
    ) -> Rule<InspectedTrustedList> {
        ListRule.make(id) { list, _, _ in
            let services = list.services.filter { !$0.history.isEmpty }
            return services.isEmpty ? [.notApplicable(id, because: "no service history")] : body(list, services)
        }
    }

    /// History newest first, all before the current status.
    static let historyOrder = withHistory("TL-040") { list, withHistory in
        var bad: [Place] = []
        for service in withHistory {
            var previous =
                service.information?.child("StatusStartingTime").flatMap { DateTimeText.seconds($0.text) } ?? .max
            for instance in service.history {
                guard let start = instance.child("StatusStartingTime").flatMap({ DateTimeText.seconds($0.text) }) else {
                    continue
                }
                if start > previous {
                    bad.append(
                        (
                            service.location + "/ServiceHistory",
                            "instance starting \(instance.child("StatusStartingTime")?.text ?? "") after the status that follows it"
                        ))
                    break
                }
                previous = start
            }
        }
        return ListRule.failures(
            bad, expected: "descending StatusStartingTime, before the current status",
            message: "a service history is out of order")
    }

    /// History instances are complete and name the same key as the service.
    static let historyInstances = withHistory("TL-041") { list, withHistory in
        var bad: [Place] = []
        for service in withHistory {
            let current = Identity(service.information?.child("ServiceDigitalIdentity"), list.certificates)
            let currentKeys = current.publicKeys
            let currentIdentifiers = current.declaredKeyIdentifiers.union(current.keyIdentifiers)
            for (index, instance) in service.history.enumerated() {
                let location = service.location + "/ServiceHistory/ServiceHistoryInstance[\(index + 1)]"
                let missing = [
                    "ServiceTypeIdentifier", "ServiceName", "ServiceDigitalIdentity", "ServiceStatus",
                    "StatusStartingTime",
                ]
                .filter { instance.child($0) == nil }
                if !missing.isEmpty {
                    bad.append((location, "missing " + missing.joined(separator: ", ")))
                    continue
                }
                let past = Identity(instance.child("ServiceDigitalIdentity"), list.certificates)
                let sameKey =
                    past.publicKeys.contains(where: currentKeys.contains)
                    || past.keyIdentifiers.contains(where: currentIdentifiers.contains)
                    || past.declaredKeyIdentifiers.contains(where: currentIdentifiers.contains)
                let comparable =
                    (!past.publicKeys.isEmpty && !currentKeys.isEmpty)
                    || (!past.keyIdentifiers.isEmpty && !currentIdentifiers.isEmpty)
                if comparable && !sameKey {
                    bad.append((location + "/ServiceDigitalIdentity", "names another key than the current service"))
                }
            }
        }
        return ListRule.failures(
            bad, expected: "complete instances naming the service's key",
            message: "a history instance is incomplete or names another key")
    }

    /// Annex J — history statuses belong to their period (Directive statuses before 2016-07-01, eIDAS statuses from
    /// 2016-06-30 on, allowing the migration day).
    static let historyStatuses = withHistory("TL-042") { list, withHistory in
        let migrationDay = ServiceVocabulary.eIDASStatusesFrom - 86_400
        var bad: [Place] = []
        for service in withHistory {
            for (index, instance) in service.history.enumerated() {
                let status = instance.child("ServiceStatus")?.text ?? ""
                guard let startText = instance.child("StatusStartingTime")?.text,
                    let start = DateTimeText.seconds(startText)
                else { continue }
                let fits =
                    ServiceVocabulary.historicStatuses.contains(status)
                    ? start < ServiceVocabulary.eIDASStatusesFrom
                    : (ServiceVocabulary.qualifiedStatuses.union(ServiceVocabulary.nationalStatuses).contains(status)
                        ? start >= migrationDay : true)
                if !fits {
                    bad.append(
                        (
                            service.location + "/ServiceHistory/ServiceHistoryInstance[\(index + 1)]",
                            "\(TrustedListURI.short(status)) from \(startText)"
                        ))
                }
            }
        }
        return ListRule.failures(
            bad, expected: "Directive statuses before 2016-07-01, eIDAS statuses after",
            message: "a history status does not belong to its period")
    }
}

/// A service type with one public key (TL-035).
struct ServiceKeySlot: Hashable {
    var type: String
    var key: ArraySlice<UInt8>
}
