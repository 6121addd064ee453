import Foundation

/// Where a model call leaves what it sent, for the step that made it to record (`Step.prompt`).
/// Set before the request goes out, so a step that fails still records what it asked. The first
/// request kept wins: a node step records its first call (a tool loop's first turn, a vote's
/// first sample), each turn or sample step its own through a slot of its own whose `parent` is
/// the node's.
final class PromptSlot: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [String: JSONValue]?
    let parent: PromptSlot?

    init(parent: PromptSlot? = nil) {
        self.parent = parent
    }

    func keep(_ prompt: [String: JSONValue]) {
        lock.withLock { if kept == nil { kept = prompt } }
        parent?.keep(prompt)
    }

    var prompt: [String: JSONValue]? { lock.withLock { kept } }
}
