import Foundation
import PatchbayCore

/// The engine's `RunJournal` over the store: every call queues a record and returns at once.
struct StoreJournal: RunJournal {
    let writer: StoreWriter

    func runStarted(_ run: JournalRun) {
        writer.enqueue(.runStarted(run))
    }

    func stepsFinished(_ steps: [Step], runID: String) {
        writer.enqueue(.steps(steps, runID: runID))
    }

    func runFinished(_ result: RunResult) {
        writer.enqueue(.runFinished(result, at: Date()))
    }
}
