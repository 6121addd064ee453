import Foundation
import PatchbayCore

/// The engine's `RunJournal` over the store: every call queues a record and returns at once.
struct StoreJournal: RunJournal {
    let writer: StoreWriter

    func runStarted(_ run: JournalRun) {
        writer.enqueue(.runStarted(run))
    }

    func stepFinished(_ step: Step, runID: String) {
        writer.enqueue(.step(step, runID: runID))
    }

    func runFinished(_ result: RunResult) {
        writer.enqueue(.runFinished(result, at: Date()))
    }
}
