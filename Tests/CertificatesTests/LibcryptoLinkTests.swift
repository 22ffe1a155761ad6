import Certificates
import Digests
import Testing

/// Proves libcrypto links and is called: SHA-256 test vectors of FIPS 180-2.
@Suite struct LibcryptoLinkTests {
    @Test func sha256OfABC() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func sha256OfEmptyInput() {
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func sliceHashesOnlyItsBytes() {
        let bytes = Array("xxabcxx".utf8)
        #expect(SHA256.hex(bytes[2..<5]) == SHA256.hex(Array("abc".utf8)))
    }
}
