import AuditCore
import Foundation

/// Splits one file (or stdin) into items, deciding the container from its first bytes:
/// PEM blocks (many per file, explanatory text between them ignored as RFC 7468 §5.2 allows),
/// one base64 item per line, or the whole file as one item (DER, XML, anything binary).
final class FileItemReader {
    /// Whole-file items larger than this are refused with a finding rather than read.
    /// This reader's limit (`check --max-item-size`); also the inflated size of a gzip file.
    private let maximumItemSize: Int
    private static let probeLength = 64 * 1024

    private enum Mode {
        case whole(bytes: [UInt8]?, problem: String?)
        case pem(ByteLineReader)
        case base64Lines(ByteLineReader)
        case sample(ByteLineReader)
        /// Items already split (CT entries of a page, a leaf or a data tile).
        case listed([CTEntries.Entry], next: Int)
        case finished
    }

    private let name: String
    private var mode: Mode
    private var position = 0
    /// A BEGIN line read while looking for an END line, to start the next block with.
    private var pendingBegin: ArraySlice<UInt8>?
    /// The CT origin of the item `next()` returned last (nil for other containers).
    private(set) var currentOrigin: ItemOrigin?
    /// The sampling record of a `trustaudit sample` file, once its first line is read.
    private(set) var samplingRecord: SamplingRecord?
    /// The file's bytes when they fitted in the first read: the item of a text file in which no
    /// PEM block or base64 line was found (so the file still gets its record).
    private var wholeProbe: [UInt8] = []

