import Foundation
import PatchbayCore

extension EffectRunner {
    /// Appends a captured case to its cases file, keeping the file's text, and writes it
    /// atomically (a reader never sees half a file).
    func appendCase(_ draft: CaseDraft, expected: JSONValue?) {
        let url = URL(fileURLWithPath: draft.casesPath)
        let name = url.lastPathComponent
        let existing: String?
        if FileManager.default.fileExists(atPath: url.path) {
            do { existing = try String(contentsOf: url, encoding: .utf8) } catch {
                send(.message("Cannot read \(name): \(Self.firstLine(error))", .error))
                return
            }
        } else {
            existing = nil
        }
        do {
            let (text, id) = try CaseFileText.appending(draft, expected: expected, to: existing)
            try Data(text.utf8).write(to: url, options: .atomic)
            send(
                .message(
                    "Added case `\(id)` to \(name)" + (existing == nil ? " (a new file)" : "")
                        + (expected == nil ? ", with no expectation" : ""), .info))
        } catch let refusal as CaseFileText.Refusal {
            send(.message("Cannot add the case to \(name): \(refusal.message)", .error))
        } catch {
            send(.message("Cannot write \(name): \(Self.firstLine(error))", .error))
        }
    }
}
