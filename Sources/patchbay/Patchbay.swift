import ArgumentParser
import Foundation
import PatchbayCore

/// The `patchbay` command: a thin front end that owns all I/O over the PatchbayCore engine.
@main
struct Patchbay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "patchbay",
        abstract:
            "A workbench for LLM pipelines: build, run, step through and measure graphs of prompts, model calls and checks.",
        discussion: """
            Exit codes: 0 success; 1 the run failed (or `fmt --check` found files to format); \
            2 invalid input, graph or usage.
            """,
        version: "0.1.0",
        subcommands: [
            RunCommand.self, StepCommand.self, ValidateCommand.self, FmtCommand.self, ExportCommand.self,
            NodesCommand.self, TrustCommand.self, LocalCommand.self, ModelsCommand.self, ConfigCommand.self,
            OpenCommand.self, EvalCommand.self, EvalsCommand.self, RunsCommand.self, ShowCommand.self,
            DiffRunsCommand.self, ImproveCommand.self,
            ReplayCommand.self, RerunCommand.self, CacheCommand.self, GCCommand.self,
        ],
        defaultSubcommand: OpenCommand.self
    )

    /// Usage errors exit with 2 (ArgumentParser's default is 64), so scripts see one code for
    /// "what you asked for is wrong".
    static func main() async {
        // A closed pipe (a reader that went away, a program that closed its stdin) must be a
        // write error to handle, not a signal that kills patchbay before it reports.
        signal(SIGPIPE, SIG_IGN)
        var parsed = false
        do {
            var command = try parseAsRoot()
            parsed = true
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch let error as ValidationError where parsed {
            // Thrown by a command's run(): the root's generic usage line would say nothing
            // about that command; the message names the option.
            Console.write("Error: \(error.message)\n", to: .standardError)
            Foundation.exit(ExitStatus.invalid.rawValue)
        } catch let error as CLIError {
            Console.write("error: \(error.message)\n", to: .standardError)
            Foundation.exit(ExitStatus.invalid.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                Console.write(fullMessage(for: error) + "\n", to: .standardError)
                Foundation.exit(ExitStatus.invalid.rawValue)
            }
            // What `exit(withError:)` would print (help, version, an error's text), but through
            // the Console, so an error quoting a file or an argument is escaped too; library
            // errors with typed hints are phrased with this program's flags.
            let message = ErrorText.commandLine(error) ?? fullMessage(for: error)
            if !message.isEmpty {
                Console.write(message + "\n", to: code == .success ? .standardOutput : .standardError)
            }
            Foundation.exit(code.rawValue)
        }
    }
}

/// The documented exit codes.
enum ExitStatus: Int32 {
    case ok = 0
    case runFailed = 1
    case invalid = 2

    var code: ExitCode { ExitCode(rawValue) }
}
