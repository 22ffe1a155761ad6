import AuditCore
import Certificates
import Foundation

/// Document-wide and scheme-information rules of TS 119 612 (clauses 5.1 and 5.3): language
/// tags, country codes, extensions, URIs and every SchemeInformation field (TL-005 … TL-028).
enum SchemeInformationRules {
    static let all: [Rule<InspectedTrustedList>] = [
        languageTags, countryCodes, criticalExtensions, uriSyntax, tag, version, sequenceNumber, type, operatorName,
        englishEntries, operatorAddress, schemeName, informationURI, historicalPeriod, pointersToOtherLists,
        issueAndNextUpdate,
        closedList, statusDetermination, communityRules, schemeExtensions, policyOrLegalNotice, distributionPoints,
        providerList,
    ]

    static let uriPrefix = "http://uri.etsi.org/TrstSvc/TrustedList/"

    /// Containers whose Name children are multilingual (InternationalNamesType).
    static let nameContainers: Set<String> = [
        "SchemeOperatorName", "SchemeName", "TSPName", "TSPTradeName", "ServiceName",
    ]
    /// Containers whose URI children are multilingual (NonEmptyMultiLangURIType).
    static let uriContainers: Set<String> = [
        "SchemeInformationURI", "SchemeTypeCommunityRules", "TSPInformationURI", "SchemeServiceDefinitionURI",
        "TSPServiceDefinitionURI", "ElectronicAddress", "AdditionalServiceInformation",
    ]

    /// Every multilingual element with its location (ds:Signature is not part of the list's text).
    static func multilingual(_ root: ParsedElement) -> [(element: ParsedElement, location: String)] {
        var found: [(ParsedElement, String)] = []
        func visit(_ element: ParsedElement, _ location: String, parent: String) {
            if element.name == "Signature" { return }
            if (element.name == "Name" && nameContainers.contains(parent))
                || (element.name == "URI" && uriContainers.contains(parent))
                || ["TSLLegalNotice", "TSLPolicy", "PostalAddress"].contains(element.name)
            {
                found.append((element, location))
            }
            for (child, step) in zip(element.children, element.steps) {
                visit(child, location + "/" + step, parent: element.name)
            }
        }
        visit(root, "/" + root.name, parent: "")
        return found
    }

    /// Multilingual values carry xml:lang, a well-formed tag in lower case.
    static let languageTags = ListRule.make("TL-005") { list, _, _ in
        let bad = multilingual(list.root).compactMap { entry -> (location: String, observed: String)? in
            guard let language = entry.element.language else {
                return (entry.location, "\(entry.element.name) without xml:lang")
            }
            return TextShape.isLanguageTag(language, strict: true)
                ? nil : (entry.location, "xml:lang=\"\(language)\"")
        }
        return ListRule.failures(
            bad, expected: "xml:lang with a lower-case RFC 5646 tag",
            message: "multilingual values must state their language as a lower-case language tag")
    }

    /// Country codes are ISO 3166-1 alpha-2 in upper case (UK, EL and EU allowed).
    static let countryCodes = ListRule.make("TL-006") { list, _, _ in
        var codes: [(location: String, observed: String)] = []
        list.root.walk { element, location in
            if (element.name == "SchemeTerritory" || element.name == "CountryName") && !location.contains("/Signature/")
            {
                codes.append((location, element.text))
            }
        }
        let bad = codes.filter {
            !(ISOCodes.countries.contains($0.observed) || ["UK", "EL", "EU"].contains($0.observed))
        }
        return ListRule.failures(
            bad, expected: "ISO 3166-1 alpha-2 in upper case, or UK, EL, EU",
            message: "a country code is not an upper-case ISO 3166-1 alpha-2 code")
    }

    /// Extension contents TrustAudit evaluates; a critical extension of any other kind means the
    /// list cannot be fully understood.
    static let knownExtensions: Set<String> = [
        "Qualifications", "TakenOverBy", "AdditionalServiceInformation", "ExpiredCertsRevocationInfo",
    ]

    /// No critical extension TrustAudit does not know.
    static let criticalExtensions = ListRule.make("TL-007") { list, _, _ in
        var bad: [(location: String, observed: String)] = []
        list.root.walk { element, location in
            guard element.name == "Extension", ["true", "1"].contains(element.attribute("Critical") ?? "") else {
                return
            }
            for child in element.children where !knownExtensions.contains(child.name) {
                bad.append((location, "critical extension \(child.qualifiedName)"))
            }
        }
        return ListRule.failures(
            bad, expected: "critical extensions only of the kinds TS 119 612 defines",
            message: "the list has a critical extension that is not understood, so it must not be relied on")
    }

