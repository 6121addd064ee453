import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayMCP
import PatchbayProviders
import Synchronization

/// `--model ALIAS=PROVIDER:MODEL` and `--limit NAME=VALUE`, shared by the commands that run
/// (or validate) graphs: both change the config for one command.
struct ModelOptions: ParsableArguments {
    @Option(
        name: .customLong("model"),
        help: ArgumentHelp("Point an alias at another model for this run.", valueName: "ALIAS=PROVIDER:MODEL"))
    var overrides: [String] = []

    @Option(
        name: .customLong("limit"),
        help: ArgumentHelp(
            "Raise or lower a run limit for this command, over patchbay.toml's [limits]: steps, value_bytes (bytes, or with KiB/MiB/GiB), map_items, loop_passes. Repeatable.",
            valueName: "NAME=VALUE"))
    var limits: [String] = []

    /// A misspelt name or a value out of range is a usage error before anything is read.
    func validate() throws {
        var scratch = RunLimits()
        for spec in limits {
            do { try scratch.apply(spec) } catch { throw ValidationError("--limit \(spec): \(error.description)") }
        }
    }
}

/// The process's model back ends: config for the graph's project, and the local model server
/// that Patchbay starts on demand and must stop on every way out.
struct Models {
    let config: ModelConfig
    let hub: ProviderHub
    /// The config's MCP servers: started by the runs that use them, stopped with each run.
    let tools: MCPHub
    /// The bundled model's server, which the hub starts on first use.
    let local: LocalModelService

    /// Reads the user config and the config of the graph's project; errors end the command with exit 2.
    static func load(forGraph path: String, options: ModelOptions = ModelOptions()) throws -> Models {
        try load(projectRoot: ProjectFolder.containing(path).path, options: options)
    }

    static func load(projectRoot: String, options: ModelOptions = ModelOptions()) throws -> Models {
        let environment = ProcessInfo.processInfo.environment
        let config = try Self.config(projectRoot: projectRoot, options: options)
        let local = LocalModelService(paths: LocalModelPaths(environment: environment))
        LocalChild.track(local)
        return Models(
            config: config, hub: ProviderHub(config: config, environment: environment, local: local),
            tools: MCPHub(
                servers: config.mcpServers, projectRoot: URL(fileURLWithPath: projectRoot), environment: environment),
            local: local)
    }

    /// The config alone, `--model` overrides applied, for commands that call no model (`validate`).
    static func config(projectRoot: String, options: ModelOptions = ModelOptions()) throws -> ModelConfig {
        let environment = ProcessInfo.processInfo.environment
        do {
            var config = try ConfigLoader.load(
                ConfigLocations.resolve(projectRoot: projectRoot, environment: environment))
            for spec in options.overrides { try config.override(spec) }
            // Checked by `validate()`; applied over the config's `[limits]`.
            for spec in options.limits { try? config.limits.apply(spec) }
            Console.masker = config.secretMasker(environment: environment)
            return config
        } catch let error as ConfigError {
            Console.err(error.description)
            throw ExitStatus.invalid.code
        }
    }

    /// Masks today's configured secrets in what history commands print: rows stored before a key
    /// was configured hold it unmasked. A config that cannot be read masks nothing and stops
    /// nothing here; the commands that need it report it.
    static func maskSecrets(projectRoot: String) {
        let environment = ProcessInfo.processInfo.environment
        guard
            let config = try? ConfigLoader.load(
                ConfigLocations.resolve(projectRoot: projectRoot, environment: environment))
        else { return }
        Console.masker = config.secretMasker(environment: environment)
    }

    /// The project the current folder belongs to, for commands given no graph. (A path ending
    /// in `/.` would not do: `ProjectFolder` standardizes it away and starts one folder up.)
    static var currentProjectRoot: String {
        let here = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        return ProjectFolder.containing(here.appendingPathComponent("patchbay.toml").path).path
    }

    var aliases: Set<String> { Set(config.aliases.keys) }
    /// The MCP servers config declares, so a typo in an `mcp` node's `server` is a validation error.
    var toolServers: Set<String> { Set(config.mcpServers.keys) }

    /// Runs `body`, then stops what the hub started, whether `body` returned or threw.
    func using<T>(_ body: (ProviderHub) async throws -> T) async throws -> T {
        do {
            let value = try await body(hub)
            await tools.shutdown()
            await hub.shutdown()
            return value
        } catch {
            await tools.shutdown()
            await hub.shutdown()
            throw error
        }
    }
}

/// The last resort for exits that skip `Models.using` (`exit()` after a closed stdout, a second
/// Ctrl-C): kill the local server child synchronously. The server is also a `ChildProcess`, whose
/// lifeline stops it when Patchbay is gone, so even `kill -9` leaves no orphan.
enum LocalChild {
    private static let service = Mutex<LocalModelService?>(nil)

    static func track(_ local: LocalModelService) {
        let first = service.withLock { current in
            defer { current = local }
            return current == nil
        }
        if first { atexit { LocalChild.terminate() } }
    }

    static func terminate() {
        service.withLock { $0 }?.terminateChildNow()
    }
}
