/// Finds a `<!DOCTYPE` in the prolog (before the root element), where XML allows it.
enum DocumentTypeDeclaration {
    static func find(in bytes: [UInt8]) -> Int? {
        let marker = Array("<!DOCTYPE".utf8)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == 0x3C else {
                index += 1
                continue
            }
            let next = index + 1 < bytes.count ? bytes[index + 1] : 0
            if next == 0x21 { // "<!": comment or DOCTYPE
                if bytes[index...].starts(with: marker) { return index }
                if let end = find(Array("-->".utf8), in: bytes, from: index + 4) {
                    index = end
                    continue
                }
                return nil
            }
            if next == 0x3F { // "<?": processing instruction
                guard let end = find(Array("?>".utf8), in: bytes, from: index + 2) else { return nil }
                index = end
                continue
            }
            return nil // the root element starts: no DOCTYPE can follow
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard start <= bytes.count, needle.count <= bytes.count else { return nil }
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index..<index + needle.count].elementsEqual(needle) { return index + needle.count }
            index += 1
        }
        return nil
    }
}