    static let uriElements: Set<String> = [
        "URI", "TSLLocation", "ServiceTypeIdentifier", "ServiceStatus", "TSLType", "StatusDeterminationApproach",
        "ServiceSupplyPoint", "TSLPolicy",
    ]

    /// An absolute URI as RFC 3986 writes it: scheme ":" and no characters it excludes.
    static func isURI(_ text: String) -> Bool {
        TextShape.isAbsoluteURI(text)
    }

    /// URIs are well-formed; electronic addresses are e-mail or web URIs.
    static let uriSyntax = ListRule.make("TL-008") { list, _, _ in
        var bad: [(location: String, observed: String)] = []
        func visit(_ element: ParsedElement, _ location: String, parent: String) {
            if element.name == "Signature" { return }
            if uriElements.contains(element.name), element.children.isEmpty, !element.text.isEmpty {
                if !isURI(element.text) {
                    bad.append((location, "\"\(element.text.prefix(80))\""))
                } else if parent == "ElectronicAddress",
                    !["mailto:", "http://", "https://", "tel:"].contains(where: {
                        element.text.lowercased().hasPrefix($0)
                    })
                {
                    bad.append((location, "electronic address \"\(element.text.prefix(80))\""))
                }
            }
            for (child, step) in zip(element.children, element.steps) {
                visit(child, location + "/" + step, parent: element.name)
            }
        }
        visit(list.root, "/" + list.root.name, parent: "")
        return ListRule.failures(
            bad, expected: "absolute RFC 3986 URIs; mailto:, http(s): (or tel:) for electronic addresses",
            message: "a URI value is not well-formed")
    }

    /// The root's TSLTag.
    static let tag = ListRule.make("TL-010") { list, _, _ in
        let value = list.root.attribute("TSLTag")
        return value == "http://uri.etsi.org/19612/TSLTag"
            ? []
            : [
                .fail(
                    observed: value ?? "no TSLTag", expected: "http://uri.etsi.org/19612/TSLTag",
                    location: "/\(list.root.name)/@TSLTag",
                    message: "the root's TSLTag does not identify a TS 119 612 list")
            ]
    }

    /// TSLVersionIdentifier 5 or 6.
    static let version = ListRule.make("TL-011") { list, _, _ in
        let value = list.versionIdentifier
        return ["5", "6"].contains(value ?? "")
            ? []
            : [
                .fail(
                    observed: value ?? "absent", expected: "5 or 6",
                    location: "/\(list.root.name)/SchemeInformation/TSLVersionIdentifier",
                    message: "the list's TSLVersionIdentifier is not one of the current versions")
            ]
    }

    /// TSLSequenceNumber is an integer of at least 1.
    static let sequenceNumber = ListRule.make("TL-012") { list, _, _ in
        let value = list.scheme?.child("TSLSequenceNumber")?.text
        return (value.flatMap { Int($0) } ?? 0) >= 1
            ? []
            : [
                .fail(
                    observed: value ?? "absent", expected: "an integer ≥ 1",
                    location: "/\(list.root.name)/SchemeInformation/TSLSequenceNumber",
                    message: "TSLSequenceNumber must be a positive integer")
            ]
    }

    /// TSLType from D.5 / D.6.
    static let type = ListRule.make("TL-013") { list, _, _ in
        let value = list.tslType ?? ""
        let suffix =
            value.hasPrefix(ListView.tslTypePrefix) ? String(value.dropFirst(ListView.tslTypePrefix.count)) : ""
        let countryList =
            suffix.utf8.count >= 6 && suffix.utf8.prefix(2).allSatisfy(TextShape.isUpper)
            && ["list", "listofthelists"].contains(String(suffix.dropFirst(2)))
        return ["EUgeneric", "EUlistofthelists"].contains(suffix) || countryList
            ? []
            : [
                .fail(
                    observed: value.isEmpty ? "absent" : value,
                    expected: ListView.tslTypePrefix + "EUgeneric | EUlistofthelists | CClist | CClistofthelists",
                    location: "/\(list.root.name)/SchemeInformation/TSLType",
                    message: "TSLType is not a registered list type")
            ]
    }

