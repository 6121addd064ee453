import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PatchbayCore

/// How a llama.cpp server process is started, checked and stopped.
///
/// The server runs under the venv's Python through a small wrapper, started as a `ChildProcess`.
/// A server that serves one Patchbay process (`child`) is tied to it by the child's lifeline: a
/// pipe whose closing, when Patchbay exits however it exits (even `kill -9` during the server's
/// start-up), makes a watcher stop the server's process group. It runs in a process group of its
/// own, so Ctrl-C reaches Patchbay, which then stops the server in order. A `detached` server
/// (`patchbay local start`) has no lifeline, a session of its own, and ignores SIGHUP.
final class LocalServerProcess: Sendable {
    enum Mode: String, Sendable {
        case child
        case detached
    }

    static let wrapper = """
        import signal, sys, runpy
        if sys.argv[1] == "detached":
            signal.signal(signal.SIGHUP, signal.SIG_IGN)
        sys.argv = ["llama_cpp.server"] + sys.argv[2:]
        runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)
        """

    /// `python -c WRAPPER MODE SERVER-ARGS…`: the arguments after the executable.
    static func arguments(mode: Mode, modelPath: String, port: Int) -> [String] {
        [
            "-c", wrapper, mode.rawValue,
            "--model", modelPath, "--model_alias", LocalModelService.modelName,
            "--host", "127.0.0.1", "--port", String(port),
            // The GGUF carries no chat template.
            "--chat_format", "gemma",
            "--n_ctx", "2048",
        ]
    }

    let process: ChildProcess
    let port: Int
    let log: URL

    var pid: Int32 { process.pid }
    var isRunning: Bool { process.isRunning }
    var baseURL: String { LocalServerState.baseURL(port: port) }

    private init(process: ChildProcess, port: Int, log: URL) {
        self.process = process
        self.port = port
        self.log = log
    }

    /// Starts the server; its output is appended to `log` after a header line.
    static func launch(python: URL, modelPath: String, mode: Mode, port: Int, log: URL) throws -> LocalServerProcess {
        let handle = try openLog(
            log, header: "--- \(Date()) patchbay pid \(getpid()) starts a \(mode.rawValue) server on port \(port)\n")
        defer { try? handle.close() }
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONUNBUFFERED"] = "1"
        do {
            let process = try ChildProcess(
                executable: python.path, arguments: arguments(mode: mode, modelPath: modelPath, port: port),
                environment: environment,
                stdout: handle.fileDescriptor, stderr: handle.fileDescriptor,
                lifetime: mode == .child ? .tiedToParent : .detached)
            return LocalServerProcess(process: process, port: port, log: log)
        } catch {
            throw LocalModelError("cannot start the local model server (\(python.path)): \(error)")
        }
    }

    /// Polls `GET /v1/models` until it answers. Fails at once when the process exits, and after
    /// `timeout` otherwise; either error carries the log's last lines.
    func waitUntilReady(timeout: Duration) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            if await Self.answers(port: port) { return }
            if !process.isRunning {
                throw failure(
                    "the local model server exited during start-up (status \(process.terminationStatus ?? -1))")
            }
            if clock.now >= deadline {
                throw failure("the local model server did not answer on port \(port) within \(timeout)")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    var exitedBecausePortWasTaken: Bool {
        !process.isRunning && logTail(log, lines: 30).localizedCaseInsensitiveContains("address already in use")
    }

    /// SIGTERM, then SIGKILL when it is still there after `grace`.
    func stop(grace: Duration = .seconds(3)) async {
        await process.stop(grace: grace)
    }

    private func failure(_ what: String) -> LocalModelError {
        let tail = logTail(log)
        return LocalModelError("\(what); the log is \(log.path)" + (tail.isEmpty ? "" : ":\n\(tail)"))
    }

    // MARK: - Helpers shared with the long-lived server

    /// Whether a llama.cpp server answers `GET /v1/models` on the loopback port.
    static func answers(port: Int, timeout: Duration = .seconds(2)) async -> Bool {
        let request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/v1/models")
        do {
            let response = try await HTTPClient.shared.execute(
                request, timeout: .milliseconds(Int64(timeout.components.seconds * 1000)))
            let body = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .ok else { return false }
            return String(buffer: body).contains("\"data\"")
        } catch {
            return false
        }
    }

    /// True when `gone()` became true within `limit`.
    static func waitForExit(_ limit: Duration, _ gone: @Sendable () -> Bool) async -> Bool {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while !gone() {
            if clock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return true
    }

    /// Whether a process with this id exists and has not exited.
    static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        // A detached server this process started is its child, and nothing else waits for it:
        // once it has exited, reap it, or the zombie still answers kill(pid, 0).
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }

    /// A port on 127.0.0.1 that was free a moment ago (the kernel picks it).
    static func freePort() throws -> Int {
        #if os(Linux)
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { throw LocalModelError("cannot open a socket to find a free port (errno \(errno))") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else {
            throw LocalModelError("cannot bind a loopback port for the local model server (errno \(errno))")
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    private static func openLog(_ log: URL, header: String) throws -> FileHandle {
        let fm = FileManager.default
        try fm.createDirectory(at: log.deletingLastPathComponent(), withIntermediateDirectories: true)
        // Restarted when big.
        let size = (try? fm.attributesOfItem(atPath: log.path)[.size] as? Int) ?? 0
        if size > 4 << 20 || !fm.fileExists(atPath: log.path) { _ = fm.createFile(atPath: log.path, contents: nil) }
        // O_APPEND: every writer (this process, its server, other processes' servers) adds at the
        // end; a plain offset would let a server overwrite lines written after it started.
        let fd = open(log.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw LocalModelError("cannot write the local model server log \(log.path); check the folder's permissions")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        handle.write(Data(header.utf8))
        return handle
    }
}
