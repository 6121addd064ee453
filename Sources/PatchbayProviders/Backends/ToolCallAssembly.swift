import PatchbayCore

/// Tool calls as a stream delivers them: pieces of each call's id, name and arguments keyed by
/// the call's index in the turn (OpenAI's `tool_calls[].index`, Anthropic's content block
/// index), in any order, made whole once the stream ends.
struct ToolCallAssembly: Sendable {
    private struct Slot: Sendable {
        var id = ""
        var name = ""
        var arguments = ""
    }

    private var slots: [Int: Slot] = [:]

    var isEmpty: Bool { slots.isEmpty }

    func contains(_ index: Int) -> Bool { slots[index] != nil }

    /// Records what one fragment says of call `index`. Id and name are taken the first time
    /// they come (some servers repeat them in every fragment); arguments are appended.
    mutating func add(index: Int, id: String?, name: String?, arguments: String?) {
        var slot = slots[index] ?? Slot()
        if slot.id.isEmpty, let id { slot.id = id }
        if slot.name.isEmpty, let name { slot.name = name }
        if let arguments { slot.arguments += arguments }
        slots[index] = slot
    }

    /// The calls in index order, arguments parsed (or kept raw with why they are not JSON). A
    /// call the server sent without an id gets one: its result has to name it.
    var calls: [ToolCall] {
        slots.sorted { $0.key < $1.key }.map { index, slot in
            ToolCall(id: slot.id.isEmpty ? "call_\(index)" : slot.id, name: slot.name, rawArguments: slot.arguments)
        }
    }
}
