import Foundation
import Synchronization

/// The bundled model's server for one Patchbay process. `baseURL()` reuses a long-lived server
/// (`patchbay local start`) when one answers, and otherwise starts a child server on a free
/// loopback port on first use; concurrent callers share one start. `shutdown()` stops the child
/// (never a long-lived server). The child also exits by itself when this process dies, even by
/// `kill -9` (see `LocalServerProcess`).
public actor LocalModelService {
    /// The model name the server answers to (`--model_alias`), as aliases name it.
    public static let modelName = "gemma3-270m"

    nonisolated public let paths: LocalModelPaths
    let startTimeout: Duration

    private enum Server: Sendable {
        case child(LocalServerProcess)
        case longLived(LocalServerState)

        var baseURL: String {
            switch self {
            case .child(let process): process.baseURL
            case .longLived(let state): state.baseURL
            }
        }

        var isChild: Bool {
            if case .child = self { return true }
            return false
        }

        var isAlive: Bool {
            switch self {
            case .child(let process): process.isRunning
            case .longLived(let state): LocalServerProcess.isAlive(state.pid)
            }
        }
    }

    private var server: Server?
    private var starting: Task<Server, Error>?
    /// The child's pid outside the actor, for `terminateChildNow()` on the way out of a signal.
    private let childPID = Mutex<Int32?>(nil)
    /// `true` when this process starts a server (15–20 s cold), `false` once it answers or
    /// failed to start: for a front end to say why nothing happens meanwhile. One reader.
    nonisolated public let starts: AsyncStream<Bool>
    private nonisolated let startsContinuation: AsyncStream<Bool>.Continuation

    public init(paths: LocalModelPaths = LocalModelPaths(), startTimeout: Duration = .seconds(60)) {
        self.paths = paths
        self.startTimeout = startTimeout
        (starts, startsContinuation) = AsyncStream.makeStream(of: Bool.self, bufferingPolicy: .bufferingNewest(8))
    }

    /// `http://127.0.0.1:PORT/v1` of a server that answers, starting one when needed.
    public func baseURL() async throws -> String {
        // A child killed by `terminateChildNow` may not be reaped yet; its cleared pid says it is gone.
        if let server, server.isAlive, !(server.isChild && childProcessID == nil) { return server.baseURL }
        server = nil
        if let starting { return try await starting.value.baseURL }
        let task = Task { try await self.findOrStart() }
        starting = task
        defer { starting = nil }
        let started = try await task.value
        server = started
        return started.baseURL
    }

    /// Stops the child server this service started (SIGTERM, SIGKILL after 3 s). A long-lived
    /// server is left running: it belongs to `patchbay local stop`.
    public func shutdown() async {
        if let starting { _ = try? await starting.value }
        guard case .child(let process) = server else {
            server = nil
            return
        }
        server = nil
        await process.stop()
        childPID.withLock { $0 = nil }
    }

    /// Kills the child server at once, without waiting: for the last moments of a process
    /// (a signal handler's path) where nothing async can run. The server keeps no state to save.
    nonisolated public func terminateChildNow() {
        if let pid = childPID.withLock({ pid in
            defer { pid = nil }
            return pid
        }) {
            kill(pid, SIGKILL)
        }
    }

    /// Whether `patchbay local install` finished here, so a server can start: asked before a
    /// run, where starting one only to fail would take as long as the run.
    nonisolated public var isInstalled: Bool { LocalInstallRecord.current(paths) != nil }

    /// The pid of the child server this service runs, if any.
    nonisolated public var childProcessID: Int32? { childPID.withLock { $0 } }

    public func status() async -> LocalModelStatus {
        let record = LocalInstallRecord.current(paths)
        let state = LocalServerState.read(paths)
        let alive = state.map { LocalServerProcess.isAlive($0.pid) } ?? false
        let answering = alive ? await LocalServerProcess.answers(port: state!.port) : false
        var childPort: Int?
        if case .child(let process) = server, process.isRunning { childPort = process.port }
        return LocalModelStatus(
            root: paths.root.path, installed: record != nil, modelPath: record?.modelPath, server: state,
            serverAlive: alive, serverAnswering: answering, childPort: childPort)
    }

    // MARK: - Long-lived server

    /// Starts a detached server that outlives this process and records it in the state file;
    /// returns the one already running when it answers (`wasRunning`).
    public func startLongLived() async throws -> (state: LocalServerState, wasRunning: Bool) {
        if let state = await answeringLongLived() { return (state, true) }
        let record = try installed()
        let process = try await launch(record: record, mode: .detached, log: paths.logFile)
        // Whole seconds: the state file keeps ISO 8601 without fractions, and must read back equal.
        let started = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
        let state = LocalServerState(
            pid: process.pid, port: process.port, started: started, modelPath: record.modelPath)
        do {
            try state.write(to: paths)
        } catch {
            await process.stop()
            throw LocalModelError("cannot write \(paths.stateFile.path): \(error.localizedDescription)")
        }
        return (state, false)
    }

    /// Stops the long-lived server in the state file and removes the file. Returns the server
    /// that was stopped, nil when none was running.
    @discardableResult
    public func stopLongLived() async throws -> LocalServerState? {
        guard let state = LocalServerState.read(paths) else { return nil }
        defer { try? FileManager.default.removeItem(at: paths.stateFile) }
        if case .longLived(let used) = server, used == state { server = nil }
        guard LocalServerProcess.isAlive(state.pid), Self.isLocalServer(pid: state.pid) else { return nil }
        kill(state.pid, SIGTERM)
        if await LocalServerProcess.waitForExit(.seconds(3), { !LocalServerProcess.isAlive(state.pid) }) {
            return state
        }
        kill(state.pid, SIGKILL)
        guard await LocalServerProcess.waitForExit(.seconds(3), { !LocalServerProcess.isAlive(state.pid) }) else {
            throw LocalModelError("the local model server (pid \(state.pid)) did not stop after SIGKILL")
        }
        return state
    }

    // MARK: - Starting

    private func findOrStart() async throws -> Server {
        if let state = await answeringLongLived() { return .longLived(state) }
        let record = try installed()
        startsContinuation.yield(true)
        defer { startsContinuation.yield(false) }
        let process = try await launch(record: record, mode: .child, log: paths.childLogFile)
        return .child(process)
    }

    private func answeringLongLived() async -> LocalServerState? {
        guard let state = LocalServerState.read(paths), LocalServerProcess.isAlive(state.pid),
            await LocalServerProcess.answers(port: state.port)
        else { return nil }
        return state
    }

    private func installed() throws -> LocalInstallRecord {
        guard let record = LocalInstallRecord.current(paths) else { throw LocalModelError.notInstalled }
        return record
    }

    /// Starts a server and waits until it answers. A second port is tried when another process
    /// took the first between our probe and the server's bind.
    private func launch(record: LocalInstallRecord, mode: LocalServerProcess.Mode, log: URL) async throws
        -> LocalServerProcess
    {
        var attempt = 0
        while true {
            attempt += 1
            let process = try LocalServerProcess.launch(
                python: paths.python, modelPath: record.modelPath, mode: mode, port: try LocalServerProcess.freePort(),
                log: log)
            if mode == .child { childPID.withLock { $0 = process.pid } }
            do {
                try await process.waitUntilReady(timeout: startTimeout)
                return process
            } catch {
                await process.stop()
                if mode == .child { childPID.withLock { $0 = nil } }
                if attempt < 2, process.exitedBecausePortWasTaken { continue }
                throw error
            }
        }
    }

    /// Guards `stop` against a stale state file whose pid now belongs to another program.
    /// Where `/proc` is missing the pid is trusted.
    static func isLocalServer(pid: Int32) -> Bool {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return true }
        return String(decoding: data, as: UTF8.self).contains("llama_cpp.server")
    }
}
