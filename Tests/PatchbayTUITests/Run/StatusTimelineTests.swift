import Foundation
import PatchbayCore
import PatchbayPresentation
import Testing

@testable import PatchbayTUI

/// The graph's statuses as of a trace step come from a timeline searched per node path; they
/// must equal a walk over every step up to it, for any trace.
struct StatusTimelineTests {
    /// What the statuses as of `index` mean, written as the plain walk.
    static func walked(_ steps: [Step], asOf index: Int) -> [String: NodeStatus] {
        var shown: [String: NodeStatus] = [:]
        for step in steps[...index] {
            shown[step.path.nodePath] = NodeStatus(step.status)
            if step.path.components.count > 1, let top = step.path.components.first?.node, shown[top] == nil {
                shown[top] = .running
            }
        }
        return shown
    }

    static func step(_ id: Int, _ path: String, _ status: Step.Status) -> Step {
        Step(
            id: id, path: StepPath(parsing: path), kind: .template, status: status,
            startedAt: Date(timeIntervalSince1970: 0), duration: 0.01)
    }

    @Test(arguments: [1, 2, 3, 4, 5])
    func equalsAWalkOverTheSteps(seed: Int) {
        let paths = ["input", "each[0]/shout", "each[1]/shout", "each", "loop[0]/body", "loop", "out", "again"]
        let statuses: [Step.Status] = [.succeeded, .failed, .skipped, .replayed]
        // Paths and statuses in an order each seed shuffles differently: steps of a node before,
        // between and after its inner steps.
        let steps = (0..<60).map { id in
            Self.step(id, paths[(id * seed * 5 + seed) % paths.count], statuses[(id * 3 + seed * 7) % statuses.count])
        }
        let timeline = StatusTimeline(steps)
        for index in steps.indices {
            #expect(timeline.statuses(asOf: index) == Self.walked(steps, asOf: index), "as of step \(index)")
        }
    }

    @Test func aTopLevelNodeRunsFromItsFirstInnerStepUntilItsOwn() {
        let steps = [
            Self.step(0, "words", .succeeded), Self.step(1, "each[0]/shout", .succeeded),
            Self.step(2, "each[1]/shout", .failed), Self.step(3, "each", .failed),
        ]
        let timeline = StatusTimeline(steps)
        #expect(timeline.statuses(asOf: 0) == ["words": .done])
        #expect(timeline.statuses(asOf: 1)["each"] == .running)
        #expect(timeline.statuses(asOf: 2)["each/shout"] == NodeStatus(.failed))
        #expect(timeline.statuses(asOf: 3)["each"] == NodeStatus(.failed))
    }
}
