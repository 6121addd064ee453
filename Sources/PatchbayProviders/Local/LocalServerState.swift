import Foundation

/// A long-lived server started by `patchbay local start`, as recorded in `server.json`.
public struct LocalServerState: Codable, Sendable, Equatable {
    public var pid: Int32
    public var port: Int
    public var started: Date
    public var modelPath: String

    public init(pid: Int32, port: Int, started: Date, modelPath: String) {
        self.pid = pid
        self.port = port
        self.started = started
        self.modelPath = modelPath
    }

    public var baseURL: String { LocalServerState.baseURL(port: port) }

    static func baseURL(port: Int) -> String { "http://127.0.0.1:\(port)/v1" }

    /// The recorded server, or nil when there is no (readable) state file.
    static func read(_ paths: LocalModelPaths) -> LocalServerState? {
        guard let data = try? Data(contentsOf: paths.stateFile) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try? decoder.decode(LocalServerState.self, from: data)
    }

    func write(to paths: LocalModelPaths) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try encoder.encode(self).write(to: paths.stateFile, options: .atomic)
    }
}

/// What `patchbay local status` reports.
public struct LocalModelStatus: Sendable, Equatable {
    public var root: String
    public var installed: Bool
    /// The assembled GGUF, when installed.
    public var modelPath: String?
    /// The long-lived server in the state file, if any.
    public var server: LocalServerState?
    /// Its process exists.
    public var serverAlive: Bool
    /// It answers `GET /v1/models`.
    public var serverAnswering: Bool
    /// The port of a server this service started for its own process, if one runs.
    public var childPort: Int?

    /// The long-lived server's port, if the state file names one.
    public var serverPort: Int? { server?.port }
}
