internal import CZlib

/// gzip (RFC 1952, several members allowed) and zlib streams inflated in memory, with an output
/// limit so a small bomb cannot take the machine's memory.
enum Gzip {
    static let magic: [UInt8] = [0x1F, 0x8B]

    /// The inflated bytes, or why not.
    static func inflate(_ input: [UInt8], limit: Int) -> Result<[UInt8], PipelineError> {
        var output: [UInt8] = []
        var offset = 0
        while offset < input.count {
            // zlib's avail_in is 32 bits; stdin has no size limit, so a larger input is refused
            // here rather than trapping in the conversion below.
            guard let available = UInt32(exactly: input.count - offset) else {
                return .failure(.unreadableInput("the gzip input is larger than 4 GiB"))
            }
            var stream = z_stream()
            guard shim_inflateInit_auto(&stream) == Z_OK else {
                return .failure(.unreadableInput("zlib could not start"))
            }
            defer { inflateEnd(&stream) }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            var status = Z_OK
            let consumed: Int = input.withUnsafeBufferPointer { source in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress! + offset)
                stream.avail_in = available
                repeat {
                    status = chunk.withUnsafeMutableBufferPointer { buffer in
                        stream.next_out = buffer.baseAddress
                        stream.avail_out = UInt32(buffer.count)
                        return CZlib.inflate(&stream, Z_NO_FLUSH)
                    }
                    output.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                } while status == Z_OK && output.count <= limit
                return source.count - offset - Int(stream.avail_in)
            }
            if output.count > limit {
                return .failure(.unreadableInput("the gzip content is larger than \(limit) bytes"))
            }
            guard status == Z_STREAM_END else {
                return .failure(.unreadableInput("the gzip stream is truncated or corrupt (zlib status \(status))"))
            }
            offset += consumed
            // Trailing zero padding after the last member is tolerated.
            if input[offset...].allSatisfy({ $0 == 0 }) { break }
        }
        return .success(output)
    }
}
