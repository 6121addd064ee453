import PatchbayCore
import PatchbayStore

extension NodeStatus {
    /// A step of a run, live or stored.
    public init(_ status: Step.Status) {
        switch status {
        case .succeeded: self = .done
        case .cached: self = .cached
        case .replayed: self = .replayed
        case .skipped: self = .skipped
        case .failed: self = .failed
        case .cancelled: self = .cancelled
        }
    }

    /// A stored run.
    public init(_ status: StoredRunStatus) {
        switch status {
        case .running: self = .running
        case .succeeded: self = .done
        case .failed: self = .failed
        case .cancelled: self = .cancelled
        case .interrupted: self = .interrupted
        }
    }
}
