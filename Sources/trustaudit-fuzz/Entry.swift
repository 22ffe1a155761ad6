import Foundation

/// Built once per process: the auditor and the target.
let harness = FuzzHarness()

/// libFuzzer's entry point (built with `-sanitize=fuzzer`: `make fuzz`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    harness.run(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

#if FUZZING
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt

    /// SwiftPM links an executable's entry point under this name; with libFuzzer it hands over to
    /// the fuzzer's driver (libFuzzer's own `main` is then not linked).
    @_cdecl("trustaudit_fuzz_main")
    public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments) { data, size in fuzzOneInput(data, size) }
    }
#else
    /// Without libFuzzer: runs the given files through the target once each, to reproduce a
    /// crash found by a fuzz run (`trustaudit-fuzz crash-…`).
    @main
    enum Reproduce {
        static func main() {
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
                    continue
                }
                harness.run([UInt8](data))
                print("\(harness.target.rawValue): \(path): no crash")
            }
        }
    }
#endif
