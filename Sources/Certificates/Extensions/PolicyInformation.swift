import SwiftASN1

/// certificatePolicies (RFC 5280 §4.2.1.4) with its qualifiers, as the policy-qualifier rules
/// read it: each PolicyInformation with its CPS pointers and user notices, values kept as encoded.
struct PolicyInformation: Sendable {
    static let cpsQualifier: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 2, 1]
    static let userNoticeQualifier: ASN1ObjectIdentifier = [1, 3, 6, 1, 5, 5, 7, 2, 2]

    /// A DisplayText value: its string type and content octets.
    struct DisplayText: Sendable {
        var kind: StringKind?
        var tag: ASN1Identifier
        var value: ArraySlice<UInt8>
        var offset: Int
    }

    /// One UserNotice: whether it has a noticeRef, and its explicitText.
    struct UserNotice: Sendable {
        var hasNoticeReference: Bool
        var explicitText: DisplayText?
    }

    /// A qualifier other than a CPS pointer or a user notice.
    struct OtherQualifier: Sendable {
        var id: ASN1ObjectIdentifier
    }

    var policy: ASN1ObjectIdentifier?
    /// CPS pointers: the IA5String text, or nil for a value of another type.
    var cpsPointers: [(text: String?, tag: ASN1Identifier)] = []
    var userNotices: [UserNotice] = []
    var otherQualifiers: [OtherQualifier] = []

    /// Every PolicyInformation of the extension, in order.
    static func list(_ ext: CertificateExtension) throws(CertificateError) -> [PolicyInformation] {
        LenientASN1.children(try LenientASN1.root(ext.value, "certificatePolicies")).map(PolicyInformation.init)
    }

    private init(_ node: ASN1Node) {
        let parts = LenientASN1.children(node)
        policy = parts.first.flatMap(LenientASN1.oid)
        for qualifier in parts.dropFirst().first.map(LenientASN1.children) ?? [] {
            let fields = LenientASN1.children(qualifier)
            guard let id = fields.first.flatMap(LenientASN1.oid) else { continue }
            let value = fields.dropFirst().first
            switch id {
            case Self.cpsQualifier:
                let text = value.flatMap { $0.identifier == .ia5String ? LenientASN1.string($0) : nil }
                cpsPointers.append((text, value?.identifier ?? .null))
            case Self.userNoticeQualifier:
                userNotices.append(Self.userNotice(value))
            default:
                otherQualifiers.append(OtherQualifier(id: id))
            }
        }
    }

    /// UserNotice ::= SEQUENCE { noticeRef NoticeReference OPTIONAL, explicitText DisplayText OPTIONAL }
    private static func userNotice(_ node: ASN1Node?) -> UserNotice {
        let fields = node.map(LenientASN1.children) ?? []
        let reference = fields.first { $0.identifier == .sequence }
        let text = fields.first { $0.identifier != .sequence }.flatMap { field -> DisplayText? in
            guard case .primitive(let bytes) = field.content else { return nil }
            let kind = field.identifier.tagClass == .universal ? StringKind(tagNumber: field.identifier.tagNumber) : nil
            return DisplayText(kind: kind, tag: field.identifier, value: bytes, offset: field.encodedBytes.startIndex)
        }
        return UserNotice(hasNoticeReference: reference != nil, explicitText: text)
    }
}
