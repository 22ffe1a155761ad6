import Certificates

/// Read-only views over the parsed element tree of a list, by TS 119 612 concept: scheme
/// information, providers, services with their locations. The content rules use these instead
/// of walking element names themselves.
struct ListView: Sendable {
    let root: ParsedElement
    /// Decoded service certificates by base64 text (see ``InspectedTrustedList``).
    var certificates: [String: InspectedCertificate] = [:]

    static let tslTypePrefix = "http://uri.etsi.org/TrstSvc/TrustedList/TSLType/"

    var scheme: ParsedElement? { root.child("SchemeInformation") }
    var tslType: String? { scheme?.child("TSLType")?.text }
    var territory: String? { scheme?.child("SchemeTerritory")?.text }
    var versionIdentifier: String? { scheme?.child("TSLVersionIdentifier")?.text }

    /// A list of lists (EU LOTL or a non-EU CClistofthelists).
    var isListOfLists: Bool { tslType?.hasSuffix("listofthelists") == true }
    /// An EU Member State list (TSLType EUgeneric).
    var isEUMemberStateList: Bool { tslType == Self.tslTypePrefix + "EUgeneric" }
    /// The EU list of trusted lists.
    var isEULOTL: Bool { tslType == Self.tslTypePrefix + "EUlistofthelists" }
    /// An EU list of either kind: the EU-specific rules apply.
    var isEU: Bool { isEUMemberStateList || isEULOTL }

    /// A TSPService (current information and history) with its location path.
    struct Service {
        var element: ParsedElement
        var location: String
        var information: ParsedElement? { element.child("ServiceInformation") }
        var type: String { information?.child("ServiceTypeIdentifier")?.text ?? "" }
        var status: String { information?.child("ServiceStatus")?.text ?? "" }
        var history: [ParsedElement] { element.path("ServiceHistory")?.children("ServiceHistoryInstance") ?? [] }
        /// Extension elements of ServiceInformationExtensions.
        var extensions: [ParsedElement] {
            information?.path("ServiceInformationExtensions")?.children("Extension") ?? []
        }
    }

    /// A TrustServiceProvider with its location path.
    struct Provider {
        var element: ParsedElement
        var location: String
        var information: ParsedElement? { element.child("TSPInformation") }
    }

    var providers: [Provider] {
        guard let list = root.child("TrustServiceProviderList") else { return [] }
        let base = "/\(root.name)/TrustServiceProviderList/"
        return zip(list.children, list.steps).filter { $0.0.name == "TrustServiceProvider" }.map {
            Provider(element: $0.0, location: base + $0.1)
        }
    }

    var services: [Service] {
        providers.flatMap { provider -> [Service] in
            guard let services = provider.element.child("TSPServices") else { return [] }
            return zip(services.children, services.steps).filter { $0.0.name == "TSPService" }.map {
                Service(element: $0.0, location: provider.location + "/TSPServices/" + $0.1)
            }
        }
    }

    /// The OtherTSLPointer elements with their locations.
    var pointers: [(element: ParsedElement, location: String)] {
        guard let list = scheme?.child("PointersToOtherTSL") else { return [] }
        let base = "/\(root.name)/SchemeInformation/PointersToOtherTSL/"
        return zip(list.children, list.steps).filter { $0.0.name == "OtherTSLPointer" }.map { ($0.0, base + $0.1) }
    }

    /// The value of an OtherInformation child (TSLType, SchemeTerritory, MimeType, …) of a pointer.
    static func pointerInformation(_ pointer: ParsedElement, _ local: String) -> ParsedElement? {
        for information in pointer.path("AdditionalInformation")?.children("OtherInformation") ?? [] {
            if let value = information.child(local) { return value }
        }
        return nil
    }
}

/// Service type and status URIs of TS 119 612 5.5.1 and 5.5.4.
enum ServiceVocabulary {
    static let typePrefix = "http://uri.etsi.org/TrstSvc/Svctype/"
    static let statusPrefix = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/"

