import PatchbayCore

/// Where a step stands in an `llm` node's tool loop, read from its path: the node's turns are
/// `agent/turn[2]`, their calls `agent/turn[2]/call[0]:get_current_time` (only calls carry a
/// label). A loop item (`refine[2]/draft`) or a node called `turn` is neither.
public enum ToolLoopPath: Sendable, Hashable {
    /// A model turn: the path of the node that owns the loop, and the turn's number.
    case turn(owner: StepPath, turn: Int)
    /// A tool call: the owner, its turn, the call's number in the turn and the tool's name.
    case call(owner: StepPath, turn: Int, call: Int, tool: String)

    public init?(_ path: StepPath) {
        let parts = path.components
        guard let last = parts.last else { return nil }
        if last.node == "turn", let turn = last.index, last.label == nil, parts.count >= 2 {
            self = .turn(owner: StepPath(Array(parts.dropLast())), turn: turn)
        } else if last.node == "call", let call = last.index, let tool = last.label, parts.count >= 3,
            parts[parts.count - 2].node == "turn", let turn = parts[parts.count - 2].index
        {
            self = .call(owner: StepPath(Array(parts.dropLast(2))), turn: turn, call: call, tool: tool)
        } else {
            return nil
        }
    }

    public var owner: StepPath {
        switch self {
        case .turn(let owner, _), .call(let owner, _, _, _): owner
        }
    }

    public var turn: Int {
        switch self {
        case .turn(_, let turn), .call(_, let turn, _, _): turn
        }
    }

    /// The path as the trace writes it: the loop's components as words (`agent/turn 2`,
    /// `agent/turn 2/call get_current_time`); a graph tool's own steps keep their node names
    /// after the call (`agent/turn 0/call shout/upper`). Not escaped.
    public static func label(_ path: StepPath) -> String {
        let parts = path.components
        var words: [String] = []
        words.reserveCapacity(parts.count)
        for (i, part) in parts.enumerated() {
            if part.node == "turn", let index = part.index, part.label == nil, i > 0,
                i == parts.count - 1 || isCall(parts[i + 1])
            {
                words.append("turn \(index)")
            } else if isCall(part), i >= 2, parts[i - 1].node == "turn", parts[i - 1].index != nil {
                words.append("call " + (part.label ?? ""))
            } else {
                words.append(StepPath([part]).description)
            }
        }
        return words.joined(separator: "/")
    }

    private static func isCall(_ part: StepPath.Component) -> Bool {
        part.node == "call" && part.index != nil && part.label != nil
    }
}
