import Audit
import AuditCore
import Certificates
import EvidenceBundle
import Foundation
import Pipeline
import Revocation
import Timestamps
import TrustedLists

/// The entry points an attacker's bytes reach, one per fuzz target (`TRUSTAUDIT_FUZZ_TARGET`):
///
/// - `certificate`, `timestamp`, `trustedlist`: one item through classification, the full
///   profile check (with an issuer, a TSA CA, the stamped data and a trusted list supplied, so
///   the chain and qualification rules run too) and the evidence writer; XML also as LOTL
///   pointers. The three differ only in their seed corpora.
/// - `revocation`: the same for CRLs and OCSP responses (status sources and an OCSP request
///   supplied, so REV-009, REV-108 and REV-200 run), and the bytes also as a status source and
///   as an OCSP request.
/// - `container`: a file as `check` reads it — PEM, base64 lines, `trustaudit sample` files,
///   CT get-entries pages (also named with a start index), MerkleTreeLeaf files and static-ct-api
///   data tiles (raw or gzip, also under a `tile/data/` path), or the folder holding it — then
///   every item it yields.
/// - `shard`: a shard file for `merge`/`--resume` (trailer and lines).
/// - `manifest`: `verify-bundle` on a folder whose manifest.json is the input.
/// - `profile`: a `--profiles` YAML document (catalogue or profile) loaded with the built-in set.
final class FuzzHarness: Sendable {
    enum Target: String, CaseIterable, Sendable {
        case certificate, timestamp, trustedlist, revocation, container, shard, manifest, profile
    }

    let target: Target
    let auditor: Auditor
    let issuers: IssuerStore
    /// A private scratch folder for the targets that read files.
    let scratch: String
    let rfc5280Catalogue = BuiltinProfiles.documents.filter {
        $0.name == "catalogue/rfc5280.yaml" || $0.name == "rfc5280-basics.yaml"
    }

    init() {
        let environment = ProcessInfo.processInfo.environment
        target = environment["TRUSTAUDIT_FUZZ_TARGET"].flatMap(Target.init(rawValue:)) ?? .certificate
        let vectors = environment["TRUSTAUDIT_VECTORS"] ?? "TestVectors"
        func bytes(_ path: String) -> [UInt8] {
            [UInt8](FileManager.default.contents(atPath: vectors + "/" + path) ?? Data())
        }
        func certificates(_ path: String) -> [[UInt8]] {
            let reader = InputReader(paths: [vectors + "/" + path])
            var items: [[UInt8]] = []
            while let item = reader.next() { items.append(item.bytes) }
            return items
        }
        var timestampInputs = TimestampInputs()
        timestampInputs.data = bytes("timestamps/data.txt")
        timestampInputs.anchors = IssuerStore(certificates: certificates("certificates/issuing-ca.pem"))
        let issuers = IssuerStore(certificates: certificates("certificates/issuing-ca.pem"))
        let revocationInputs = RevocationInputs(
            issuers: issuers,
            sources: RevocationSources(
                crls: [("crl-ok.crl", bytes("revocation/crl-ok.crl"))],
                ocspResponses: [("ocsp-ok.ocsp", bytes("revocation/ocsp-ok.ocsp"))],
                issuers: issuers),
            ocspRequest: OCSPRequest(der: bytes("revocation/ocsp-request.der")))
        self.issuers = issuers
        do {
            auditor = try Auditor(
                profiles: try ProfileSet.load(), selection: .automatic,
                context: EvaluationContext(validationTime: Date(timeIntervalSince1970: 1_780_315_200)),
                issuers: IssuerStore(certificates: certificates("certificates/issuing-ca.pem")),
                trustedLists: TrustedListStore(files: [("tl.xml", bytes("trusted-lists/tl-v5-minimal.xml"))]),
                timestampInputs: timestampInputs, revocationInputs: revocationInputs)
        } catch {
            fatalError("the fuzz harness cannot build its auditor: \(error)")
        }
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("trustaudit-fuzz-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: scratch + "/tile/data", withIntermediateDirectories: true)
    }

    func run(_ bytes: [UInt8]) {
        switch target {
        case .certificate, .timestamp, .trustedlist:
            check(InputItem(index: 0, source: "fuzz", bytes: bytes))
            if bytes.first == 0x3C { _ = LOTLPointers(bytes: bytes, source: "fuzz") }
        case .revocation:
            check(InputItem(index: 0, source: "fuzz", bytes: bytes))
            _ = RevocationSources(crls: [("fuzz", bytes)], ocspResponses: [("fuzz", bytes)], issuers: issuers)
            _ = OCSPRequest(der: bytes)
        case .container:
            // The file name matters to the readers: a page start index, a tile path.
            let names = ["input", "start=1000.json", "tile/data/x001/234"]
            let path = scratch + "/" + names[bytes.count % names.count]
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
            // Every fourth input is read through the folder walk (readdir, sorting, tile
            // supersession) instead of as the file itself.
            let reader = InputReader(paths: [bytes.count % 4 == 3 ? scratch : path])
            var count = 0
            while let item = reader.next(), count < 2_000 {
                check(item)
                count += 1
            }
        case .shard:
            let path = scratch + "/shard-000000000000-000000000010.jsonl"
            guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return }
            _ = ShardTrailer.read(path)
            _ = try? ShardWriter(size: 10, directory: scratch, resume: true)
        case .manifest:
            let folder = scratch + "/bundle"
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            guard FileManager.default.createFile(atPath: folder + "/manifest.json", contents: Data(bytes)) else {
                return
            }
            _ = try? BundleVerification.verify(directory: folder)
        case .profile:
            // The document beside one small built-in catalogue (loading every built-in document per
            // input would spend the run in parsing them); `--profiles` goes through the same init.
            let document = ProfileDocument(name: "fuzz.yaml", text: String(decoding: bytes, as: UTF8.self))
            _ = try? ProfileSet(documents: rfc5280Catalogue + [document])
        }
    }

    private func check(_ item: InputItem) {
        let evidence = auditor.evidence(for: item)
        _ = EvidenceJSON.line(evidence)
        _ = auditor.facts(for: item, kind: evidence.kind)
    }
}
