import Foundation
import PatchbayCore
import PatchbayTestSupport
import Testing

/// API keys reach the provider and nothing else: no stdout, stderr, event, export or file.
@Suite("secrets never leave the process")
struct SecretsTests {
    /// Every command that touches the graph or its models, each with its name for messages.
    static func commands(_ project: FaultProject, environment: [String: String]) async throws -> [(String, CLIResult)] {
        let graph = project.graph
        let question = ["--input", "question=what is two plus two?"]
        var results: [(String, CLIResult)] = []
        for arguments in [
            ["run", graph] + question,
            ["run", graph, "--json"] + question,
            ["run", graph, "--events"] + question,
            ["run", graph, "--events", "--json"] + question,
            ["validate", graph],
            ["export", graph, "--format", "dot"],
            ["export", graph, "--format", "mermaid"],
            ["models"],
            ["models", "--json"],
            ["config", "path"],
        ] {
            results.append(
                (arguments.joined(separator: " "), try await project.run(arguments, environment: environment)))
        }
        // Stdin closed at once: the stepper runs on to the end.
        results.append(
            ("step", try await project.run(["step", graph] + question, stdin: "", environment: environment)))
        return results
    }

    /// No output of any command, and no file in the project or config folders but the user
    /// config itself, holds the key.
    static func expectNoLeak(
        _ secret: String, in results: [(String, CLIResult)], folders: [URL], except allowed: URL? = nil
    ) {
        for (command, result) in results {
            #expect(!result.stdout.contains(secret), "stdout of `\(command)` shows the key: \(result)")
            #expect(!result.stderr.contains(secret), "stderr of `\(command)` shows the key: \(result)")
        }
        for folder in folders {
            for file in files(under: folder) where file.standardizedFileURL != allowed?.standardizedFileURL {
                let text = (try? Data(contentsOf: file)).map { String(decoding: $0, as: UTF8.self) } ?? ""
                #expect(!text.contains(secret), "\(file.path) holds the key")
            }
        }
    }

    static func files(under folder: URL) -> [URL] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        return (enumerator?.allObjects as? [URL] ?? []).filter {
            (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
        }
    }

    static func result(_ results: [(String, CLIResult)], _ command: String) -> CLIResult? {
        results.first { $0.0 == command }?.1
    }

    @Test("a key from the environment is sent to the provider and shown nowhere")
    func environmentKey() async throws {
        let secret = makeSecret()
        let server = try await FaultServer.start(.init(requiredKey: secret))
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server)
        let results = try await Self.commands(project, environment: ["FAULT_API_KEY": secret])

