import Foundation
import PatchbayCore
import PatchbayEval

// libFuzzer target: cases file bytes through `EvalSuite.load`, as `eval --cases` does. The first
// byte picks the format (YAML, JSONL, CSV), the rest is the file. Built with scripts/fuzz.sh
// (-sanitize=fuzzer -DFUZZING); a normal build replays the files given as arguments.

let inputs = [
    PortSpec("text", .string), PortSpec("n", .integer, required: false), PortSpec("x", .number, required: false),
    PortSpec("flag", .boolean, required: false), PortSpec("doc", .object, required: false),
    PortSpec("list", .array, required: false),
]
let outputs = [PortSpec("counts", .object), PortSpec("summary", .string)]
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-fuzz-cases-\(getpid())").path

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCases(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let ext = ["yaml", "jsonl", "csv"][Int(data[0]) % 3]
    let path = "\(directory)/f.cases.\(ext)"
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes: data + 1, count: size - 1)) else {
        return 0
    }
    _ = try? EvalSuite.load(path: path, inputs: inputs, outputs: outputs)
    return 0
}

#if FUZZING
    @_extern(c, "LLVMFuzzerRunDriver")
    func runDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt
#endif

@main enum FuzzCasesMain {
    static func main() {
        #if FUZZING
            // SwiftPM links an executable's `main` to this one, so libFuzzer's driver is started here.
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(runDriver(&argc, &argv, fuzzCases))
        #else
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    print("cannot read \(path)")
                    exit(2)
                }
                let start = Date()
                _ = data.withUnsafeBytes { fuzzCases($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
                print("\(path): ok in \(String(format: "%.3f", Date().timeIntervalSince(start))) s")
            }
        #endif
    }
}
