import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayStore

struct DiffRunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff-runs",
        abstract: "Show how two runs differ: the graph, the inputs, and which steps' outputs changed, and how.",
        discussion: """
            Steps are matched by path. Text outputs are compared line by line (- A, + B); JSON outputs by key. \
            A step that was cached in one run and executed in the other is the same if its outputs are.
            """)

    @Argument(help: "The first run (id, unique prefix, `last` or `#SEQ`).")
    var a: String

    @Argument(help: "The second run.")
    var b: String

    @Flag(help: "Print the differences as one JSON object.")
    var json = false

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let store = try ProjectStore.existing(project: storeOptions.project)
        let (runA, runB) = try ProjectStore.storeCall { (try store.run(a), try store.run(b)) }
        let diff = RunDiff(runA, runB)
        if json {
            Console.out(diff.json.compactJSON)
            return
        }
        for line in diff.lines { Console.out(line) }
    }
}

/// The differences between two stored runs.
struct RunDiff {
    struct StepChange {
        enum Change: String { case added, removed, status, outputs }
        var path: String
        var change: Change
        var statusA: Step.Status?
        var statusB: Step.Status?
        /// Ports whose values differ, with both values (nil: not emitted).
        var ports: [(name: String, a: JSONValue?, b: JSONValue?)]
    }

    let a: StoredRun
    let b: StoredRun
    var graph: GraphDiff?
    var inputs: [(name: String, a: JSONValue?, b: JSONValue?)]
    var outputs: [(name: String, a: JSONValue?, b: JSONValue?)]
    var steps: [StepChange] = []
    var same = 0

    init(_ a: StoredRun, _ b: StoredRun) {
        self.a = a
        self.b = b
        if a.summary.graphHash != b.summary.graphHash,
            let ga = try? GraphCodec.decode(a.graphText, path: nil).graph, let gb = try? GraphCodec.decode(b.graphText, path: nil).graph
        {
            graph = GraphDiff(ga, gb)
        }
        inputs = Self.changed(a.inputs, b.inputs)
        outputs = Self.changed(a.outputs, b.outputs)
        var last: [String: (Step?, Step?)] = [:]
        var order: [String] = []
        for step in a.steps {
            let key = step.path.description
            if last[key] == nil { order.append(key) }
            last[key, default: (nil, nil)].0 = step
        }
        for step in b.steps {
            let key = step.path.description
            if last[key] == nil { order.append(key) }
            last[key, default: (nil, nil)].1 = step
        }
        for path in order {
            guard let pair = last[path] else { continue }
            switch pair {
            case (let x?, nil): steps.append(StepChange(path: path, change: .removed, statusA: x.status, ports: []))
            case (nil, let y?): steps.append(StepChange(path: path, change: .added, statusB: y.status, ports: []))
            case (let x?, let y?):
                let ports = Self.changed(x.outputs, y.outputs)
                if Self.outcome(x.status) != Self.outcome(y.status) {
                    steps.append(StepChange(path: path, change: .status, statusA: x.status, statusB: y.status, ports: ports))
                } else if !ports.isEmpty {
                    steps.append(StepChange(path: path, change: .outputs, statusA: x.status, statusB: y.status, ports: ports))
                } else {
                    same += 1
                }
            default: break
            }
        }
    }

    /// Succeeded, cached and replayed steps all produced their outputs: only that counts.
    private static func outcome(_ status: Step.Status) -> String {
        switch status {
        case .succeeded, .cached, .replayed: "ok"
        default: status.rawValue
        }
    }

    static func changed(_ x: [String: JSONValue], _ y: [String: JSONValue]) -> [(name: String, a: JSONValue?, b: JSONValue?)] {
        Set(x.keys).union(y.keys).sorted().compactMap { key in x[key] == y[key] ? nil : (key, x[key], y[key]) }
    }

    // MARK: Text

