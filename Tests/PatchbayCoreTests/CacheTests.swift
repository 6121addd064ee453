import PatchbayTestSupport
import Testing

@testable import PatchbayCore

@Suite struct CacheTests {
    /// q -> n0 -> n1 -> … -> n9 -> out, every node an llm call.
    func chain(editing edited: Int? = nil) -> Graph {
        var nodes = [node("q", .input)]
        var wires: [String] = []
        for i in 0..<10 {
            nodes.append(node("n\(i)", .llm, ["prompt": .string(i == edited ? "edited {{v}}" : "step \(i) {{v}}")]))
            wires.append("\(i == 0 ? "q" : "n\(i - 1).text") -> n\(i).v")
        }
        nodes.append(node("out", .output))
        wires.append("n9.text -> out")
        return graph(nodes, wires)
    }

    @Test func editingTheMiddleOfATenNodeChainReExecutesItAndDownstreamOnly() async throws {
        let cache = MemoryStepCache()
        let model = ScriptedModelProvider.echo()
        _ = try await runGraph(chain(), inputs: ["q": "go"], models: model, cache: cache)
        #expect(model.calls == 10)

        let unchanged = try await runGraph(chain(), inputs: ["q": "go"], models: model, cache: cache)
        #expect(model.calls == 10)
        #expect(unchanged.steps.filter { $0.kind == .llm }.allSatisfy { $0.status == .cached })

        let edited = try await runGraph(chain(editing: 4), inputs: ["q": "go"], models: model, cache: cache)
        #expect(model.calls == 16)
        let executed = edited.steps.filter { $0.status == .succeeded && $0.kind == .llm }.map(\.nodeID)
        #expect(executed == ["n4", "n5", "n6", "n7", "n8", "n9"])
    }

    @Test func descriptionsAndRetryPolicyDoNotInvalidate() async throws {
        let cache = MemoryStepCache()
        let model = ScriptedModelProvider.echo()
        var g = chain()
        _ = try await runGraph(g, inputs: ["q": "go"], models: model, cache: cache)
        g.nodes[3]["description"] = "just a note"
        g.nodes[3]["on_error"] = "retry"
        _ = try await runGraph(g, inputs: ["q": "go"], models: model, cache: cache)
        #expect(model.calls == 10)
    }

    @Test func sampleIndexAndModelAreInTheKey() async throws {
        let cache = MemoryStepCache()
        let model = ScriptedModelProvider.echo()
        var options = RunOptions()
        _ = try await runGraph(chain(), inputs: ["q": "go"], models: model, cache: cache, options: options)
        options.sampleIndex = 1
        _ = try await runGraph(chain(), inputs: ["q": "go"], models: model, cache: cache, options: options)
        #expect(model.calls == 20)
        let other = ScriptedModelProvider(aliases: ["default"]) { $0.messages.last!.content.uppercased() }
        _ = try await runGraph(chain(), inputs: ["q": "go"], models: other, cache: cache)
        #expect(other.calls == 0)  // same provider name and model: same answers
    }

    @Test func aCacheSaltChangesTheKey() async throws {
        let plain = CacheKey.key(fingerprint: [1, 2], inputs: ["q": "go"], model: nil, sampleIndex: 1)
        let salted = CacheKey.key(fingerprint: [1, 2], inputs: ["q": "go"], model: nil, sampleIndex: 1, salt: "eval-1")
        #expect(plain != salted)
        #expect(
            salted
                != CacheKey.key(fingerprint: [1, 2], inputs: ["q": "go"], model: nil, sampleIndex: 1, salt: "eval-2"))
        #expect(
            salted
                == CacheKey.key(fingerprint: [1, 2], inputs: ["q": "go"], model: nil, sampleIndex: 1, salt: "eval-1"))
        // Through the engine: a salted run misses what a plain run cached.
        let cache = MemoryStepCache()
        let model = ScriptedModelProvider.echo()
        var options = RunOptions()
        _ = try await runGraph(chain(), inputs: ["q": "go"], models: model, cache: cache, options: options)
        options.cacheSalt = "eval-1"
        _ = try await runGraph(chain(), inputs: ["q": "go"], models: model, cache: cache, options: options)
        _ = try await runGraph(chain(), inputs: ["q": "go"], models: model, cache: cache, options: options)
        #expect(model.calls == 20)
    }
}