    /// SchemeOperatorName with at least one Name.
    static let operatorName = ListRule.make("TL-014") { list, _, _ in
        (list.scheme?.child("SchemeOperatorName")?.children("Name").isEmpty ?? true)
            ? [
                .fail(
                    observed: "absent", location: "/\(list.root.name)/SchemeInformation",
                    message: "the list does not name its scheme operator")
            ] : []
    }

    /// Fields that need an English value (5.1.4): container names.
    static let englishFields: Set<String> = [
        "SchemeOperatorName", "SchemeName", "SchemeInformationURI", "PolicyOrLegalNotice", "TSPName", "TSPTradeName",
        "TSPInformationURI", "ServiceName",
    ]

    /// Every multilingual field has an entry in English.
    static let englishEntries = ListRule.make("TL-015") { list, _, _ in
        var bad: [(location: String, observed: String)] = []
        list.root.walk { element, location in
            guard englishFields.contains(element.name), !location.contains("/Signature") else { return }
            let languages = element.children.compactMap(\.language)
            if !languages.contains(where: { $0.lowercased() == "en" || $0.lowercased().hasPrefix("en-") }) {
                bad.append(
                    (location, languages.isEmpty ? "no language" : "languages \(languages.joined(separator: ","))"))
            }
        }
        return ListRule.failures(
            bad, expected: "an xml:lang=\"en\" entry",
            message: "a multilingual field has no English entry")
    }

    /// The operator's postal address (street, locality, country) and electronic address with an e-mail and a web
    /// address.
    static let operatorAddress = ListRule.make("TL-016") { list, _, _ in
        guard let address = list.scheme?.child("SchemeOperatorAddress") else {
            return [
                .fail(
                    observed: "absent", location: "/\(list.root.name)/SchemeInformation",
                    message: "the scheme operator's address is missing")
            ]
        }
        var missing: [String] = []
        let postal = address.child("PostalAddresses")?.children("PostalAddress") ?? []
        if !postal.contains(where: {
            $0.child("StreetAddress") != nil && $0.child("Locality") != nil && $0.child("CountryName") != nil
        }) {
            missing.append("postal address with street, locality and country")
        }
        let uris = address.child("ElectronicAddress")?.children("URI").map { $0.text.lowercased() } ?? []
        if !uris.contains(where: { $0.hasPrefix("mailto:") }) { missing.append("mailto: address") }
        if !uris.contains(where: { $0.hasPrefix("http://") || $0.hasPrefix("https://") }) {
            missing.append("web address")
        }
        return missing.isEmpty
            ? []
            : [
                .fail(
                    observed: "missing " + missing.joined(separator: ", "),
                    expected: "postal address, mailto: and http(s) address",
                    location: "/\(list.root.name)/SchemeInformation/SchemeOperatorAddress",
                    message: "the scheme operator's address is incomplete")
            ]
    }

    /// The English SchemeName starts with the territory code and a colon.
    static let schemeName = ListRule.make("TL-017") { list, _, _ in
        guard let territory = list.territory else { return [.notApplicable(because: "no SchemeTerritory")] }
        let english =
            list.scheme?.child("SchemeName")?.children("Name").filter { $0.language?.lowercased() == "en" }.map(\.text)
            ?? []
        return english.contains(where: { $0.hasPrefix(territory + ":") })
            ? []
            : [
                .fail(
                    observed: english.first.map { "\"\($0.prefix(80))\"" } ?? "no English SchemeName",
                    expected: "\"\(territory):<name>\"", location: "/\(list.root.name)/SchemeInformation/SchemeName",
                    message: "the English scheme name should start with the territory code and a colon")
            ]
    }

    /// SchemeInformationURI present; an EU LOTL points at its OJ publication.
    static let informationURI = ListRule.make("TL-018") { list, _, _ in
        let uris = list.scheme?.child("SchemeInformationURI")?.children("URI").map(\.text) ?? []
        let location = "/\(list.root.name)/SchemeInformation/SchemeInformationURI"
        if uris.isEmpty {
            return [.fail(observed: "absent", location: location, message: "the list has no SchemeInformationURI")]
        }
        guard list.isEULOTL else { return [] }
        return uris.contains(where: { $0.contains("eur-lex.europa.eu") })
            ? []
            : [
                .fail(
                    observed: uris.prefix(3).joined(separator: ", "),
                    expected: "the Official Journal publication URL (eur-lex.europa.eu)",
                    location: location,
                    message: "the LOTL does not point at the Official Journal publication of its signing certificates")
            ]
    }

