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
    /// Where fragments of each wire index go now: the index itself, unless a call with another
    /// id came under it (Ollama numbers every call 0), which moved it to a slot of its own.
    private var routes: [Int: Int] = [:]

    var isEmpty: Bool { slots.isEmpty }

    func contains(_ index: Int) -> Bool { slots[routes[index] ?? index] != nil }

    /// Records what one fragment says of call `index`. Id and name are taken the first time
    /// they come (some servers repeat them in every fragment); arguments are appended. A new id
    /// under an index already taken starts a call after the others.
    mutating func add(index: Int, id: String?, name: String?, arguments: String?) {
        var key = routes[index] ?? index
        if let id, !id.isEmpty, let taken = slots[key]?.id, !taken.isEmpty, taken != id {
            key = max(index, slots.keys.max() ?? 0) + 1
        }
        routes[index] = key
        var slot = slots[key] ?? Slot()
        if slot.id.isEmpty, let id { slot.id = id }
        if slot.name.isEmpty, let name { slot.name = name }
        if let arguments { slot.arguments += arguments }
        slots[key] = slot
    }

    /// The calls in index order, arguments parsed (or kept raw with why they are not JSON). A
    /// call the server sent without an id gets one: its result has to name it.
    var calls: [ToolCall] {
        slots.sorted { $0.key < $1.key }.map { index, slot in
            ToolCall(id: slot.id.isEmpty ? "call_\(index)" : slot.id, name: slot.name, rawArguments: slot.arguments)
        }
    }
}
