import Foundation

/// Where the bundled local model lives: `$XDG_DATA_HOME/patchbay/local` (default
/// `~/.local/share/patchbay/local`). One folder holds the Python venv with llama.cpp's server,
/// the assembled GGUF file, the install marker, and the long-lived server's state and log.
public struct LocalModelPaths: Sendable, Equatable {
    /// The command that installs the model; errors quote it.
    public static let installCommand = "patchbay local install"

    public var root: URL

    public init(root: URL) {
        self.root = root
    }

    /// The folder the environment points at (`XDG_DATA_HOME`, else `HOME/.local/share`).
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let data: URL
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            data = URL(fileURLWithPath: xdg, isDirectory: true)
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            data = URL(fileURLWithPath: home, isDirectory: true).appendingPathComponent(
                ".local/share", isDirectory: true)
        }
        self.init(root: data.appendingPathComponent("patchbay/local", isDirectory: true))
    }

    public var venv: URL { root.appendingPathComponent("venv", isDirectory: true) }
    public var python: URL { venv.appendingPathComponent("bin/python") }
    /// The assembled GGUF (the model package ships it in chunks).
    public var modelFile: URL { root.appendingPathComponent("model/gemma-3-270m-q4_k_m.gguf") }
    /// Written last by the installer: its presence means the install finished and was verified.
    public var installMarker: URL { root.appendingPathComponent("installed.json") }
    /// The long-lived server started by `patchbay local start`: pid, port, start time.
    public var stateFile: URL { root.appendingPathComponent("server.json") }
    /// The long-lived server's output.
    public var logFile: URL { root.appendingPathComponent("server.log") }
    /// Output of servers a Patchbay process starts for itself (appended, one header per start).
    public var childLogFile: URL { root.appendingPathComponent("child-server.log") }
    /// Everything the last install printed.
    public var installLog: URL { root.appendingPathComponent("install.log") }
}
