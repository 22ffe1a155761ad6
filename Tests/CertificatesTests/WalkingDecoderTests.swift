import DERWalk
import Foundation
import SwiftASN1
import TestSupport
import Testing

@testable import Certificates

/// The walking decoder must give exactly the value swift-asn1's decoder gives wherever it
/// answers at all; where it cannot, it must answer nil (the tree decoder then reports).
@Suite struct WalkingDecoderTests {
    /// Every DER block of every certificate file under `root`.
    private func certificates(under root: URL) -> [(String, [UInt8])] {
        let extensions: Set<String> = ["der", "pem", "crt", "cer"]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var found: [(String, [UInt8])] = []
        for case let url as URL in walker where extensions.contains(url.pathExtension) {
            guard let data = try? Data(contentsOf: url) else { continue }
            for block in Repository.derBlocks([UInt8](data)) { found.append((url.lastPathComponent, block)) }
        }
        return found
    }

    private func treeDecoded(_ bytes: [UInt8], length: Int) -> Certificate? {
        let value = bytes[0..<length]
        guard let node = (try? DER.parse(value)) ?? (try? BER.parse(value)) else { return nil }
        return try? Certificate(node: node)
    }

    /// Walks `bytes` when the DER scan is clean (as ``InspectedCertificate`` does) and compares.
    /// Returns whether the walk answered.
    @discardableResult
    private func compare(_ name: String, _ bytes: [UInt8]) -> Bool {
        let scan = DERScanner.scan(bytes)
        guard scan.violations.isEmpty, scan.suppressedViolations == 0, scan.valueLength == bytes.count else {
            return false
        }
        // A clean scan's walkable flag stands for the walk's own check of the tree.
        if let root = TLVReader(bytes).element(at: 0, limit: bytes.count), root.end == bytes.count {
            #expect(scan.isWalkable == DERTree.parsesAsTree(TLVReader(bytes), root), "\(name)")
        } else {
            #expect(!scan.isWalkable || bytes.count < 2, "\(name)")
        }
        guard let walked = Certificate(walking: bytes, length: bytes.count) else { return false }
        #expect(Certificate(walking: bytes, length: bytes.count, treeChecked: scan.isWalkable) == walked, "\(name)")
        #expect(walked == treeDecoded(bytes, length: bytes.count), "\(name)")
        let reader = TLVReader(bytes)
        expectSameExtensions(DecodedExtensions(walked.tbs, walking: reader), DecodedExtensions(walked.tbs), name)
        for ext in walked.tbs.extensions {
            let scan = DERScanner.scan(ext.value, offset: ext.value.startIndex)
            guard scan.violations.isEmpty, scan.suppressedViolations == 0 else { continue }
            #expect(
                ExtensionEncodingRules.violations(ext, walking: reader) == ExtensionEncodingRules.violations(ext),
                "\(name) \(ext.oid)")
        }
        return true
    }

    /// The extension values decoded by walking (with fallback) against swift-asn1 alone.
    private func expectSameExtensions(_ walked: DecodedExtensions, _ tree: DecodedExtensions, _ name: String) {
        #expect(walked.basicConstraints == tree.basicConstraints, "\(name)")
        #expect(walked.keyUsage == tree.keyUsage, "\(name)")
        #expect(walked.extendedKeyUsage == tree.extendedKeyUsage, "\(name)")
        #expect(walked.certificatePolicies == tree.certificatePolicies, "\(name)")
        // PolicyInformation is not Equatable (its tuples): compared through its full reflection.
        #expect(String(reflecting: walked.policyInformation) == String(reflecting: tree.policyInformation), "\(name)")
        #expect(walked.subjectAltName == tree.subjectAltName, "\(name)")
        #expect(walked.authorityInformationAccess == tree.authorityInformationAccess, "\(name)")
        #expect(walked.crlDistributionPoints == tree.crlDistributionPoints, "\(name)")
        #expect(walked.authorityKeyIdentifier == tree.authorityKeyIdentifier, "\(name)")
        #expect(walked.subjectKeyIdentifier == tree.subjectKeyIdentifier, "\(name)")
        #expect(walked.qcStatements == tree.qcStatements, "\(name)")
        // The statements' values read from walked bytes and from swift-asn1 nodes.
        let (walkedStatements, treeStatements) = (walked.statements, tree.statements)
        #expect(walkedStatements?.semanticsIdentifiers == treeStatements?.semanticsIdentifiers, "\(name)")
        #expect(walkedStatements?.psd2 == treeStatements?.psd2, "\(name)")
        #expect(walkedStatements?.limitValue == treeStatements?.limitValue, "\(name)")
        #expect(walkedStatements?.retentionYears == treeStatements?.retentionYears, "\(name)")
        #expect(walkedStatements?.legislationCountries == treeStatements?.legislationCountries, "\(name)")
        #expect(walked.publicKey == tree.publicKey, "\(name)")
    }

    @Test func equalsTheTreeDecoderOnEveryProjectVector() {
        let all = certificates(under: Repository.testVectors)
        let walked = all.filter { compare($0.0, $0.1) }.count
        // Nearly all generated certificates are clean DER; the broken ones exist to fail rules.
        #expect(all.count > 150)
        #expect(walked * 10 >= all.count * 8, "walked \(walked) of \(all.count)")
    }

    @Test func equalsTheTreeDecoderOnEverySharedVector() throws {
        guard let shared = Repository.sharedVectors else {
            print(Repository.sharedVectorsAbsentMessage)
            return
        }
        let all = certificates(under: shared)
        let walked = all.filter { compare($0.0, $0.1) }.count
        #expect(walked > 300, "walked \(walked) of \(all.count)")
    }

    /// Every single-byte change of a QWAC, PSD2 and natural-person certificate: where the walk
    /// still answers (an OID arc, a string, a time changed), it answers what the tree decoder does.
    @Test func equalsTheTreeDecoderOnEveryOneByteMutation() throws {
        for path in [
            "certificates/etsi/qevcp-w__ok.pem", "certificates/etsi/psd2-qwac__ok.pem",
            "certificates/etsi/qcp-n-qscd__ok.pem",
        ] {
            let original = try Repository.der(path)
            var answered = 0
            for position in original.indices {
                for replacement: UInt8 in [0x00, 0x80, original[position] ^ 0x01, 0xFF] {
                    var mutated = original
                    mutated[position] = replacement
                    if compare("\(path) byte \(position) = \(replacement)", mutated) { answered += 1 }
                }
            }
            #expect(answered > original.count, "\(path): walked \(answered) mutations")
        }
    }

    /// The statements of qualified and PSD2 certificates are read from the walked bytes, not
    /// left to swift-asn1, and say what the tree decoder says.
    @Test func walksTheQCStatementsOfQualifiedCertificates() throws {
        for path in ["certificates/etsi/psd2-qwac__ok.pem", "certificates/etsi/qcp-n-qscd__ok.pem"] {
            let bytes = try Repository.der(path)
            let reader = TLVReader(bytes)
            let certificate = try #require(Certificate(walking: bytes, length: bytes.count))
            let ext = try #require(certificate.tbs.extension(ASN1ObjectIdentifier.CertificateExtension.qcStatements))
            let root = try #require(DERTree.embeddedRoot(reader, ext.value))
            let walked = try #require(QCStatements(walking: reader, root), "\(path)")
            let tree = try QCStatements(ext)
            #expect(walked == tree, "\(path)")
            #expect(walked.qcTypes == tree.qcTypes && walked.qcTypes?.isEmpty == false, "\(path)")
            #expect(walked.pdsLocations == tree.pdsLocations && walked.pdsLocations?.isEmpty == false, "\(path)")
            #expect(walked.statements.map(\.info) == tree.statements.map(\.info), "\(path)")
        }
        let psd2 = try Repository.der("certificates/etsi/psd2-qwac__ok.pem")
        let certificate = try #require(Certificate(walking: psd2, length: psd2.count))
        let ext = try #require(certificate.tbs.extension(ASN1ObjectIdentifier.CertificateExtension.qcStatements))
        let root = try #require(DERTree.embeddedRoot(TLVReader(psd2), ext.value))
        let walked = try #require(QCStatements(walking: TLVReader(psd2), root))
        #expect(walked.psd2?.roles.isEmpty == false)
        #expect(walked.psd2 == (try QCStatements(ext)).psd2)
    }

    @Test func readsObjectIdentifiersAsTheTreeDecoderDoes() {
        func both(_ content: [UInt8]) -> (walked: ASN1ObjectIdentifier?, tree: ASN1ObjectIdentifier?) {
            let encoded = [0x06, UInt8(content.count)] + content
            let reader = TLVReader(encoded)
            let walked = reader.element(at: 0, limit: encoded.count).flatMap { DERTree.objectIdentifier(reader, $0) }
            return (walked, (try? DER.parse(encoded)).flatMap { try? ASN1ObjectIdentifier(derEncoded: $0) })
        }
        // In the table (basicConstraints), outside it (1.2.3.4.5.16384; 2.999.1, first arc 2).
        for content: [UInt8] in [[0x55, 0x1D, 0x13], [0x2A, 0x03, 0x04, 0x05, 0x81, 0x80, 0x00], [0x88, 0x37, 0x01]] {
            let (walked, tree) = both(content)
            #expect(walked != nil && walked == tree, "\(content)")
        }
        // Non-minimal, unterminated, empty: both refuse.
        for content: [UInt8] in [[0x80, 0x01], [0x2A, 0x81], []] {
            let (walked, tree) = both(content)
            #expect(walked == nil && tree == nil, "\(content)")
        }
        // An arc over 56 bits: the walk declines and leaves it to the tree decoder.
        #expect(both([0x2A, 0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]).walked == nil)
    }
}
