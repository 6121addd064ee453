import Synchronization

/// `graph`: runs another graph file once.
struct SubgraphExecutor: NodeExecutor {
    let plan: ExecutionPlan
    var isInline: Bool { false }

    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeResult {
        NodeResult(try await context.runSubgraph(plan, inputs: inputs.values, index: nil))
    }
}

/// `map`: runs the sub-graph once per item, `concurrency` at a time; results keep item order.
struct MapExecutor: NodeExecutor {
    let plan: ExecutionPlan
    let itemInput: String
    let concurrency: Int
    let takesIndex: Bool
    var isInline: Bool { false }

    init(_ node: Node, plan: ExecutionPlan) throws {
        self.plan = plan
        itemInput = try node.optionalString("item") ?? "item"
        concurrency = max(1, node["concurrency"]?.intValue ?? 4)
        takesIndex = plan.inputs.contains { $0.name == "index" }
        guard plan.inputs.contains(where: { $0.name == itemInput }) else {
            throw NodeError(
                "sub-graph has no input `\(itemInput)` to receive each item",
                hint: "add an input node `\(itemInput)` to it, or set `item:` to one of its inputs")
        }
    }

    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeResult {
        guard let items = try inputs.require("items").arrayValue else {
            throw NodeError("`items` must be an array, got \(inputs["items"]!.typeName)")
        }
        // Before fanning out: a million items would make a million sub-graph runs and slots.
        let limit = context.run.limits.mapItems
        if items.count > limit {
            throw context.run.stop(
                RunLimitError(
                    .mapItems,
                    "map `\(context.path)` got \(items.count) items, more than the map_items limit (\(limit))",
                    needed: items.count))
        }
        let shared = inputs.values.filter { $0.key != "items" }
        let results = ResultSlots(count: items.count)
        // A fixed set of workers pulls item indices, instead of one task per item.
        let next = Counter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<min(concurrency, max(1, items.count)) {
                group.addTask {
                    let batch = StepBatch()
                    defer { batch.record(into: context.run.recorder) }
                    while let i = next.take(below: items.count) {
                        try Task.checkCancellation()
                        var values: [String: JSONValue]
                        if shared.isEmpty {
                            values = [itemInput: items[i]]
                        } else {
                            values = shared
                            values[itemInput] = items[i]
                        }
                        if takesIndex { values["index"] = .number(Double(i)) }
                        do {
                            results.set(i, try await context.runSubgraph(plan, inputs: values, index: i, batch: batch))
                        } catch let error as StepError {
                            throw NodeError("item \(i): \(error.message)", hint: error.hint)
                        }
                        if batch.steps.count >= 128 { batch.record(into: context.run.recorder) }
                    }
                }
            }
            try await group.waitForAll()
        }
        let single = plan.outputs.count == 1 ? plan.outputs[0].name : nil
        return NodeResult([
            "results": .array(
                results.values.map { outputs in
                    single.map { outputs[$0] ?? .null } ?? .object(outputs)
                })
        ])
    }
}

/// `loop`: repeats the body until `until` holds on its outputs or `max` passes ran; `feedback`
/// names which output feeds which input on the next pass.
struct LoopExecutor: NodeExecutor {
    let plan: ExecutionPlan
    let until: JqProgram?
    let maxPasses: Int
    let feedback: [(output: String, input: String)]
    var isInline: Bool { false }

    init(_ node: Node, plan: ExecutionPlan) throws {
        self.plan = plan
        until = try node.optionalString("until").map { try JqProgram.compile($0) }
        maxPasses = max(1, node["max"]?.intValue ?? 5)
        let pairs = node["feedback"]?.objectValue ?? [:]
        feedback = try pairs.keys.sorted().map { output in
            guard let input = pairs[output]?.stringValue else {
                throw NodeError("feedback `\(output)` must name a body input")
            }
            guard plan.outputs.contains(where: { $0.name == output }) else {
                throw NodeError(
                    "feedback names `\(output)`, which is not an output of the body",
                    hint: "its outputs are: \(plan.outputs.map(\.name).joined(separator: ", "))")
            }
            guard plan.inputs.contains(where: { $0.name == input }) else {
                throw NodeError(
                    "feedback names `\(input)`, which is not an input of the body",
                    hint: "its inputs are: \(plan.inputs.map(\.name).joined(separator: ", "))")
            }
            return (output, input)
        }
    }

    func run(_ inputs: NodeInputs, context: NodeContext) async throws -> NodeResult {
        // Validation refuses such a `max`; this catches graphs that were not validated (built
        // in memory, or edited with `rerun --set`) before the first pass, not after the ten-thousandth.
        let limit = context.run.limits.loopPasses
        if maxPasses > limit {
            throw context.run.stop(
                RunLimitError(
                    .loopPasses,
                    "loop `\(context.path)` may run \(maxPasses) passes (`max`), more than the loop_passes limit (\(limit))",
                    needed: maxPasses))
        }
        var values = inputs.values
        var outputs: [String: JSONValue] = [:]
        var pass = 0
        while pass < maxPasses {
            pass += 1
            try Task.checkCancellation()
            outputs = try await context.runSubgraph(plan, inputs: values, index: pass - 1)
            if let until, try until.isTrue(.object(outputs)) { break }
            for (output, input) in feedback { values[input] = outputs[output] }
        }
        outputs["iterations"] = .number(Double(pass))
        return NodeResult(outputs)
    }
}

/// Results written by index from several workers. Each index is written by exactly one worker
/// and read only after all of them finished, so the slots need no lock.
final class ResultSlots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<[String: JSONValue]>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: [:])
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func set(_ i: Int, _ value: [String: JSONValue]) { slots[i] = value }

    var values: [[String: JSONValue]] { Array(slots) }
}

/// Hands out 0, 1, 2, … to workers without a lock.
final class Counter: Sendable {
    private let value = Atomic<Int>(0)

    func take(below limit: Int) -> Int? {
        let next = value.wrappingAdd(1, ordering: .relaxed).oldValue
        return next < limit ? next : nil
    }
}
