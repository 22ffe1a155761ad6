import AuditCore

/// A growable byte buffer written through a raw pointer, for the one evidence line of an item:
/// a record is about a thousand small writes, and each costs a bounds check and a copy here
/// instead of an array's uniqueness and capacity bookkeeping.
struct ByteSink: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    /// `"text"` with JSON escaping, or `null`.
    mutating func appendJSONString(_ text: String?) {
        guard let text else { return append(JSONSinkLiterals.null) }
        append(0x22)
        JSONEscaping.withEscaped(text) { append($0) }
        append(0x22)
    }

    /// The decimal digits of `value`.
    mutating func appendDecimal(_ value: Int) {
        var digits = String(value)
        digits.withUTF8 { append($0) }
    }

    /// The bytes written, as an array.
    consuming func bytes() -> [UInt8] {
        // One memcpy: the generic Array(UnsafeBufferPointer) copies element by element.
        let written = count
        let source = base
        return [UInt8](unsafeUninitializedCapacity: written) { buffer, initialized in
            buffer.baseAddress?.initialize(from: source, count: written)
            initialized = written
        }
    }

    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let grown = max(capacity * 2, count + extra)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        bigger.initialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = grown
    }
}

private enum JSONSinkLiterals {
    static var null: StaticString { "null" }
}