    var lines: [String] {
        var out = ["A \(Self.label(a))", "B \(Self.label(b))"]
        if let graph {
            out.append("graph: changed (sha256 \(a.summary.graphHash.prefix(8)) → \(b.summary.graphHash.prefix(8)))")
            out += graph.lines.map { "  " + $0 }
        } else {
            out.append("graph: same")
        }
        if !inputs.isEmpty {
            out.append("inputs:")
            for change in inputs { out += ValueDiff.lines(change.name, change.a, change.b).map { "  " + $0 } }
        }
        let differing = steps.count
        out.append(differing == 0 ? "steps: all \(same) the same" : "steps: \(differing) differ, \(same) the same")
        for change in steps {
            let path = TerminalText.escape(change.path, keepNewlines: false)
            switch change.change {
            case .added: out.append("  + \(path)  only in B (\(change.statusB?.rawValue ?? ""))")
            case .removed: out.append("  - \(path)  only in A (\(change.statusA?.rawValue ?? ""))")
            case .status: out.append("  ! \(path)  \(change.statusA?.rawValue ?? "") → \(change.statusB?.rawValue ?? "")")
            case .outputs: out.append("  ~ \(path)  outputs differ")
            }
            for port in change.ports { out += ValueDiff.lines(port.name, port.a, port.b).map { "      " + $0 } }
        }
        if !outputs.isEmpty {
            out.append("outputs:")
            for change in outputs { out += ValueDiff.lines(change.name, change.a, change.b).map { "  " + $0 } }
        }
        return out
    }

    static func label(_ run: StoredRun) -> String {
        "\(run.id.prefix(8)) (#\(run.summary.seq), \(run.summary.status.rawValue), \(HistoryFormat.when(run.summary.startedAt)))"
    }

    // MARK: JSON

    var json: JSONValue {
        func values(_ list: [(name: String, a: JSONValue?, b: JSONValue?)]) -> JSONValue {
            .object(Dictionary(uniqueKeysWithValues: list.map { ($0.name, ["a": $0.a ?? .null, "b": $0.b ?? .null] as JSONValue) }))
        }
        let stepList: [JSONValue] = steps.map { change in
            var o: [String: JSONValue] = ["path": .string(change.path), "change": .string(change.change.rawValue)]
            if let s = change.statusA { o["status_a"] = .string(s.rawValue) }
            if let s = change.statusB { o["status_b"] = .string(s.rawValue) }
            if !change.ports.isEmpty { o["ports"] = values(change.ports) }
            return .object(o)
        }
        return [
            "a": .string(a.id), "b": .string(b.id), "graph": graph?.json ?? ["changed": false],
            "inputs": values(inputs), "outputs": values(outputs), "steps": .array(stepList), "same_steps": .number(Double(same)),
        ]
    }
}

/// Node-level differences between two graphs.
struct GraphDiff {
    var addedNodes: [String] = []
    var removedNodes: [String] = []
    /// Node id → the fields (or `kind`) that differ.
    var changedNodes: [(id: String, fields: [String])] = []
    var addedWires: [String] = []
    var removedWires: [String] = []

    init(_ a: Graph, _ b: Graph) {
        for node in a.nodes {
            guard let other = b[node.id] else {
                removedNodes.append(node.id)
                continue
            }
            var fields = Set(node.fields.keys).union(other.fields.keys).filter { node.fields[$0] != other.fields[$0] }.sorted()
            if node.kindName != other.kindName { fields.insert("kind", at: 0) }
            if !fields.isEmpty { changedNodes.append((node.id, fields)) }
        }
        addedNodes = b.nodes.map(\.id).filter { a[$0] == nil }
        let wiresA = Set(a.wires.map(\.description)), wiresB = Set(b.wires.map(\.description))
        addedWires = wiresB.subtracting(wiresA).sorted()
        removedWires = wiresA.subtracting(wiresB).sorted()
    }

