import ArgumentParser
import Foundation
import PatchbayProviders

/// `patchbay local …`: the bundled Gemma 3 270M behind llama.cpp's server.
struct LocalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "local",
        abstract: "Install the bundled local model, or start, stop and inspect a long-lived server for it.",
        discussion: """
            Everything lives in $XDG_DATA_HOME/patchbay/local (default ~/.local/share/patchbay/local). \
            Without a long-lived server, each patchbay process starts its own on first use and stops it on exit.
            """,
        subcommands: [Install.self, Start.self, Stop.self, Status.self]
    )

    /// Failures print as `error: …` and exit 1: the request was fine, the machine said no.
    static func reporting<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as LocalModelError {
            Console.err("error: \(error.message)")
            throw ExitStatus.runFailed.code
        }
    }

    struct Install: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Install llama.cpp's server and the model into a Python venv (compiles llama.cpp once, a few minutes).",
            discussion:
                "Needs python3 with venv and a C/C++ compiler (pip fetches cmake). Prints the model file's path.")

        @Flag(help: "Rebuild the venv even when the model is installed.")
        var force = false

        @Option(help: "The Python that creates the venv.")
        var python = "python3"

        func run() async throws {
            let installer = LocalInstaller(paths: LocalModelPaths(), basePython: python)
            let clock = ContinuousClock()
            let started = clock.now
            let outcome = try await LocalCommand.reporting {
                try await installer.install(force: force) { line in Console.err(line) }
            }
            if case .installed = outcome {
                let seconds = (clock.now - started).components.seconds
                Console.err("done in \(seconds) s")
            }
            Console.out(outcome.modelPath)
        }
    }

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Start a server that outlives this command; every patchbay process then uses it. Prints its base URL.")

        func run() async throws {
            let service = LocalModelService()
            let (state, wasRunning) = try await LocalCommand.reporting { try await service.startLongLived() }
            Console.err(
                wasRunning
                    ? "already running: pid \(state.pid), port \(state.port)"
                    : "started: pid \(state.pid), port \(state.port); log \(service.paths.logFile.path)")
            Console.out(state.baseURL)
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the server `patchbay local start` started.")

        func run() async throws {
            let service = LocalModelService()
            if let state = try await LocalCommand.reporting({ try await service.stopLongLived() }) {
                Console.err("stopped: pid \(state.pid), port \(state.port)")
            } else {
                Console.err("no long-lived local model server is running")
            }
        }
    }

    struct Status: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show whether the model is installed and whether a long-lived server runs.")

        func run() async throws {
            let status = await LocalModelService().status()
            Console.out("folder:    \(status.root)")
            Console.out("installed: \(status.installed ? "yes" : "no — run `\(LocalModelPaths.installCommand)`")")
            if let model = status.modelPath { Console.out("model:     \(model)") }
            guard let server = status.server else {
                Console.out(
                    "server:    none (each patchbay process starts its own; `patchbay local start` keeps one running)")
                return
            }
            let health =
                status.serverAnswering
                ? "answering" : status.serverAlive ? "running but not answering" : "not running (stale state file)"
            Console.out(
                "server:    pid \(server.pid), \(server.baseURL), \(health), started \(server.started.formatted(.iso8601))"
            )
        }
    }
}
