import Foundation
import PatchbayCore

/// The engine's `RunJournal` over the store: the run's row is committed before the run starts;
/// steps and the run's end are queued (see `StoreWriter` for how far they may get ahead).
struct StoreJournal: RunJournal {
    let writer: StoreWriter

    /// Committed on the caller's thread, so a run killed at any moment after it started has its
    /// row (and is shown `interrupted`), not nothing at all.
    func runStarted(_ run: JournalRun) {
        writer.writeThrough(.runStarted(run))
    }

    func stepsFinished(_ steps: [Step], runID: String) {
        writer.enqueue(.steps(steps, runID: runID))
    }

    func runFinished(_ result: RunResult) {
        writer.enqueue(.runFinished(result, at: Date()))
    }
}
