import PatchbayCore
import PatchbayPresentation

/// Every node path's status changes over a trace, so the graph's statuses as of a selected step
/// (`RunState.statuses(asOf:)`) take a binary search per node path instead of a walk over the
/// steps before it: each key in a 30,000-step trace draws a frame as of a new step.
struct StatusTimeline: Sendable {
    /// Per node path, the trace indices of its steps and the status each left.
    private var changes: [String: [(index: Int, status: NodeStatus)]] = [:]
    /// Per top-level node with a sub-graph, the index of the first step inside it: from there
    /// until its own step the node was running.
    private var firstInner: [String: Int] = [:]

    init(_ steps: [Step]) {
        for (index, step) in steps.enumerated() {
            let components = step.path.components
            changes[step.path.nodePath, default: []].append((index, NodeStatus(step.status)))
            if components.count > 1, let top = components.first?.node, firstInner[top] == nil {
                firstInner[top] = index
            }
        }
    }

    /// Each node path's status once step `index` had finished; a path with no step by then is
    /// absent (drawn not run).
    func statuses(asOf index: Int) -> [String: NodeStatus] {
        var shown: [String: NodeStatus] = [:]
        for (path, list) in changes {
            if let last = Self.last(in: list, atOrBefore: index) { shown[path] = last }
        }
        // A node whose inner steps had begun and no step of its own had finished was running.
        for (top, first) in firstInner where first <= index && shown[top] == nil {
            shown[top] = .running
        }
        return shown
    }

    private static func last(in list: [(index: Int, status: NodeStatus)], atOrBefore index: Int) -> NodeStatus? {
        var low = 0
        var high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid].index <= index { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : list[low - 1].status
    }
}

/// The timeline of the last trace asked about: a finished run's steps do not change, so
/// moving through its trace builds it once. The key is the step list itself: arrays compare by
/// identity first, and a new step changes the count, which compares at once too.
enum StatusTimelineMemo {
    private static let memo = Memo<[Step], StatusTimeline>()

    static func timeline(of steps: [Step]) -> StatusTimeline {
        memo.value(for: steps) { StatusTimeline(steps) }
    }
}
