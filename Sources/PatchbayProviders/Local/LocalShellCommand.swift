import Foundation
import Synchronization

/// One command the installer runs, with its output streamed line by line (so a long compile
/// shows progress) and copied to a log file.
struct LocalShellCommand: Sendable {
    var executable: URL
    var arguments: [String]
    var environment: [String: String]? = nil

    /// How errors and the log show it.
    var display: String { ([executable.path] + arguments).map(Self.quoted).joined(separator: " ") }

    /// Runs to the end and returns the exit status. stdout and stderr arrive together, in order.
    /// Cancelling the task terminates the command.
    func run(log: FileHandle?, onLine: @escaping @Sendable (String) -> Void) async throws -> Int32 {
        let pid = RunningPID()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, Error>) in
                // A thread of its own: reading the pipe blocks for as long as the command runs
                // (minutes for a compile), which must not hold a concurrency pool thread.
                Thread.detachNewThread {
                    // Children inherit the spawning thread's signal mask, and Swift's threads
                    // block most signals: cmake (inside pip's llama.cpp build) then never sees
                    // SIGCHLD and waits forever for its first helper. This thread is ours alone.
                    var none = sigset_t()
                    sigemptyset(&none)
                    pthread_sigmask(SIG_SETMASK, &none, nil)
                    let process = Process()
                    process.executableURL = executable
                    process.arguments = arguments
                    if let environment { process.environment = environment }
                    let pipe = Pipe()
                    process.standardOutput = pipe
                    process.standardError = pipe
                    process.standardInput = FileHandle.nullDevice
                    do {
                        try process.run()
                    } catch {
                        continuation.resume(
                            throwing: LocalModelError("cannot run `\(display)`: \(error.localizedDescription)"))
                        return
                    }
                    pid.set(process.processIdentifier)
                    var pending = Data()
                    let reader = pipe.fileHandleForReading
                    while true {
                        let chunk = reader.availableData
                        if chunk.isEmpty { break }
                        log?.write(chunk)
                        pending.append(chunk)
                        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                            let line = pending[pending.startIndex..<newline]
                            pending = Data(pending[pending.index(after: newline)...])
                            onLine(Self.clean(line))
                        }
                    }
                    if !pending.isEmpty { onLine(Self.clean(pending)) }
                    process.waitUntilExit()
                    pid.set(nil)
                    continuation.resume(returning: process.terminationStatus)
                }
            }
        } onCancel: {
            if let running = pid.get() { kill(running, SIGTERM) }
        }
    }

    /// Progress bars redraw with carriage returns; only the last state of a line is worth showing.
    private static func clean(_ line: Data) -> String {
        let text = String(decoding: line, as: UTF8.self)
        let last = text.split(separator: "\r", omittingEmptySubsequences: true).last.map(String.init) ?? ""
        return last.trimmingCharacters(in: .whitespaces.union(.controlCharacters))
    }

    private static func quoted(_ word: String) -> String {
        word.contains(where: { " \"'[]$`".contains($0) })
            ? "'\(word.replacingOccurrences(of: "'", with: "'\\''"))'" : word
    }

    /// The first executable called `name` on `PATH`.
    static func find(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        if name.contains("/") {
            return FileManager.default.isExecutableFile(atPath: name) ? URL(fileURLWithPath: name) : nil
        }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

/// The running command's pid, shared by the reading thread and the cancellation handler.
private final class RunningPID: Sendable {
    private let pid = Mutex<Int32?>(nil)

    func set(_ value: Int32?) { pid.withLock { $0 = value } }
    func get() -> Int32? { pid.withLock { $0 } }
}
