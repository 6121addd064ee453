import Foundation
import PatchbayCore
import PatchbayStore

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
            let ga = try? GraphCodec.decode(a.graphText, path: nil).graph,
            let gb = try? GraphCodec.decode(b.graphText, path: nil).graph
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
                    steps.append(
                        StepChange(path: path, change: .status, statusA: x.status, statusB: y.status, ports: ports))
                } else if !ports.isEmpty {
                    steps.append(
                        StepChange(path: path, change: .outputs, statusA: x.status, statusB: y.status, ports: ports))
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

    static func changed(_ x: [String: JSONValue], _ y: [String: JSONValue]) -> [(
        name: String, a: JSONValue?, b: JSONValue?
    )] {
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
            case .status:
                out.append("  ! \(path)  \(change.statusA?.rawValue ?? "") → \(change.statusB?.rawValue ?? "")")
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
            .object(
                Dictionary(
                    uniqueKeysWithValues: list.map { ($0.name, ["a": $0.a ?? .null, "b": $0.b ?? .null] as JSONValue) })
            )
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
            "inputs": values(inputs), "outputs": values(outputs), "steps": .array(stepList),
            "same_steps": .number(Double(same)),
        ]
    }
}
