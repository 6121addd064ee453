import Foundation

/// `samples: N` with `vote: majority`: N answers to the same request, each a step of its own
/// (`classify/sample[2]`), and the most common answer wins (`MajorityVote`). Samples are real:
/// each has its own cache key and, when the node sets a seed, its own seed (seed + index).
/// An answer that does not parse (with `json` or `schema`) fails its sample's step and does not
/// vote; the node fails only when no sample answered validly.
extension LLMExecutor {
    struct Election: Sendable {
        var text: String
        var json: JSONValue?
        /// The winner's share of all N samples.
        var agreement: Double
        var usage: TokenUsage
        var cost: Double?
        var replayed: Bool
    }

    private struct Sample: Sendable {
        var text: String
        var json: JSONValue?
        var error: (any Error)?
        var usage: TokenUsage?
        var cost: Double?
        var replayed = false
    }

    func elect(_ request: ModelRequest, model: ResolvedModel?, context: NodeContext) async throws -> Election {
        let steps = InnerSteps(context: context)
        let all = try await withThrowingTaskGroup(of: (Int, Sample).self) { group in
            for index in 0..<samples {
                group.addTask { (index, try await self.sample(index, request, model: model, steps: steps)) }
            }
            var all = [Sample?](repeating: nil, count: samples)
            for try await (index, sample) in group { all[index] = sample }
            return all.map { $0! }
        }
        var usage = TokenUsage()
        var cost: Double?
        for sample in all {
            usage = usage + (sample.usage ?? TokenUsage())
            if let more = sample.cost { cost = (cost ?? 0) + more }
        }
        let valid = all.filter { $0.error == nil }
        guard !valid.isEmpty else { throw all.first!.error! }
        let (index, votes) = MajorityVote.winner(valid.map { MajorityVote.ballot(text: $0.text, json: $0.json) })
        return Election(
            text: valid[index].text, json: valid[index].json, agreement: Double(votes) / Double(samples), usage: usage,
            cost: cost, replayed: all.allSatisfy(\.replayed))
    }

    private func sample(_ index: Int, _ request: ModelRequest, model: ResolvedModel?, steps: InnerSteps) async throws
        -> Sample
    {
        let context = steps.context
        let path = context.path.appending("sample", index: index)
        if let error = context.run.admitStep(path) { throw error }
        var request = request
        if let seed = request.seed { request.seed = seed + index }
        let inputs = Self.inputs(request)
        let started = Date()
        context.run.recorder.emit(.nodeStarted(path: path, inputs: inputs), flush: true)
        if let recorded = try steps.recorded(path) {
            let text = recorded.outputs["text"]?.stringValue ?? ""
            var sample = Sample(
                text: text, json: recorded.outputs["json"], usage: recorded.usage, cost: recorded.cost, replayed: true)
            do { try steps.replay(recorded, at: path, inputs: inputs) } catch { sample.error = error }
            return sample
        }
        let key = steps.cacheKey(
            fingerprint: fingerprint, inputs: inputs.merging(["sample": .number(Double(index))]) { a, _ in a },
            model: model)
        let response: ModelResponse
        var status: Step.Status?
        let asked = context.inner(path)
        if let key, let hit = steps.cached(key) {
            response = ModelResponse(
                text: hit.outputs["text"]?.stringValue ?? "", usage: hit.usage ?? TokenUsage(), cost: hit.cost)
            status = .cached
        } else {
            guard let model else { throw Self.replayAsksNoModel(context) }
            do {
                response = try await complete(request, model: model, context: asked)
            } catch {
                steps.record(path, .llm, inputs: inputs, started: started, error: error, prompt: asked.prompt?.prompt)
                throw error
            }
            if let key {
                steps.store(
                    key,
                    CachedOutputs(outputs: ["text": .string(response.text)], usage: response.usage, cost: response.cost)
                )
            }
        }
        var outputs: [String: JSONValue] = ["text": .string(response.text)]
        var sample = Sample(text: response.text, usage: response.usage, cost: response.cost)
        do {
            sample.json = try parsed(response.text, schema: request.schema)
            outputs["json"] = sample.json
        } catch {
            sample.error = error
            status = nil
        }
        steps.record(
            path, .llm, status: status, inputs: inputs, outputs: outputs, started: started, usage: response.usage,
            cost: response.cost, cacheKey: key, error: sample.error, prompt: asked.prompt?.prompt)
        return sample
    }

    /// What a sample's step shows it was asked: the prompt, or the conversation.
    static func inputs(_ request: ModelRequest) -> [String: JSONValue] {
        request.mode == .complete
            ? ["prompt": .string(request.prompt)] : ["messages": .array(request.messages.map(\.json))]
    }
}