    var lines: [String] {
        var out: [String] = []
        for (id, fields) in changedNodes { out.append("~ node `\(id)`: \(fields.joined(separator: ", "))") }
        for id in addedNodes { out.append("+ node `\(id)`") }
        for id in removedNodes { out.append("- node `\(id)`") }
        for wire in addedWires { out.append("+ wire \(wire)") }
        for wire in removedWires { out.append("- wire \(wire)") }
        if out.isEmpty { out.append("(title, description or layout only)") }
        return out.map { TerminalText.escape($0, keepNewlines: false) }
    }

    var json: JSONValue {
        [
            "changed": true, "added_nodes": .array(addedNodes.map(JSONValue.string)),
            "removed_nodes": .array(removedNodes.map(JSONValue.string)),
            "changed_nodes": .object(Dictionary(uniqueKeysWithValues: changedNodes.map { ($0.id, JSONValue.array($0.fields.map(JSONValue.string))) })),
            "added_wires": .array(addedWires.map(JSONValue.string)), "removed_wires": .array(removedWires.map(JSONValue.string)),
        ]
    }
}

/// How one value changed, in a few lines: a line diff for text, changed keys for objects.
enum ValueDiff {
    static let maxLines = 12

    static func lines(_ name: String, _ a: JSONValue?, _ b: JSONValue?) -> [String] {
        switch (a, b) {
        case (nil, let y?): return ["\(name): (none) → \(short(y))"]
        case (let x?, nil): return ["\(name): \(short(x)) → (none)"]
        case (.string(let x)?, .string(let y)?):
            if !x.contains("\n"), !y.contains("\n") { return ["\(name): \(short(.string(x))) → \(short(.string(y)))"] }
            return ["\(name):"] + limited(lineDiff(x, y)).map { "  " + $0 }
        case (.object(let x)?, .object(let y)?):
            return ["\(name):"] + limited(keyDiff(x, y, prefix: "")).map { "  " + $0 }
        case (let x?, let y?): return ["\(name): \(short(x)) → \(short(y))"]
        default: return []
        }
    }

    static func short(_ value: JSONValue) -> String {
        let text = TerminalText.escape(value.compactJSON, keepNewlines: false)
        return text.count > 80 ? String(text.prefix(77)) + "…" : text
    }

    static func limited(_ lines: [String]) -> [String] {
        lines.count <= maxLines ? lines : Array(lines.prefix(maxLines)) + ["… \(lines.count - maxLines) more"]
    }

    /// Changed keys, recursively: `~ .a.b: 1 → 2`, `+ .c: …`, `- .d: …`.
    static func keyDiff(_ x: [String: JSONValue], _ y: [String: JSONValue], prefix: String) -> [String] {
        var out: [String] = []
        for key in Set(x.keys).union(y.keys).sorted() {
            let path = prefix + "." + TerminalText.escape(key, keepNewlines: false)
            switch (x[key], y[key]) {
            case (nil, let v?): out.append("+ \(path): \(short(v))")
            case (let v?, nil): out.append("- \(path): \(short(v))")
            case (.object(let p)?, .object(let q)?) where p != q: out += keyDiff(p, q, prefix: path)
            case (let p?, let q?) where p != q: out.append("~ \(path): \(short(p)) → \(short(q))")
            default: break
            }
        }
        return out
    }

    /// Lines only in A (`- `) and only in B (`+ `), in order, from a longest common subsequence.
    static func lineDiff(_ x: String, _ y: String) -> [String] {
        let a = x.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.escape(String($0), keepNewlines: false) }
        let b = y.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.escape(String($0), keepNewlines: false) }
        // Long texts: a table of a.count × b.count would be too big; say how they differ in size.
        guard a.count * b.count <= 1_000_000 else { return ["\(a.count) lines → \(b.count) lines"] }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
            }
        }
        var out: [String] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                i += 1
                j += 1
            } else if i < a.count, j == b.count || table[i + 1][j] >= table[i][j + 1] {
                out.append("- " + a[i])
                i += 1
            } else {
                out.append("+ " + b[j])
                j += 1
            }
        }
        return out
    }
}
