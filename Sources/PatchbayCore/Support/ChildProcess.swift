import Foundation
import Synchronization

/// A process Patchbay starts that cannot outlive Patchbay, not even a `kill -9` of it.
///
/// Every child gets a *lifeline*: the read end of a pipe whose only write end stays in Patchbay
/// (close-on-exec, so no other program inherits it). A tiny `/bin/sh` watcher, started in the
/// child's process group before the program itself is exec'd, blocks reading it; when Patchbay
/// goes away, however it dies, the kernel closes the write end, the read returns end-of-file and
/// the watcher sends SIGTERM to the group, then SIGKILL 2 s later. There is no race with the
/// start: the pipe exists before the child does, so a parent that died during start-up is seen
/// at once (a watchdog that read its parent's pid after start-up missed it, issue 11).
/// Closing the lifeline on purpose (`closeLifeline()`) stops the group the same way.
///
/// The child starts with no blocked signals and default dispositions (Swift's threads block
/// most signals and the CLI ignores SIGINT/SIGTERM, and both would be inherited), in a process
/// group of its own (the terminal's Ctrl-C reaches Patchbay, which stops its children in order),
/// with only fds 0–2 open. The process is spawned directly (posix_spawn), so `pid` is the
/// program's own: signals and exit status are its.
public final class ChildProcess: Sendable {
    public enum Lifetime: Sendable {
        /// Dies with this process (the lifeline watcher).
        case tiedToParent
        /// Outlives this process: a session of its own, SIGHUP ignored (`patchbay local start`).
        case detached
        /// In this process's own group, so it may read and write the terminal while this
        /// process waits (an editor): a child in another group is stopped when it touches the
        /// terminal (SIGTTIN, SIGTTOU). No lifeline: its watcher would stop this process's group.
        case foreground
    }

    public let pid: pid_t
    private let state: Mutex<State>

    private struct State {
        var status: Int32?
        var lifeline: Int32?
    }

    /// Starts `executable` with `arguments`. `stdin`, `stdout`, `stderr` are file descriptors to
    /// give the child (they stay open here; close them after this returns); nil means /dev/null.
    public init(
        executable: String, arguments: [String], environment: [String: String]? = nil, directory: String? = nil,
        stdin: Int32? = nil, stdout: Int32? = nil, stderr: Int32? = nil, lifetime: Lifetime = .tiedToParent
    ) throws {
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        guard null >= 0 else { throw ChildProcessError("cannot open /dev/null (errno \(errno))") }
        defer { close(null) }
        var lifelineRead: Int32 = -1
        var lifelineWrite: Int32?
        if lifetime == .tiedToParent {
            var ends: [Int32] = [-1, -1]
            guard Self.closeOnExecPipe(&ends) else { throw ChildProcessError("cannot create a pipe (errno \(errno))") }
            lifelineRead = ends[0]
            lifelineWrite = ends[1]
        }
        defer { if lifelineRead >= 0 { close(lifelineRead) } }

        let argv: [String]
        switch lifetime {
        case .tiedToParent: argv = ["/bin/sh", "-c", Self.watcher, "patchbay-child", executable] + arguments
        case .detached, .foreground: argv = [executable] + arguments
        }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var fds: [(Int32, Int32)] = [(stdin ?? null, 0), (stdout ?? null, 1), (stderr ?? null, 2)]
        if lifelineRead >= 0 { fds.append((lifelineRead, 3)) }
        do {
            pid = try Self.spawn(argv: argv, environment: env, directory: directory, fds: fds, lifetime: lifetime)
        } catch {
            if let lifelineWrite { close(lifelineWrite) }
            throw error
        }
        state = Mutex(State(status: nil, lifeline: lifelineWrite))
    }

    deinit {
        state.withLock { if let fd = $0.lifeline { close(fd) } }
    }

    /// `sh -c WATCHER patchbay-child PROGRAM ARGS…`: starts the lifeline watcher in the background
    /// (its stdio on /dev/null, so it holds no pipe of the program's open), then becomes the program.
    static let watcher = """
        (exec </dev/null >/dev/null 2>&1; read -r _ <&3; trap '' TERM; kill -TERM 0; sleep 2; kill -KILL 0) &
        exec "$@" 3<&-
        """

    /// False once the process has exited (it is then reaped and its lifeline closed).
    public var isRunning: Bool { reap() == nil }

    /// The exit status, or 128 + signal; nil while running.
    public var terminationStatus: Int32? { reap() }

    /// Sends `signal` to the process (`group`: to its whole process group) while it runs.
    public func signal(_ signal: Int32, group: Bool = false) {
        guard isRunning else { return }
        kill(group ? -pid : pid, signal)
    }

    /// Closes the lifeline: the watcher then stops the whole group (SIGTERM, SIGKILL after 2 s).
    public func closeLifeline() {
        state.withLock { state in
            if let fd = state.lifeline { close(fd) }
            state.lifeline = nil
        }
    }

    /// Waits for the exit, polling (a reaper thread per child would cost more than it saves).
    /// Returns the status, or nil when `limit` passed first.
    @discardableResult
    public func waitForExit(within limit: Duration = .seconds(3600)) async -> Int32? {
        let deadline = ContinuousClock.now + limit
        while true {
            if let status = reap() { return status }
            if ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Blocks until the process exits (polling, as `waitForExit`); returns the status. For a
    /// caller with nothing else to do meanwhile: the workbench waiting for its editor.
    public func waitUntilExit() -> Int32 {
        while true {
            if let status = reap() { return status }
            usleep(10_000)
        }
    }

    /// SIGTERM, then SIGKILL to the group when it is still there after `grace`.
    public func stop(grace: Duration = .seconds(3)) async {
        guard isRunning else { return }
        kill(pid, SIGTERM)
        if await waitForExit(within: grace) != nil { return }
        kill(-pid, SIGKILL)
        kill(pid, SIGKILL)
        await waitForExit(within: .seconds(2))
    }

    private func reap() -> Int32? {
        state.withLock { state in
            if let status = state.status { return status }
            var raw: Int32 = 0
            let result = waitpid(pid, &raw, WNOHANG)
            if result == 0 { return nil }
            // ECHILD: someone else reaped it; the exit status is lost.
            let status: Int32 = result == pid ? Self.decode(raw) : -1
            state.status = status
            if let fd = state.lifeline { close(fd) }
            state.lifeline = nil
            return status
        }
    }

    private static func decode(_ raw: Int32) -> Int32 {
        let signal = raw & 0x7f
        return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
    }

    private static func closeOnExecPipe(_ ends: inout [Int32]) -> Bool {
        #if !canImport(Darwin)
            if let pipe2 = GNUSpawn.pipe2 { return pipe2(&ends, O_CLOEXEC) == 0 }
        #endif
        // Not atomic: another thread's spawn may inherit the ends meanwhile, unless it closes
        // what it does not need (ours do).
        do {
            guard pipe(&ends) == 0 else { return false }
            _ = fcntl(ends[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(ends[1], F_SETFD, FD_CLOEXEC)
            return true
        }
    }
}

/// A child process could not be started; the message says what failed.
public struct ChildProcessError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