        // The runs really went to the server with the key, so "not shown" means something.
        let runs = results.filter { $0.0.hasPrefix("run ") || $0.0 == "step" }
        for (command, r) in runs {
            #expect(r.status == 0, "`\(command)`: \(r)")
        }
        #expect(
            Self.result(results, "run \(project.graph) --input question=what is two plus two?")?.stdout
                .contains("Model said: Hello from the fault server") == true)
        #expect(server.modelCalls.count == 1, "one model call; the later runs are answered from the project's cache")
        #expect(server.requests.allSatisfy { $0.header("authorization") == "Bearer \(secret)" })
        #expect(
            Self.result(results, "models")?.stdout.contains("ok") == true,
            "\(String(describing: Self.result(results, "models")))")
        Self.expectNoLeak(secret, in: results, folders: [project.root])
    }

    @Test("a key the provider rejects (401) is named by its variable, never shown")
    func rejectedKey() async throws {
        let secret = makeSecret()
        let server = try await FaultServer.start(.init(requiredKey: "sk-the-right-one"))
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(server)
        let results = try await Self.commands(project, environment: ["FAULT_API_KEY": secret])

        let run = try #require(Self.result(results, "run \(project.graph) --input question=what is two plus two?"))
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("FAULT_API_KEY was rejected (401)"), "\(run)")
        let events = try #require(
            Self.result(results, "run \(project.graph) --events --input question=what is two plus two?"))
        #expect(events.status == 1, "\(events)")
        #expect(events.stdout.contains("\"node_failed\""), "\(events)")
        let models = try #require(Self.result(results, "models"))
        #expect(models.stdout.contains("FAIL") && models.stdout.contains("FAULT_API_KEY"), "\(models)")
        #expect(server.requests.contains { $0.header("authorization") == "Bearer \(secret)" }, "the key was sent")
        Self.expectNoLeak(secret, in: results, folders: [project.root])
    }

    @Test("a key from the user config (mode 600) is used and shown nowhere")
    func userConfigKey() async throws {
        let secret = makeSecret()
        let server = try await FaultServer.start(.init(requiredKey: secret))
        defer { Task { try await server.shutdown() } }
        // The provider and its key live in the user file; the project only picks the model.
        let user = try UserConfig.make(FaultProject.providerTable(server) + "api_key = \"\(secret)\"\n")
        let project = try FaultProject.make(server, toml: "[models]\ndefault = \"fault:test-model\"\n")
        // Empty, so the key can only come from the file.
        let environment = ["XDG_CONFIG_HOME": user.home.path, "FAULT_API_KEY": ""]
        let results = try await Self.commands(project, environment: environment)

        for (command, r) in results where command.hasPrefix("run ") || command == "step" {
            #expect(r.status == 0, "`\(command)`: \(r)")
        }
        #expect(!server.modelCalls.isEmpty)
        #expect(server.requests.allSatisfy { $0.header("authorization") == "Bearer \(secret)" })
        #expect(Self.result(results, "config path")?.stdout.contains(user.file.path) == true)
        Self.expectNoLeak(secret, in: results, folders: [project.root, user.home], except: user.file)

        // Rejected: the message names where the key came from, not the key.
        server.setBehaviour(.init(requiredKey: "sk-the-right-one"))
        let rejected = try await project.run(
            ["run", project.graph, "--input", "question=hi", "--json"], environment: environment)
        #expect(rejected.status == 1, "\(rejected)")
        #expect(rejected.stderr.contains("rejected (401)"), "\(rejected)")
        Self.expectNoLeak(secret, in: [("rejected run", rejected)], folders: [])
    }

    @Test(
        "a user config others can read is refused, naming the file and `chmod 600`",
        arguments: [Int16(0o644), 0o640, 0o604])
    func openUserConfigRefused(mode: Int16) async throws {
        let secret = makeSecret()
        let server = try await FaultServer.start(.init(requiredKey: secret))
        defer { Task { try await server.shutdown() } }
        let user = try UserConfig.make(FaultProject.providerTable(server) + "api_key = \"\(secret)\"\n", mode: mode)
        let project = try FaultProject.make(server, toml: "[models]\ndefault = \"fault:test-model\"\n")
        let environment = ["XDG_CONFIG_HOME": user.home.path, "FAULT_API_KEY": ""]
        var results: [(String, CLIResult)] = []
        for arguments in [
            ["run", project.graph, "--input", "question=hi"], ["models"],
            ["step", project.graph, "--input", "question=hi"],
        ] {
            let r = try await project.run(arguments, stdin: "", environment: environment)
            #expect(r.status == 2, "`\(arguments.joined(separator: " "))`: \(r)")
            #expect(r.stderr.contains("\(user.file.path): error:"), "\(r)")
            #expect(r.stderr.contains("mode \(String(mode, radix: 8))"), "\(r)")
            #expect(r.stderr.contains("chmod 600 \(user.file.path)"), "\(r)")
            results.append((arguments[0], r))
        }
        #expect(server.requestCount == 0, "nothing was sent with a key from a refused file")
        Self.expectNoLeak(secret, in: results, folders: [project.root])
    }

    @Test(
        "a broken line holding a key is reported by position, not by content",
        arguments: [
            "api_key = SECRET", "api_key = \"SECRET", "api_key = 'SECRET", "api_key = \"SECRET\\q\"",
            "api_key = \"SECRET\" x",
            "api_key = [\"SECRET\"]", "api_key_env = \"SECRET\"",
        ])
    func brokenKeyLine(line: String) async throws {
        let secret = makeSecret()
        let user = try UserConfig.make(
            "[providers.openai]\n" + line.replacingOccurrences(of: "SECRET", with: secret) + "\n")
        let project = try Scratch.project([:])
        let r = try await CLI.run(
            ["models", "--offline"], in: project, environment: ["XDG_CONFIG_HOME": user.home.path])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains("\(user.file.path):2"), "\(r)")
        Self.expectNoLeak(secret, in: [("models", r)], folders: [])
    }

    @Test("a key in the project file is an error that does not repeat it")
    func keyInProjectFile() async throws {
        let secret = makeSecret()
        let server = try await FaultServer.start(.init(requiredKey: secret))
        defer { Task { try await server.shutdown() } }
        let project = try FaultProject.make(
            server,
            toml: FaultProject.providerTable(server)
                + "api_key = \"\(secret)\"\n\n[models]\ndefault = \"fault:test-model\"\n")
        let r = try await project.run(["run", project.graph, "--input", "question=hi"])
        #expect(r.status == 2, "\(r)")
        #expect(r.stderr.contains(project.configFile.path), "\(r)")
        #expect(r.stderr.contains("api_key"), "\(r)")
        #expect(server.requestCount == 0)
        Self.expectNoLeak(secret, in: [("run", r)], folders: [])
    }

    /// Every row of every table of the project's run store, as `sqlite3 .dump` prints it.
    static func storeDump(_ project: FaultProject) throws -> String {
        let database = project.root.appendingPathComponent(".patchbay/patchbay.sqlite").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-readonly", database, ".dump"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "sqlite3 could not read \(database)")
        return String(decoding: data, as: UTF8.self)
    }

    @Test(
        "a key echoed in a stream's error event is masked in stderr, --json, events and every store row",
        arguments: ["openai", "anthropic"])
    func keyEchoedInStreamError(type: String) async throws {
        let secret = makeSecret()
        let server = try await FaultServer.start(
            .init(faults: Array(repeating: .errorEventEchoingKey(afterTokens: 1), count: 20), requiredKey: secret))
        defer { Task { try await server.shutdown() } }
        let table = FaultProject.providerTable(server).replacingOccurrences(
            of: "type = \"openai\"", with: "type = \"\(type)\"")
        let project = try FaultProject.make(server, toml: table + "\n[models]\ndefault = \"fault:test-model\"\n")
        var results: [(String, CLIResult)] = []
        for arguments in [
            ["run", project.graph], ["run", project.graph, "--json"], ["run", project.graph, "--events"],
        ] {
            let r = try await project.run(
                arguments + ["--input", "question=hi"], environment: ["FAULT_API_KEY": secret])
            #expect(r.status == 1, "`\(arguments.joined(separator: " "))`: \(r)")
            results.append((arguments.joined(separator: " "), r))
        }
        // The provider really echoed the key it got, so "masked" means something.
        let calls = server.requests.filter { $0.method == "POST" }
        #expect(
            calls.count == 3
                && calls.allSatisfy {
                    $0.header(type == "anthropic" ? "x-api-key" : "authorization")?.hasSuffix(secret) == true
                })
        let plain = results[0].1
        #expect(plain.stderr.contains("••••"), "the echoed key is shown masked: \(plain)")
        #expect(!plain.stderr.contains("(500)"), "a stream that answered 200 is not reported as a 500: \(plain)")
        #expect(plain.stderr.contains("error event"), "the message says the stream carried an error: \(plain)")
        Self.expectNoLeak(secret, in: results, folders: [project.root])
        let dump = try Self.storeDump(project)
        #expect(dump.contains("INSERT INTO"), "the runs were stored")
        #expect(!dump.contains(secret), "a row of the run store holds the key")
    }

    @Test("`patchbay models` and a failed run show no URL user, password or query value")
    func urlCredentialsHidden() async throws {
        let project = try Scratch.project([
            "patchbay.toml": """
            [providers.creds]
            base_url = "https://user:pw@127.0.0.1:9/v1?key=abc"
            api_key_env = ""
            max_retries = 0
            timeouts = { connect = 0.5 }

            [models]
            default = "creds:some-model"

            """,
            "ask.graph.yaml": FaultProject.graphText(),
        ])
        var results: [(String, CLIResult)] = []
        for arguments in [
            ["models"], ["models", "--json"], ["models", "--offline"],
            ["run", "ask.graph.yaml", "--input", "question=hi"],
        ] {
            results.append((arguments.joined(separator: " "), try await CLI.run(arguments, in: project)))
        }
        for (command, r) in results {
            for secret in ["pw", "abc", "user:"] {
                #expect(
                    !r.stdout.contains(secret) && !r.stderr.contains(secret), "`\(command)` shows `\(secret)`: \(r)")
            }
        }
        #expect(results[0].1.stdout.contains("127.0.0.1:9"), "the host is still named: \(results[0].1)")
    }

    @Test("history written before a key was configured is masked once it is: show, runs, diff-runs")
    func historyIsMaskedByTodaysConfig() async throws {
        let secret = makeSecret()
        let server = try await FaultServer.start(.init())
        defer { Task { try await server.shutdown() } }
        let echo = """
            patchbay: 1
            nodes:
              question: { kind: input, type: string }
              answer: { kind: output, type: string }
            wires:
              - question -> answer

            """
        let project = try FaultProject.make(server, graph: echo)
        // No FAULT_API_KEY yet: nothing to mask, so the value is stored as given.
        for _ in 0..<2 {
            let run = try await project.run(["run", project.graph, "--input", "question=\(secret)"])
            #expect(run.status == 0, "\(run)")
        }
        var results: [(String, CLIResult)] = []
        for arguments in [
            ["show", "last"], ["show", "last", "--step", "answer"], ["runs"], ["runs", "--json"],
            ["diff-runs", "1", "2"],
        ] {
            results.append(
                (
                    arguments.joined(separator: " "),
                    try await project.run(arguments, environment: ["FAULT_API_KEY": secret])
                ))
        }
        #expect(results[0].1.status == 0, "\(results[0].1)")
        Self.expectNoLeak(secret, in: results, folders: [])
    }
}
