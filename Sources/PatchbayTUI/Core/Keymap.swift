/// The one keymap table: which key does what, where. Help, the palette, the status-line hints
/// and `docs/keymap.md` all read it; the user config overrides keys by action id.
public struct Keymap: Sendable, Equatable {
    /// Where a binding applies: everywhere, or only while one pane has the focus.
    public enum Scope: Sendable, Hashable {
        case global
        case pane(PaneID)
    }

    public struct Binding: Sendable, Hashable {
        public var keys: [Key]
        public var action: ActionID
        public var scope: Scope

        public init(_ keys: [Key], _ action: ActionID, _ scope: Scope = .global) {
            self.keys = keys
            self.action = action
            self.scope = scope
        }
    }

    public private(set) var bindings: [Binding]
    private var byKey: [Scope: [Key: ActionID]] = [:]

    public init(bindings: [Binding]) {
        self.bindings = bindings
        for binding in bindings {
            for key in binding.keys where byKey[binding.scope]?[key] == nil {
                byKey[binding.scope, default: [:]][key] = binding.action
            }
        }
    }

    /// The focused pane's binding wins over a global one.
    public func action(for key: Key, focus: PaneID) -> ActionID? {
        byKey[.pane(focus)]?[key] ?? byKey[.global]?[key]
    }

    /// Keys for an action in a scope (global bindings count everywhere).
    public func keys(for action: ActionID, in pane: PaneID? = nil) -> [Key] {
        bindings.filter { $0.action == action && ($0.scope == .global || pane.map { Scope.pane($0) } == $0.scope) }
            .flatMap(\.keys)
    }

    /// Replaces the keys of actions named in `overrides` (action id → key names). Unknown ids
    /// and key names come back as problems, with the id or name, so the config can be fixed.
    public func overriding(_ overrides: [String: [String]]) -> (keymap: Keymap, problems: [String]) {
        var problems: [String] = []
        var result = bindings
        for (id, names) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let action = ActionID(rawValue: id) else {
                let near = ActionID.allCases.map(\.rawValue).filter {
                    $0.hasSuffix(id) || id.hasSuffix($0.split(separator: ".").last.map(String.init) ?? "")
                }
                problems.append(
                    "unknown action `\(id)` in [keys]"
                        + (near.first.map { "; did you mean `\($0)`?" } ?? "; see docs/keymap.md"))
                continue
            }
            var keys: [Key] = []
            for name in names {
                if let key = Key(name: name) {
                    keys.append(key)
                } else {
                    problems.append("unknown key `\(name)` for `\(id)`; write keys like `x`, `C-x`, `<F5>`, `<S-Tab>`")
                }
            }
            let scope = result.first { $0.action == action }?.scope ?? .global
            result.removeAll { $0.action == action }
            // The new keys take precedence over any other action bound to them: in the same
            // scope, and for a global action also in every pane (a pane's binding would win).
            for index in result.indices where scope == .global || result[index].scope == scope {
                result[index].keys.removeAll { keys.contains($0) }
            }
            result.insert(Binding(keys, action, scope), at: 0)
        }
        return (Keymap(bindings: result), problems)
    }
}