    /// - Parameters:
    ///   - name: the locator prefix (`path`, or `-` for stdin).
    ///   - issuers: where a static-ct-api data tile's chain fingerprints resolve, if anywhere.
    ///   - memory: the input's bytes when they are already in memory (`handle` is then at its
    ///     end): they are split exactly as the same bytes read from a file would be.
    init(
        name: String, handle: FileHandle, size: Int?, issuers: CTIssuerDirectory? = nil,
        maximumItemSize: Int = InputReader.defaultMaximumItemSize, memory: [UInt8]? = nil
    ) {
        self.name = name
        self.maximumItemSize = maximumItemSize
        // The throwing reads: FileHandle.readData(ofLength:) and readDataToEndOfFile() trap on an
        // I/O error (EIO, or EISDIR when stdin is a directory); here the error is the item's problem.
        let probe: [UInt8]
        if let memory {
            probe = Array(memory.prefix(Self.probeLength))
        } else {
            do {
                probe = [UInt8](try handle.read(upToCount: Self.probeLength) ?? Data())
            } catch {
                mode = .whole(bytes: [], problem: "the input cannot be read: \(error.localizedDescription)")
                return
            }
        }
        let tileNumber = CTEntries.tileNumber(inPath: name)
        let container = { (bytes: [UInt8]) in
            Self.container(bytes, name: name, tileNumber: tileNumber, issuers: issuers)
        }
        // The whole file: the probe, and the rest when the probe filled up — never more than the
        // item limit, whatever the file claims to be (stdin, a device, a FIFO or a sparse file
        // have no trustworthy size).
        let whole = { () -> Result<[UInt8], PipelineError> in
            guard probe.count == Self.probeLength else { return .success(probe) }
            if let size, size > maximumItemSize {
                return .failure(
                    PipelineError.unreadableInput(
                        "the file is \(size) bytes, over the \(maximumItemSize)-byte item limit"))
            }
            if let memory { return .success(memory) }
            do {
                var bytes = probe
                // Growing by doubling would hold up to three times a large file (a CRL of a million
                // entries) while it is copied; the size, when known, fixes the buffer once.
                if let size, size > probe.count { bytes.reserveCapacity(size) }
                while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
                    bytes.append(contentsOf: chunk)
                    if bytes.count > maximumItemSize {
                        return .failure(
                            PipelineError.unreadableInput(
                                "the input exceeds the \(maximumItemSize)-byte item limit; it was not read further"))
                    }
                }
                return .success(bytes)
            } catch {
                return .failure(
                    PipelineError.unreadableInput("the input cannot be read to its end: \(error.localizedDescription)"))
            }
        }
        // What a text file that yields no item is recorded as (the file itself when it fitted in
        // the probe).
        wholeProbe = probe.count < Self.probeLength ? probe : []
        if probe.starts(with: Gzip.magic) {
            if let size, size > maximumItemSize {
                mode = .whole(
                    bytes: [], problem: "the file is \(size) bytes, over the \(maximumItemSize)-byte item limit")
                return
            }
            switch whole() {
            case .success(let compressed):
                switch Gzip.inflate(compressed, limit: maximumItemSize) {
                case .success(let inflated): mode = container(inflated) ?? .whole(bytes: inflated, problem: nil)
                case .failure(let problem): mode = .whole(bytes: compressed, problem: problem.reason)
                }
            case .failure(let problem): mode = .whole(bytes: [], problem: problem.reason)
            }
        } else if Self.isText(probe) && !Self.looksLikeXML(probe) && CTEntries.isPage(probe) {
            switch whole() {
            case .success(let bytes): mode = container(bytes) ?? .whole(bytes: bytes, problem: nil)
            case .failure(let problem): mode = .whole(bytes: [], problem: problem.reason)
            }
        } else if Self.isText(probe) && !Self.looksLikeXML(probe) {
            let reader = ByteLineReader(handle: handle, prefix: memory ?? probe)
            if probe.starts(with: Array(SampleFile.firstLinePrefix.utf8)) {
                mode = .sample(reader)
            } else {
                mode = ByteSearch.contains(Array("-----BEGIN ".utf8), in: probe) ? .pem(reader) : .base64Lines(reader)
            }
        } else if let size, size > maximumItemSize {
            mode = .whole(bytes: [], problem: "the file is \(size) bytes, over the \(maximumItemSize)-byte item limit")
        } else {
            switch whole() {
            case .success(let bytes): mode = container(bytes) ?? .whole(bytes: bytes, problem: nil)
            case .failure(let problem): mode = .whole(bytes: [], problem: problem.reason)
            }
        }
    }

    /// The CT container the bytes are (a get-entries page, a MerkleTreeLeaf, a data tile), or nil.
    private static func container(_ bytes: [UInt8], name: String, tileNumber: Int?, issuers: CTIssuerDirectory?)
        -> Mode?
    {
        if CTEntries.isPage(bytes) {
            switch CTEntries.page(bytes, start: CTEntries.pageStart(inPath: name)) {
            case .success(let entries): return .listed(entries, next: 0)
            case .failure(let problem): return .whole(bytes: bytes, problem: problem.reason)
            }
        }
        if CTEntries.isLeaf(bytes) {
            return .listed([CTEntries.logEntry(leaf: bytes, extraData: nil, position: "leaf file")], next: 0)
        }
        if CTEntries.isTile(bytes) {
            return .listed(CTEntries.tile(bytes, tileNumber: tileNumber, issuers: issuers), next: 0)
        }
        return nil
    }

    /// The next item of this file; `index` is assigned by the caller.
    func next() -> (source: String, bytes: [UInt8], problem: String?)? {
        currentOrigin = nil
        switch mode {
        case .finished:
            return nil
        case .whole(let bytes, let problem):
            mode = .finished
            return (name, bytes ?? [], problem)
        case .pem(let reader):
            return nextPEMBlock(reader)
        case .base64Lines(let reader):
            return nextBase64Line(reader)
        case .sample(let reader):
            return nextSampleLine(reader)
        case .listed(let entries, let next):
            guard next < entries.count else {
                mode = .finished
                return nil
            }
            mode = .listed(entries, next: next + 1)
            position += 1
            let entry = entries[next]
            currentOrigin = entry.kind.map { ItemOrigin(logEntryType: $0.rawValue, chain: entry.chain) }
            return (entry.locator(name, position), entry.certificate, entry.problem)
        }
    }

    private func locator() -> String {
        position += 1
        return "\(name)#\(position)"
    }

    /// A line of a sample file: the first holds the sampling record, each other one item with
    /// its population index and source.
    private func nextSampleLine(_ reader: ByteLineReader) -> (String, [UInt8], String?)? {
        while let (line, overlong) = reader.nextLine() {
            guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { continue }
            if samplingRecord == nil, line.starts(with: Array(SampleFile.firstLinePrefix.utf8)) {
                samplingRecord = SampleFile.record(Array(line))
                continue
            }
            let source = locator()
            if overlong { return (source, [], "sample line longer than \(ByteLineReader.maximumLineLength) bytes") }
            guard let entry = SampleFile.entry(Array(line)) else {
                return (source, [], "sample line \(position) is not a sampled item")
            }
            return ("\(source) (\(entry.source))", entry.bytes, nil)
        }
        return finish(reader)
    }

    private func nextBase64Line(_ reader: ByteLineReader) -> (String, [UInt8], String?)? {
        while let (line, overlong) = reader.nextLine() {
            let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 }
            guard !trimmed.isEmpty, !trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) else { continue }
            let source = locator()
            if overlong {
                return (source, [UInt8](trimmed), "line longer than \(ByteLineReader.maximumLineLength) bytes")
            }
            guard let bytes = Base64.decode(trimmed) else {
                return (source, [UInt8](trimmed), "line \(position) is neither base64 nor a PEM block")
            }
            return (source, bytes, nil)
        }
        return finish(reader)
    }

    private func nextPEMBlock(_ reader: ByteLineReader) -> (String, [UInt8], String?)? {
        let begin = Array("-----BEGIN ".utf8)
        let endPrefix = Array("-----END ".utf8)
        while let line = pendingBegin ?? reader.nextLine()?.line {
            pendingBegin = nil
            guard line.starts(with: begin) else { continue } // explanatory text between blocks
            let label = String(decoding: line.dropFirst(begin.count).prefix { $0 != 0x2D }, as: UTF8.self)
            let source = locator()
            var body: [UInt8] = []
            var sawHeader = false
            while let (inner, overlong) = reader.nextLine() {
                if inner.starts(with: endPrefix) {
                    if sawHeader {
                        return (source, body, "PEM block \(label) has RFC 1421 headers; only RFC 7468 PEM is accepted")
                    }
                    guard let bytes = Base64.decode(body) else {
                        return (source, body, "PEM block \(label) does not contain valid base64")
                    }
                    return (source, bytes, nil)
                }
                if inner.starts(with: begin) {
                    pendingBegin = inner
                    return (source, body, "PEM block \(label) has no END line before the next BEGIN")
                }
                if inner.contains(0x3A) { sawHeader = true }
                if overlong || body.count > maximumItemSize {
                    return (source, [], "PEM block \(label) exceeds the item size limit")
                }
                body.append(contentsOf: inner)
            }
            mode = .finished
            let cause = reader.readError.map { "the input could not be read to its end: \($0)" } ?? "file truncated?"
            return (source, body, "PEM block \(label) has no END line (\(cause))")
        }
        return finish(reader)
    }

    /// Ends a line-based input: nil, or first an item for the read error that ended it early
    /// (the lines before it were items of their own).
    private func finish(_ reader: ByteLineReader) -> (String, [UInt8], String?)? {
        mode = .finished
        if let error = reader.readError { return (locator(), [], "the input could not be read to its end: \(error)") }
        // A text file that held no item (only whitespace, or "-----BEGIN " inside a line) is
        // still an input: one record says what it held.
        guard position == 0 else { return nil }
        let blank = wholeProbe.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        return (
            name, wholeProbe,
            blank
                ? "the file holds only whitespace: no item"
                : "a text file with no PEM block (a BEGIN line must start a line) and no base64 line"
        )
    }

    /// Text means printable ASCII and whitespace only (PEM and base64 are ASCII by definition).
    private static func isText(_ probe: [UInt8]) -> Bool {
        !probe.isEmpty && probe.allSatisfy { (0x20...0x7E).contains($0) || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }

    private static func looksLikeXML(_ probe: [UInt8]) -> Bool {
        probe.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 } == 0x3C
    }
}
