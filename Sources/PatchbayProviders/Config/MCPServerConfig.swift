import Foundation
import PatchbayCore

/// An MCP server config declares (`[mcp.NAME]`): a program Patchbay starts and speaks to over
/// its stdin and stdout, or a server already running at a streamable-HTTP URL.
public struct MCPServerConfig: Sendable, Hashable {
    public enum Endpoint: Sendable, Hashable {
        /// The program and its arguments (no shell).
        case command([String])
        /// A streamable-HTTP endpoint, e.g. `http://127.0.0.1:8000/mcp`.
        case url(String)
    }

    public var name: String
    public var endpoint: Endpoint
    /// Variables set for the program over Patchbay's own environment. Values may be secrets:
    /// they are never printed, and those of key-like variables are masked in what runs record.
    public var environment: [String: Secret]
    /// The program's working folder; relative to the project folder. Nil: the project folder.
    public var directory: String?
    /// How long one call may take before it fails.
    public var timeout: Duration
    /// The file that declared it, and the line, for messages.
    public var file: String
    public var line: Int?
    /// Declared (or redefined) by the project file: a project anyone can clone, so its command
    /// starts only for graph files the user trusts, as `command` nodes run only in them.
    public var fromProject: Bool

    public static let defaultTimeout: Duration = .seconds(30)

    public init(
        name: String, endpoint: Endpoint, environment: [String: Secret] = [:], directory: String? = nil,
        timeout: Duration = MCPServerConfig.defaultTimeout, file: String = "", line: Int? = nil,
        fromProject: Bool = false
    ) {
        self.name = name
        self.endpoint = endpoint
        self.environment = environment
        self.directory = directory
        self.timeout = timeout
        self.file = file
        self.line = line
        self.fromProject = fromProject
    }

    /// How long start-up (the initialize handshake) may take: at least 30 s whatever `timeout`
    /// says, as a program's start on a busy machine may take longer than any one call should.
    public var startTimeout: Duration { max(timeout, Self.defaultTimeout) }

    /// Whether starting it runs a program the project chose: only then is trust needed.
    public var needsTrust: Bool {
        if case .command = endpoint { return fromProject }
        return false
    }

    /// `/p/patchbay.toml:12`.
    public var location: String { line.map { "\(file):\($0)" } ?? file }

    /// What messages show: the command line, or the URL.
    public var summary: String {
        switch endpoint {
        case .command(let argv): argv.joined(separator: " ")
        case .url(let url): url
        }
    }

    /// Variable names whose values are keys by their look: masked in everything runs record, and
    /// refused as literal values in a project file (keys belong in the environment).
    static func isKeyLike(_ variable: String) -> Bool {
        let upper = variable.uppercased()
        return ["KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "AUTH", "CREDENTIAL", "COOKIE", "SESSION"].contains {
            upper.contains($0)
        }
    }
}