    /// Qualified trust services (5.5.1.1): status granted or withdrawn.
    static let qualifiedTypes: Set<String> = Set(
        [
            "CA/QC", "Certstatus/OCSP/QC", "Certstatus/CRL/QC", "TSA/QTST", "EDS/Q", "EDS/REM/Q", "PSES/Q",
            "QESValidation/Q",
            "RemoteQSigCDManagement/Q", "RemoteQSealCDManagement/Q", "EAA/Q", "ElectronicArchiving/Q", "Ledgers/Q",
        ].map { typePrefix + $0 })

    /// Non-qualified services (5.5.1.2) and other types (5.5.1.3): recognised or deprecated at
    /// national level.
    static let nationalTypes: Set<String> = Set(
        [
            "CA/PKC", "Certstatus/OCSP", "Certstatus/CRL", "TSA", "TSA/TSS-QC", "TSA/TSS-AdESQCandQES", "EDS",
            "EDS/REM", "PSES",
            "AdESValidation", "AdESGeneration", "RemoteSigCDManagement", "RemoteSealCDManagement", "EAA",
            "ElectronicArchiving",
            "Ledgers", "PKCValidation", "PKCPreservation", "EAAValidation", "TSTValidation", "EDSValidation",
            "EAA/Pub-EAA",
            "CertsforOtherTypesOfTS", "ACA", "RA", "RA/nothavingPKIid", "SignaturePolicyAuthority", "Archiv",
            "Archiv/nothavingPKIid",
            "IdV", "IdV/nothavingPKIid", "KEscrow", "KEscrow/nothavingPKIid", "PPwd", "PPwd/nothavingPKIid", "TLIssuer",
            "NationalRootCA-QC", "unspecified",
        ].map { typePrefix + $0 }
    ).subtracting(qualifiedTypes)

    static let registeredTypes = qualifiedTypes.union(nationalTypes)

    static let qualifiedStatuses: Set<String> = Set(["granted", "withdrawn"].map { statusPrefix + $0 })
    static let nationalStatuses: Set<String> = Set(
        ["recognisedatnationallevel", "deprecatedatnationallevel"].map { statusPrefix + $0 })
    /// Statuses used until 2016-06-30 (Annex J).
    static let historicStatuses: Set<String> = Set(
        [
            "undersupervision", "supervisionincessation", "supervisionceased", "supervisionrevoked", "accredited",
            "accreditationceased", "accreditationrevoked", "setbynationallaw", "deprecatedbynationallaw",
        ].map { statusPrefix + $0 })
    /// 2016-07-01T00:00:00Z, when the eIDAS statuses replaced the Directive 1999/93/EC ones.
    static let eIDASStatusesFrom: Int64 = 1_467_331_200

    /// Services whose identity is a public key (PKI based): they list a certificate.
    static func isPKIBased(_ type: String) -> Bool {
        !type.hasSuffix("nothavingPKIid") && type != typePrefix + "unspecified"
    }

    /// Types whose ServiceInformationExtensions may carry expiredCertsRevocationInfo (5.5.9.1).
    static let expiredCertsRevocationInfoTypes: Set<String> = Set(
        [
            "CA/PKC", "CA/QC", "NationalRootCA-QC", "Certstatus/OCSP", "Certstatus/OCSP/QC", "Certstatus/CRL",
            "Certstatus/CRL/QC",
        ].map { typePrefix + $0 })

    static let extensionPrefix = "http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/"
    /// Qualifier URIs of 5.5.9.2.3 / Annex D.5.
    static let qualifiers: Set<String> = Set(
        [
            "QCWithSSCD", "QCNoSSCD", "QCSSCDStatusAsInCert", "QCWithQSCD", "QCNoQSCD", "QCQSCDStatusAsInCert",
            "QCQSCDManagedOnBehalf", "QCForLegalPerson", "QCForESig", "QCForESeal", "QCForWSA", "NotQualified",
            "QCStatement",
        ].map { extensionPrefix + $0 })
    /// additionalServiceInformation URIs of 5.5.9.4.
    static let additionalInformation: Set<String> = Set(
        [
            "RootCA-QC", "ForeSignatures", "ForeSeals", "ForWebSiteAuthentication",
            "ForQualifiedAttestationOfAttributes",
            "ForPubQualifiedAttestationOfAttributes",
        ].map { extensionPrefix + $0 })
    static let usageInformation: Set<String> = Set(
        ["ForeSignatures", "ForeSeals", "ForWebSiteAuthentication"].map { extensionPrefix + $0 })
}
