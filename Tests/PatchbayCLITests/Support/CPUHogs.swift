import Foundation

/// Busy-loop processes that keep the machine's cores busy while a test runs, as on a loaded CI
/// box. Stop them with `stop()` (in a `defer`, so a failing test does not leave them spinning).
final class CPUHogs: @unchecked Sendable {
    private let processes: [Process]

    /// Starts `count` shells that spin forever.
    init(count: Int = 2) throws {
        var started: [Process] = []
        for _ in 0..<count {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "while :; do :; done"]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do {
                try process.run()
            } catch {
                for hog in started { kill(hog.processIdentifier, SIGKILL) }
                throw error
            }
            started.append(process)
        }
        processes = started
    }

    var pids: [Int32] { processes.map(\.processIdentifier) }

    /// Kills every hog and waits for it, so none outlives the test.
    func stop() {
        for process in processes where process.isRunning { kill(process.processIdentifier, SIGKILL) }
        for process in processes { process.waitUntilExit() }
    }
}
