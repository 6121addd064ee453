import Foundation
import PatchbayCore
import PatchbayStore

/// The differences between two stored runs: the graph, the inputs, the steps (matched by path)
/// and the outputs.
public struct RunDiff: Sendable, Hashable {
    public struct StepChange: Sendable, Hashable {
        public enum Change: String, Sendable, Hashable { case added, removed, status, outputs }
        public var path: String
        public var change: Change
        public var statusA: Step.Status?
        public var statusB: Step.Status?
        /// Ports whose values differ (nil: not emitted).
        public var ports: [ValueChange]

        public init(
            path: String, change: Change, statusA: Step.Status? = nil, statusB: Step.Status? = nil,
            ports: [ValueChange] = []
        ) {
            self.path = path
            self.change = change
            self.statusA = statusA
            self.statusB = statusB
            self.ports = ports
        }
    }

    /// A path and its last step in each run (nil: it did not run there), and whether it is in
    /// `steps`: the two runs' steps side by side.
    public struct AlignedStep: Sendable, Hashable {
        public var path: String
        public var a: Step?
        public var b: Step?
        public var changed: Bool
    }

    public let a: StoredRun
    public let b: StoredRun
    /// Nil when both ran the same graph (or one graph no longer decodes).
    public var graph: GraphDiff?
    public var inputs: [ValueChange]
    public var outputs: [ValueChange]
    /// In the order the paths first ran (A's steps, then those only in B).
    public var steps: [StepChange] = []
    /// Steps at the same path with the same outcome and outputs.
    public var same = 0
    /// Every path either run ran, in `steps`' order, changed or not.
    public var aligned: [AlignedStep] = []

    public init(_ a: StoredRun, _ b: StoredRun) {
        self.a = a
        self.b = b
        if a.summary.graphHash != b.summary.graphHash,
            let ga = try? GraphCodec.decode(a.graphText, path: nil).graph,
            let gb = try? GraphCodec.decode(b.graphText, path: nil).graph
        {
            graph = GraphDiff(ga, gb)
        }
        inputs = ValueChange.changes(a.inputs, b.inputs)
        outputs = ValueChange.changes(a.outputs, b.outputs)
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
            let changes = steps.count
            defer { aligned.append(AlignedStep(path: path, a: pair.0, b: pair.1, changed: steps.count > changes)) }
            switch pair {
            case (let x?, nil): steps.append(StepChange(path: path, change: .removed, statusA: x.status))
            case (nil, let y?): steps.append(StepChange(path: path, change: .added, statusB: y.status))
            case (let x?, let y?):
                let ports = ValueChange.changes(x.outputs, y.outputs)
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
}
