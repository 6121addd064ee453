import Foundation
import PatchbayCore
import PatchbayEval

/// A cases file in a fresh folder; returns its path.
func scratchFile(_ name: String, _ text: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "patchbay-eval-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try Data(text.utf8).write(to: url)
    return url.path
}

/// The problems `body` throws, one line each (with hints); empty when it throws nothing.
func problems(_ body: () throws -> Void) -> [String] {
    do {
        try body()
        return []
    } catch let error as EvalSuiteError {
        return error.problems.map(\.description)
    } catch {
        return ["\(error)"]
    }
}

/// Swift Testing has an `Expectation` type too.
typealias Expectation = PatchbayEval.Expectation