    /// HistoricalInformationPeriod 65535.
    static let historicalPeriod = ListRule.make("TL-019") { list, _, _ in
        let value = list.scheme?.child("HistoricalInformationPeriod")?.text
        return value == "65535"
            ? []
            : [
                .fail(
                    observed: value ?? "absent", expected: "65535",
                    location: "/\(list.root.name)/SchemeInformation/HistoricalInformationPeriod",
                    message: "history must be kept indefinitely (65535)")
            ]
    }

    /// Pointers are complete; an EU Member State list points at the LOTL.
    static let pointersToOtherLists = ListRule.make("TL-020") { list, _, _ in
        var bad: [(location: String, observed: String)] = []
        for (pointer, location) in list.pointers {
            var missing: [String] = []
            if (pointer.child("TSLLocation")?.text ?? "").isEmpty { missing.append("TSLLocation") }
            let certificates =
                pointer.child("ServiceDigitalIdentities")?.children("ServiceDigitalIdentity")
                .flatMap { $0.children("DigitalId") }.flatMap { $0.children("X509Certificate") } ?? []
            if certificates.isEmpty { missing.append("X509Certificate") }
            for field in ["TSLType", "SchemeOperatorName", "SchemeTerritory", "MimeType"]
            where ListView.pointerInformation(pointer, field) == nil {
                missing.append(field)
            }
            if !missing.isEmpty { bad.append((location, "missing " + missing.joined(separator: ", "))) }
        }
        if list.isEUMemberStateList,
            !list.pointers.contains(where: { ListView.pointerInformation($0.element, "SchemeTerritory")?.text == "EU" })
        {
            bad.insert(
                (
                    "/\(list.root.name)/SchemeInformation/PointersToOtherTSL",
                    "no pointer to the EU list of trusted lists"
                ), at: 0)
        }
        return ListRule.failures(
            bad, expected: "pointers with location, certificates, TSLType, operator, territory and MIME type",
            message: "a pointer to another list is incomplete")
    }

    /// Adds calendar months (day clamped to the month's length).
    static func adding(months: Int, to seconds: Int64) -> Int64 {
        let day = seconds / 86_400
        let (year, month, dayOfMonth) = CertificateTime.civil(fromDays: Int(day))
        let total = year * 12 + (month - 1) + months
        let newYear = total / 12
        let newMonth = total % 12 + 1
        let length =
            CertificateTime.daysSince1970(
                year: newMonth == 12 ? newYear + 1 : newYear, month: newMonth == 12 ? 1 : newMonth + 1, day: 1)
            - CertificateTime.daysSince1970(year: newYear, month: newMonth, day: 1)
        let days = CertificateTime.daysSince1970(year: newYear, month: newMonth, day: min(dayOfMonth, length))
        return Int64(days) * 86_400 + seconds % 86_400
    }

    /// Issued no later than the validation time; NextUpdate at most six months after the issue.
    static let issueAndNextUpdate = ListRule.make("TL-021") { list, _, context in
        let location = "/\(list.root.name)/SchemeInformation/ListIssueDateTime"
        guard let issuedText = list.scheme?.child("ListIssueDateTime")?.text,
            let issued = DateTimeText.seconds(issuedText)
        else {
            return [
                .fail(
                    observed: "no readable ListIssueDateTime", location: location, message: "the list has no issue date"
                )
            ]
        }
        var findings: [Finding] = []
        let at = Int64(context.validationTime.timeIntervalSince1970)
        if issued > at {
            findings.append(
                .fail(
                    observed:
                        "ListIssueDateTime \(issuedText), evaluated at \(CertificateTime.iso8601(secondsSince1970: at))",
                    location: location, message: "the list is dated after the validation time"))
        }
        if let nextText = list.scheme?.path("NextUpdate", "dateTime")?.text, let next = DateTimeText.seconds(nextText),
            next > adding(months: 6, to: issued)
        {
            findings.append(
                .fail(
                    observed: "issued \(issuedText), NextUpdate \(nextText)", expected: "NextUpdate ≤ issue + 6 months",
                    location: "/\(list.root.name)/SchemeInformation/NextUpdate",
                    message: "the next update is more than six months after the issue"))
        }
        return findings
    }

