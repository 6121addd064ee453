import Foundation
import Testing

/// What one run of the `patchbay` binary did.
struct CLIResult: Sendable, CustomStringConvertible {
    var status: Int32
    var stdoutData: Data
    var stderrData: Data
    var timedOut: Bool

    var stdout: String { String(decoding: stdoutData, as: UTF8.self) }
    var stderr: String { String(decoding: stderrData, as: UTF8.self) }
    var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }

    /// For failure messages: everything a person needs to see what the binary did.
    var description: String {
        "exit \(status)\(timedOut ? " (timed out, killed)" : "")\n--- stdout\n\(stdout)--- stderr\n\(stderr)---"
    }
}

/// Runs the built `patchbay` binary in a child process.
enum CLI {
    /// The repository root, from this file's place in it.
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let samples = repoRoot.appendingPathComponent("sample-graphs")

    static func sample(_ name: String) -> String { samples.appendingPathComponent(name).path }

    /// The binary sits beside the test bundle (`swift build --build-tests` builds both into one
    /// bin folder). `PATCHBAY_BIN` overrides, for running these tests against another build.
    static let binary: Result<URL, BinaryMissing> = {
        let fm = FileManager.default
        if let explicit = ProcessInfo.processInfo.environment["PATCHBAY_BIN"], !explicit.isEmpty {
            return fm.isExecutableFile(atPath: explicit)
                ? .success(URL(fileURLWithPath: explicit)) : .failure(BinaryMissing(looked: [explicit]))
        }
        var folders: [URL] = []
        func add(_ url: URL?) {
            guard let url else { return }
            var folder = url.resolvingSymlinksInPath()
            // Walk up out of a bundle (`PatchbayPackageTests.xctest/Contents/MacOS/…` on macOS).
            for _ in 0..<4 {
                folder = folder.deletingLastPathComponent()
                if !folders.contains(folder) { folders.append(folder) }
                if !folder.path.contains(".xctest") { break }
            }
        }
        add(Bundle.main.executableURL)
        add(URL(fileURLWithPath: CommandLine.arguments[0]))
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            add(bundle.bundleURL.appendingPathComponent("x"))
        }
        let candidates = folders.map { $0.appendingPathComponent("patchbay") }
        if let found = candidates.first(where: { fm.isExecutableFile(atPath: $0.path) }) { return .success(found) }
        return .failure(BinaryMissing(looked: candidates.map(\.path)))
    }()

    struct BinaryMissing: Error, CustomStringConvertible {
        var looked: [String]
        var description: String {
            "the patchbay binary was not found (looked at \(looked.joined(separator: ", "))); "
                + "build it with the tests: `swift build --build-tests && swift test --skip-build`, or set PATCHBAY_BIN"
        }
    }

    /// One empty config folder for every run that does not bring its own; nothing writes to it
    /// but `FaultProject`, which puts its projects' config on the folder's trust list.
    static let emptyConfig = Result { try Scratch.make("config") }

    /// Runs `patchbay ARGS…` and waits for it (killing it after `timeout`). The user's config is
    /// never touched: XDG_CONFIG_HOME points at a fresh folder unless `environment` sets it.
    static func run(
        _ arguments: [String], stdin: String? = nil, in directory: URL? = nil,
        environment: [String: String] = [:], timeout: TimeInterval = 60
    ) async throws -> CLIResult {
        // The child may exit before reading the stdin we give it (an early usage error); that
        // must not kill the test process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        let binary = try binary.get()
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        if environment["XDG_CONFIG_HOME"] == nil {
            env["XDG_CONFIG_HOME"] = try emptyConfig.get().path
        }
        env.merge(environment) { _, new in new }
        let cwd = directory ?? repoRoot
        let childEnvironment = env
        // Pipes are drained on threads of their own so a chatty child never blocks on a full pipe,
        // and no cooperative thread of the test pool waits on the process.
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                do {
                    continuation.resume(
                        returning: try runBlocking(
                            binary, arguments, stdin: stdin, cwd: cwd, env: childEnvironment, timeout: timeout))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private static func runBlocking(
        _ binary: URL, _ arguments: [String], stdin: String?, cwd: URL, env: [String: String], timeout: TimeInterval
    ) throws -> CLIResult {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = cwd
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input: Pipe?
        if stdin != nil {
            input = Pipe()
            process.standardInput = input
        } else {
            input = nil
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()

        let timedOut = Box(false)
        let child = process
        let watchdog = DispatchWorkItem {
            guard child.isRunning else { return }
            timedOut.value = true
            child.terminate()
            DispatchQueue.global().asyncAfter(deadline: .now() + 2) {
                if child.isRunning { kill(child.processIdentifier, SIGKILL) }
            }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)

        let group = DispatchGroup()
        let outData = Box(Data())
        group.enter()
        Thread.detachNewThread {
            outData.value = out.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        if let input, let stdin {
            group.enter()
            Thread.detachNewThread {
                try? input.fileHandleForWriting.write(contentsOf: Data(stdin.utf8))
                try? input.fileHandleForWriting.close()
                group.leave()
            }
        }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        group.wait()
        watchdog.cancel()
        return CLIResult(
            status: process.terminationStatus, stdoutData: outData.value, stderrData: errData,
            timedOut: timedOut.value)
    }
}

/// A value shared with the threads that drain a child's pipes.
final class Box<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

/// Temporary folders for one test, removed by nobody in particular (the OS cleans /tmp).
enum Scratch {
    static func make(_ label: String = "t") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("patchbay-cli-\(label)-\(UUID().uuidString.prefix(8))", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A project folder (marked by `.patchbay/`, so the project root is pinned to it) with files.
    /// `parent` puts it inside another folder, for tests that place files beside the project.
    static func project(_ files: [String: String], in parent: URL? = nil) throws -> URL {
        let root = try parent.map { $0.appendingPathComponent("project") } ?? make("project")
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent(".patchbay"), withIntermediateDirectories: true)
        for (name, text) in files {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }
}

extension String {
    /// Lines of `stderr` that look like `FILE:LINE:COLUMN: error: …`, as (line, column, message).
    func diagnostics(for file: String) -> [(line: Int, column: Int, message: String)] {
        split(separator: "\n").compactMap { raw in
            let text = String(raw)
            guard text.hasPrefix(file + ":") else { return nil }
            let rest = text.dropFirst(file.count + 1)
            let parts = rest.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, let line = Int(parts[0]), let column = Int(parts[1]),
                parts[2].trimmingCharacters(in: .whitespaces) == "error"
            else { return nil }
            return (line, column, parts[3].trimmingCharacters(in: .whitespaces))
        }
    }
}
