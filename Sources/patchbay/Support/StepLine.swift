import Foundation
import PatchbayCore
import PatchbayPresentation

/// One-line descriptions of steps and runs for stderr.
enum StepLine {
    static func progress(_ event: RunEvent) -> String? {
        switch event {
        case .nodeFinished(let step), .nodeFailed(let step), .nodeSkipped(let step): line(step)
        default: nil
        }
    }

    static func line(_ step: Step) -> String {
        // The glyph table the workbench draws with too.
        let mark = NodeStatus(step.status).glyph(ascii: false)
        var text = "\(mark) \(step.path) (\(step.kind.rawValue))"
        if step.duration >= 0.001 { text += " " + DurationText.compact(step.duration) }
        if let usage = step.usage, step.status == .succeeded {
            text += " " + TokenText.long(usage)
        }
        if step.status == .cached { text += " cached" }
        if let reason = step.skipReason { text += " skipped: \(reason)" }
        if let error = step.error { text += " — \(TerminalText.escape(error.message, keepNewlines: false))" }
        return text
    }

    static func summary(_ result: RunResult) -> String {
        let cached = result.steps.filter { $0.status == .cached }.count
        let usage = result.usage
        var text =
            "\(result.status.rawValue): \(result.steps.count) steps (\(result.executedCount) executed, \(cached) cached)"
        if usage.inputTokens + usage.outputTokens > 0 { text += ", " + TokenText.long(usage) }
        if let error = result.error {
            text += "\nerror: \(TerminalText.escape(error.message))"
            if let hint = error.hint { text += "\n" + ErrorText.hintLine(hint) }
        }
        return text
    }
}
