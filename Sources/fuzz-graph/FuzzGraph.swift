import Foundation
import PatchbayCore

// libFuzzer target: graph file bytes through the decoder and the validator, as `validate` does.
// Built with scripts/fuzz.sh (-sanitize=fuzzer -DFUZZING); a normal build replays the files
// given as arguments, which is how a finding is reproduced under a debugger.

/// Sub-graph paths resolve under a directory that doesn't exist, so reads fail fast and locally.
let fuzzPath = "/nonexistent-patchbay-fuzz/f.graph.yaml"

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGraph(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Data(bytes: $0, count: size) } ?? Data()
    guard case .success(let text) = UTF8Text.decode(bytes) else { return 0 }
    guard let document = try? GraphCodec.decode(text, path: fuzzPath) else { return 0 }
    _ = GraphValidator.validate(document, loader: GraphLoader())
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

@main enum FuzzGraphMain {
    static func main() {
        #if FUZZING
            // SwiftPM links an executable's `main` to this one, so libFuzzer's driver is started here.
            var argc = CommandLine.argc
            var argv = CommandLine.unsafeArgv
            exit(runDriver(&argc, &argv, fuzzGraph))
        #else
            for path in CommandLine.arguments.dropFirst() {
                guard let data = FileManager.default.contents(atPath: path) else {
                    print("cannot read \(path)")
                    exit(2)
                }
                let start = Date()
                _ = data.withUnsafeBytes { fuzzGraph($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
                print("\(path): ok in \(String(format: "%.3f", Date().timeIntervalSince(start))) s")
            }
        #endif
    }
}
