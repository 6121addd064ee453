import Foundation

/// A `patchbay` process a test talks to while it runs: its stdout lines as they arrive, its pid
/// for signals, and its exit. `CLI.run` covers commands that are only waited for.
final class RunningCLI: @unchecked Sendable {
    let process: Process
    /// Stdout, one line at a time, ending when the process closes it.
    let lines: AsyncStream<String>
    private let errData = Box(Data())

    var pid: Int32 { process.processIdentifier }
    var stderr: String { String(decoding: errData.value, as: UTF8.self) }

    /// Starts `patchbay ARGS…` the way `CLI.run` does (empty user config, NO_COLOR, repo root as
    /// the working directory unless given), with `environment` on top.
    init(_ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]) throws {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["XDG_CONFIG_HOME"] = try CLI.emptyConfig.get().path
        env.merge(environment) { _, new in new }
        process = Process()
        process.executableURL = try CLI.binary.get()
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? CLI.repoRoot
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let (lines, sink) = AsyncStream.makeStream(of: String.self)
        self.lines = lines
        try process.run()

        // Drained on threads of their own so that no cooperative thread blocks on a read.
        Thread.detachNewThread {
            var pending = Data()
            while true {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    sink.yield(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending = Data(pending[(newline + 1)...])
                }
            }
            if !pending.isEmpty { sink.yield(String(decoding: pending, as: UTF8.self)) }
            sink.finish()
        }
        let errData = errData
        Thread.detachNewThread { errData.value = err.fileHandleForReading.readDataToEndOfFile() }
    }

    func signal(_ sig: Int32) { kill(pid, sig) }

    /// The exit status once the process has exited, nil when it still runs after `limit`.
    func waitForExit(within limit: Duration) async -> Int32? {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while process.isRunning {
            if clock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return process.terminationStatus
    }

    /// For clean-up after a failed test: the process must not outlive it.
    func killIfRunning() {
        if process.isRunning { kill(pid, SIGKILL) }
    }
}
