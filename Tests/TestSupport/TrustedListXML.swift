import Foundation

/// Writes small TS 119 612 lists around a certificate, for qualification tests.
public enum TrustedListXML {
    public static func make(
        certificate: [UInt8], serviceType: String = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC",
        status: String = "granted", since: String = "2025-01-01T00:00:00Z", qualifiers: [String] = [],
        additionalInformation: [String] = [], history: String = ""
    ) -> [UInt8] {
        let qualifierXML =
            qualifiers.isEmpty
            ? ""
            : """
            <tsl:Extension Critical="true"><ecc:Qualifications><ecc:QualificationElement><ecc:Qualifiers>\
            \(qualifiers.map { "<tsl:Qualifier uri=\"http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/\($0)\"/>" }.joined())\
            </ecc:Qualifiers><ecc:CriteriaList assert="atLeastOne"><ecc:KeyUsage><ecc:KeyUsageBit name="nonRepudiation">true</ecc:KeyUsageBit>\
            </ecc:KeyUsage></ecc:CriteriaList></ecc:QualificationElement></ecc:Qualifications></tsl:Extension>
            """
        let asiXML = additionalInformation.map {
            "<tsl:Extension Critical=\"false\"><tsl:AdditionalServiceInformation><tsl:URI xml:lang=\"en\">http://uri.etsi.org/TrstSvc/TrustedList/SvcInfoExt/\($0)</tsl:URI></tsl:AdditionalServiceInformation></tsl:Extension>"
        }.joined()
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tsl:TrustServiceStatusList xmlns:tsl="http://uri.etsi.org/02231/v2#" xmlns:ecc="http://uri.etsi.org/TrstSvc/SvcInfoExt/eSigDir-1999-93-EC-TrustedList/#" Id="TL">
             <tsl:SchemeInformation><tsl:TSLVersionIdentifier>5</tsl:TSLVersionIdentifier><tsl:TSLSequenceNumber>7</tsl:TSLSequenceNumber>
              <tsl:SchemeTerritory>BE</tsl:SchemeTerritory><tsl:ListIssueDateTime>2026-01-01T00:00:00Z</tsl:ListIssueDateTime>
              <tsl:NextUpdate><tsl:dateTime>2026-07-01T00:00:00Z</tsl:dateTime></tsl:NextUpdate></tsl:SchemeInformation>
             <tsl:TrustServiceProviderList><tsl:TrustServiceProvider>
              <tsl:TSPInformation><tsl:TSPName><tsl:Name xml:lang="en">TrustAudit Test TSP</tsl:Name></tsl:TSPName></tsl:TSPInformation>
              <tsl:TSPServices><tsl:TSPService><tsl:ServiceInformation>
               <tsl:ServiceTypeIdentifier>\(serviceType)</tsl:ServiceTypeIdentifier>
               <tsl:ServiceName><tsl:Name xml:lang="en">TrustAudit Test Service</tsl:Name></tsl:ServiceName>
               <tsl:ServiceDigitalIdentity><tsl:DigitalId><tsl:X509Certificate>\(Data(certificate).base64EncodedString())</tsl:X509Certificate></tsl:DigitalId></tsl:ServiceDigitalIdentity>
               <tsl:ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/\(status)</tsl:ServiceStatus>
               <tsl:StatusStartingTime>\(since)</tsl:StatusStartingTime>
               <tsl:ServiceInformationExtensions>\(asiXML)\(qualifierXML)</tsl:ServiceInformationExtensions>
              </tsl:ServiceInformation>\(history)
              </tsl:TSPService></tsl:TSPServices></tsl:TrustServiceProvider></tsl:TrustServiceProviderList>
            </tsl:TrustServiceStatusList>
            """
        return Array(xml.utf8)
    }

    /// A list of lists with one pointer: `territory`'s XML list is signed with `certificate`.
    public static func lotl(territory: String, certificate: [UInt8]) -> [UInt8] {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <tsl:TrustServiceStatusList xmlns:tsl="http://uri.etsi.org/02231/v2#" xmlns:tslx="http://uri.etsi.org/02231/v2/additionaltypes#">
             <tsl:SchemeInformation><tsl:TSLVersionIdentifier>5</tsl:TSLVersionIdentifier><tsl:SchemeTerritory>EU</tsl:SchemeTerritory>
              <tsl:PointersToOtherTSL><tsl:OtherTSLPointer>
               <tsl:ServiceDigitalIdentities><tsl:ServiceDigitalIdentity><tsl:DigitalId><tsl:X509Certificate>\(Data(certificate).base64EncodedString())</tsl:X509Certificate></tsl:DigitalId></tsl:ServiceDigitalIdentity></tsl:ServiceDigitalIdentities>
               <tsl:TSLLocation>https://trustaudit.invalid/tl.xml</tsl:TSLLocation>
               <tsl:AdditionalInformation>
                <tsl:OtherInformation><tsl:SchemeTerritory>\(territory)</tsl:SchemeTerritory></tsl:OtherInformation>
                <tsl:OtherInformation><tslx:MimeType>application/vnd.etsi.tsl+xml</tslx:MimeType></tsl:OtherInformation>
               </tsl:AdditionalInformation>
              </tsl:OtherTSLPointer></tsl:PointersToOtherTSL>
             </tsl:SchemeInformation>
            </tsl:TrustServiceStatusList>
            """
        return Array(xml.utf8)
    }
}