    /// A closed list (NextUpdate without a date) has only withdrawn or deprecated services.
    static let closedList = ListRule.make("TL-022") { list, _, _ in
        guard let next = list.scheme?.child("NextUpdate"), next.child("dateTime") == nil else {
            return [.notApplicable(because: "the list is not closed (NextUpdate has a date)")]
        }
        let open = list.services.filter {
            ![
                ServiceVocabulary.statusPrefix + "withdrawn",
                ServiceVocabulary.statusPrefix + "deprecatedatnationallevel",
            ].contains($0.status)
        }
        return ListRule.failures(
            open.map { ($0.location, TrustedListURI.short($0.status)) },
            expected: "withdrawn or deprecatedatnationallevel", message: "a closed list still has a service in force")
    }

    /// The EU status determination approach.
    static let statusDetermination = ListRule.make("TL-023") { list, _, _ in
        guard list.isEU else { return [.notApplicable(because: "not an EU list")] }
        let expected = uriPrefix + (list.isEULOTL ? "StatusDetn/EUlistofthelists" : "StatusDetn/EUappropriate")
        let value = list.scheme?.child("StatusDeterminationApproach")?.text
        return value == expected
            ? []
            : [
                .fail(
                    observed: value ?? "absent", expected: expected,
                    location: "/\(list.root.name)/SchemeInformation/StatusDeterminationApproach",
                    message: "the status determination approach is not the EU one")
            ]
    }

    /// EU community rules: EUcommon plus the territory's own rules (MS list), or EUlistofthelists (LOTL).
    static let communityRules = ListRule.make("TL-024") { list, _, _ in
        guard list.isEU, let territory = list.territory else { return [.notApplicable(because: "not an EU list")] }
        let uris = Set(list.scheme?.child("SchemeTypeCommunityRules")?.children("URI").map(\.text) ?? [])
        let expected =
            list.isEULOTL
            ? [uriPrefix + "schemerules/EUlistofthelists"]
            : [uriPrefix + "schemerules/EUcommon", uriPrefix + "schemerules/" + territory]
        let missing = expected.filter { !uris.contains($0) }
        return missing.isEmpty
            ? []
            : [
                .fail(
                    observed: uris.sorted().joined(separator: ", ").ifEmpty("none"),
                    expected: expected.joined(separator: " and "),
                    location: "/\(list.root.name)/SchemeInformation/SchemeTypeCommunityRules",
                    message:
                        "the community rules do not name \(missing.map { TrustedListURI.short($0) }.joined(separator: ", "))"
                )
            ]
    }

    /// No SchemeExtensions in an EU Member State list.
    static let schemeExtensions = ListRule.make("TL-025") { list, _, _ in
        guard list.isEUMemberStateList else { return [.notApplicable(because: "not an EU Member State list")] }
        return list.scheme?.child("SchemeExtensions") == nil
            ? []
            : [
                .fail(
                    observed: "SchemeExtensions present",
                    location: "/\(list.root.name)/SchemeInformation/SchemeExtensions",
                    message: "EU Member State lists must not carry scheme extensions")
            ]
    }

    /// PolicyOrLegalNotice present.
    static let policyOrLegalNotice = ListRule.make("TL-026") { list, _, _ in
        list.scheme?.child("PolicyOrLegalNotice") != nil
            ? []
            : [
                .fail(
                    observed: "absent", location: "/\(list.root.name)/SchemeInformation",
                    message: "the list has no policy or legal notice")
            ]
    }

    /// DistributionPoints, when given, hold non-empty URIs.
    static let distributionPoints = ListRule.make("TL-027") { list, _, _ in
        guard let points = list.scheme?.child("DistributionPoints") else {
            return [.notApplicable(because: "no DistributionPoints")]
        }
        let uris = points.children("URI").map(\.text)
        return !uris.isEmpty && !uris.contains(where: \.isEmpty)
            ? []
            : [
                .fail(
                    observed: uris.isEmpty ? "no URI" : "an empty URI",
                    location: "/\(list.root.name)/SchemeInformation/DistributionPoints",
                    message: "DistributionPoints must list where the list is published")
            ]
    }

    /// A Member State list lists providers; a list of lists has none.
    static let providerList = ListRule.make("TL-028") { list, _, _ in
        let present = list.root.child("TrustServiceProviderList")
        let location = "/\(list.root.name)/TrustServiceProviderList"
        if list.isListOfLists {
            return present == nil
                ? []
                : [
                    .fail(
                        observed: "TrustServiceProviderList present", location: location,
                        message: "a list of lists must not list trust service providers")
                ]
        }
        return (present?.children("TrustServiceProvider").isEmpty ?? true)
            ? [
                .fail(
                    observed: present == nil ? "absent" : "empty", location: location,
                    message: "the list has no trust service provider")
            ] : []
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
