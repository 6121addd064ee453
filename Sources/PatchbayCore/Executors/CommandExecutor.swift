import Foundation

/// `command`: runs a program (no shell) with the value as JSON on stdin; stdout is parsed as
/// JSON, or kept as text. Refused unless the file holding the node is trusted.
struct CommandExecutor: NodeExecutor {
    let id: String
    let argv: [String]
    let timeout: Double
    /// The file the node is in: trust is asked for it, not for the graph the run started from.
    let graphPath: String?
    var isInline: Bool { false }

    init(_ node: Node, graphPath: String?) throws {
        id = node.id
        self.graphPath = graphPath
        guard let argv = node["command"]?.arrayValue?.compactMap(\.stringValue), !argv.isEmpty else {
            throw NodeError("field `command` must be a non-empty list: the program and its arguments")
        }
        self.argv = argv
        timeout = node["timeout"]?.doubleValue ?? 60
    }

    /// Why the node may not run its program: the file holding it is not trusted. Asked as it
    /// runs, and by `RunReadiness` before a run starts.
    static func refusal(node id: String, argv: [String], graphPath: String?, trust: GraphTrust) -> NodeError? {
        guard !trust.isTrusted(graphPath: graphPath) else { return nil }
        return NodeError(
            "command node `\(id)` would run `\(argv.joined(separator: " "))`, and \(graphPath.map { "\($0)" } ?? "this graph") is not trusted",
            hint: .trustGraph(path: graphPath, subgraphs: true)
        )
    }

    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeResult {
        if let refusal = Self.refusal(node: id, argv: argv, graphPath: graphPath, trust: context.environment.trust) {
            throw refusal
        }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        // A ChildProcess, not Foundation's Process: it starts with default signal handling (the CLI
        // ignores SIGINT/SIGTERM) and dies with Patchbay, even after a `kill -9` of it.
        let child = try ChildProcess(
            executable: "/usr/bin/env", arguments: argv, directory: context.environment.projectRoot.path,
            stdin: stdin.fileHandleForReading.fileDescriptor, stdout: stdout.fileHandleForWriting.fileDescriptor,
            stderr: stderr.fileHandleForWriting.fileDescriptor)
        // The child holds its own copies; ours would keep the pipes open after it exits.
        try? stdin.fileHandleForReading.close()
        try? stdout.fileHandleForWriting.close()
        try? stderr.fileHandleForWriting.close()
        let input = Data(((inputs["value"] ?? .null).compactJSON + "\n").utf8)
        // Write and read on other threads so a chatty program cannot deadlock on full pipes.
        async let written: Void = Task.detached {
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }.value
        // stdout up to `value_bytes` (past it the program is stopped, not waited for); of stderr
        // only the tail a message shows.
        let limit = context.run.limits.valueBytes
        async let out = Task.detached {
            let outcome = (try? BoundedRead.read(stdout.fileHandleForReading, limit: limit)) ?? .complete(Data())
            if case .overLimit = outcome { child.signal(SIGKILL, group: true) }
            return outcome
        }.value
        async let err = Task.detached { BoundedRead.tail(stderr.fileHandleForReading, keep: 4096) }.value
        let deadline = ContinuousClock.now + .seconds(timeout)
        var timedOut = false
        while child.isRunning {
            if Task.isCancelled || ContinuousClock.now > deadline {
                timedOut = !Task.isCancelled
                await child.stop(grace: .milliseconds(500))
                break
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        let status = await child.waitForExit() ?? -1
        _ = await written
        let (outcome, errors) = await (out, err)
        try Task.checkCancellation()
        guard case .complete(let output) = outcome else {
            throw context.run.stop(
                RunLimitError(
                    .valueBytes,
                    "`\(context.path)`: `\(argv[0])` wrote more than the value_bytes limit (\(limit) bytes) to stdout and was stopped",
                    needed: RunLimits.doubled(limit)))
        }
        if timedOut {
            throw NodeError("`\(argv[0])` ran longer than \(timeout) s and was stopped", hint: "raise `timeout`")
        }
        guard status == 0 else {
            let tail = String(decoding: errors.suffix(500), as: UTF8.self).trimmingCharacters(
                in: .whitespacesAndNewlines)
            throw NodeError("`\(argv[0])` exited with status \(status)\(tail.isEmpty ? "" : ": \(tail)")")
        }
        let text = String(decoding: output, as: UTF8.self)
        let value = (try? JSONValue(parsing: text, options: .lenient)) ?? .string(text)
        return NodeResult(["value": value])
    }
}

/// `human`: asks a person. Without one (a non-interactive run) it fails, naming what is needed.
struct HumanExecutor: NodeExecutor {
    let id: String
    let question: PromptTemplate
    let type: PortType
    var isInline: Bool { false }

    init(_ node: Node) throws {
        id = node.id
        question = try PromptTemplate(try node.string("question"))
        type = NodePorts.portType(node["type"]) ?? .string
    }

    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeResult {
        let text = try question.render(inputs.values)
        guard let human = context.environment.human else {
            throw NodeError(
                "node `\(id)` needs a person's answer (\(type.rawValue)) to: \(text)",
                hint: "run it where someone can answer: `patchbay step` or the workbench")
        }
        let answer = try await human.answer(HumanQuestion(path: context.path, question: text, type: type))
        guard type.accepts(answer) else {
            throw NodeError("the answer to `\(id)` must be \(type.rawValue), got \(answer.typeName)")
        }
        return NodeResult(["answer": answer])
    }
}
