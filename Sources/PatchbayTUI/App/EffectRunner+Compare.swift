import Foundation
import PatchbayPresentation
import PatchbayStore

extension EffectRunner {
    /// Reads two stored runs (each named as `patchbay diff-runs` names it) and diffs them here,
    /// off the main loop: a word diff of long texts is the costly part.
    func compareRuns(_ a: String, _ b: String) {
        guard let store else {
            send(.compare(.report(.failed("No run store: history is off for this session"))))
            return
        }
        // Runs finished a moment ago may still be queued for writing.
        store.flush()
        do {
            let (runA, runB) = (try store.run(a), try store.run(b))
            send(.compare(.report(.loaded(RunComparison(RunDiff(runA, runB))))))
        } catch {
            send(.compare(.report(.failed(Self.message(error)))))
        }
    }
}
