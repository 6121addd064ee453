import Foundation

/// The calls of one turn, each a step: run in parallel, paused before when the debugger says so.
extension ToolLoop {
    /// What one call came to: the arguments it ran with (edited while paused, or as the model
    /// wrote them) and the tool's answer, or the problem the model is told about instead.
    struct CallResult: Sendable {
        var arguments: JSONValue
        var text: String
        var value: JSONValue
        var isError: Bool
        /// Taken from a recorded run rather than made.
        var replayed = false
    }

    func callAll(_ calls: [ToolCall], paths: [StepPath], box: Toolbox, steps: InnerSteps) async throws
        -> [CallResult]
    {
        try await withThrowingTaskGroup(of: (Int, CallResult).self) { group in
            for (index, call) in calls.enumerated() {
                group.addTask { (index, try await self.call(call, path: paths[index], box: box, steps: steps)) }
            }
            var results = [CallResult?](repeating: nil, count: calls.count)
            for try await (index, result) in group { results[index] = result }
            return results.map { $0! }
        }
    }

    /// One call as a step. A tool the model made up, arguments that are not JSON and a tool
    /// that reports an error are answered to the model (it may correct itself); a server that
    /// cannot be reached fails the node.
    private func call(_ call: ToolCall, path: StepPath, box: Toolbox, steps: InnerSteps) async throws
        -> CallResult
    {
        let context = steps.context
        if let error = context.run.admitStep(path) { throw error }
        // The step's kind: `graph` for a graph tool, `mcp` for a server's (and a made-up one).
        let kind: NodeKind = if case .graph? = box.routes[call.name] { .graph } else { .mcp }
        if let recorded = try reusedCall(path, steps) { return recorded }
        var arguments = call.arguments
        var supplied: JSONValue?
        if let hooks = context.run.hooks {
            context.run.recorder.flush()
            switch await hooks.beforeNode(path, kind: kind, inputs: ["arguments": arguments], next: []) {
            case .proceed(let values): arguments = values["arguments"] ?? arguments
            case .supply(let value): supplied = value
            case .cancel: throw CancellationError()
            }
        }
        let started = Date()
        context.run.recorder.emit(.nodeStarted(path: path, inputs: ["arguments": arguments]), flush: true)
        func answered(_ text: String, value: JSONValue? = nil, isError: Bool, by person: Bool = false) async
            -> CallResult
        {
            let value = value ?? .string(text)
            var outputs: [String: JSONValue] = ["result": value, "text": .string(text), "is_error": .bool(isError)]
            if person { outputs["supplied"] = true }
            let step = steps.record(
                path, kind, inputs: ["arguments": arguments], outputs: outputs, started: started)
            if let hooks = context.run.hooks {
                // An after-breakpoint on the call (`agent/turn/call`, or `…/call:TOOL`) stops here.
                context.run.recorder.flush()
                await hooks.afterNode(step, next: [])
            }
            return CallResult(arguments: arguments, text: text, value: value, isError: isError)
        }
        if let supplied { return await answered(supplied.plainText, value: supplied, isError: false, by: true) }
        guard let route = box.routes[call.name] else {
            let known = box.specs.map(\.name).sorted()
            return await answered(
                "There is no tool `\(call.name)`. The tools are: \(known.joined(separator: ", ")).", isError: true)
        }
        if let problem = call.argumentsError, arguments == call.arguments {
            return await answered(
                "The call was not made: \(problem). Send the arguments as a JSON object.", isError: true)
        }
        let result: ToolResult
        do {
            switch route {
            case .mcp(let server):
                result = try await context.environment.tools!.call(
                    call.name, on: server, arguments: arguments, for: use(context))
            case .graph(let plan):
                guard case .object(let values) = arguments else {
                    return await answered("The call was not made: the arguments must be a JSON object.", isError: true)
                }
                result = GraphTool.result(try await context.runSubgraph(plan, inputs: values, at: path))
            }
        } catch {
            steps.record(path, kind, inputs: ["arguments": arguments], started: started, error: error)
            if let error = error as? ToolError { throw NodeError(error.message, hint: error.hint) }
            throw error
        }
        return await answered(result.text, value: result.value, isError: result.isError)
    }
}
