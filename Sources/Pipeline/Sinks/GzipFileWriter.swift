internal import CZlib
import Foundation

/// Writes one gzip member to a file as bytes arrive (`--shard-gzip`): the bytes are deflated in
/// 64 KiB steps, so memory stays flat whatever the shard's size.
final class GzipFileWriter {
    private var stream = z_stream()
    private let handle: FileHandle
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var finished = false

    init(handle: FileHandle, level: Int32 = 6) throws {
        self.handle = handle
        guard shim_deflateInit_gzip(&stream, level) == Z_OK else {
            throw PipelineError.unwritableOutput("zlib could not start a gzip stream")
        }
    }

    deinit { deflateEnd(&stream) }

    func write(_ bytes: [UInt8]) throws {
        try deflate(bytes, flush: Z_NO_FLUSH)
    }

    /// Ends the gzip member (its CRC-32 and size trailer); nothing may be written after.
    func finish() throws {
        guard !finished else { return }
        finished = true
        try deflate([], flush: Z_FINISH)
    }

    private func deflate(_ bytes: [UInt8], flush: Int32) throws {
        guard let available = UInt32(exactly: bytes.count) else {
            throw PipelineError.unwritableOutput("a record of more than 4 GiB cannot be deflated")
        }
        var status = Z_OK
        try bytes.withUnsafeBufferPointer { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = available
            repeat {
                let produced: Int = buffer.withUnsafeMutableBufferPointer { out in
                    stream.next_out = out.baseAddress
                    stream.avail_out = UInt32(out.count)
                    status = CZlib.deflate(&stream, flush)
                    return out.count - Int(stream.avail_out)
                }
                if produced > 0 { try handle.write(contentsOf: buffer[0..<produced]) }
            } while status == Z_OK && (stream.avail_in > 0 || stream.avail_out == 0 || flush == Z_FINISH)
        }
        let expected = flush == Z_FINISH ? Z_STREAM_END : Z_OK
        // Z_BUF_ERROR only says no progress was possible, which is fine once all input is taken.
        guard status == expected || (status == Z_BUF_ERROR && stream.avail_in == 0 && flush != Z_FINISH) else {
            throw PipelineError.unwritableOutput("zlib could not deflate a shard (status \(status))")
        }
    }
}
