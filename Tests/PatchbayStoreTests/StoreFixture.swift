import Foundation
import PatchbayCore
import PatchbayStore
import PatchbayTestSupport

/// A fresh store file in a temporary folder per test, and graphs to run into it.
enum StoreFixture {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "patchbay-store-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func store() throws -> RunStore {
        try RunStore(path: try folder().appendingPathComponent("patchbay.sqlite").path)
    }

    /// q → ask (llm) → shout (jq) → out, and q → bad (jq that fails on "boom").
    static let graph = PatchbayTestSupport.graph(
        [
            node("q", .input), node("ask", .llm, ["prompt": "say {{q}}"]), node("shout", .jq, ["jq": ". + \"!\""]),
            node("out", .output), node("bad", .jq, ["jq": "if . == \"boom\" then error(\"it went boom\") else . end"]),
            node("checked", .output),
        ],
        ["q -> ask.q", "ask.text -> shout", "shout -> out", "q -> bad", "bad -> checked"])

    static let double = PatchbayTestSupport.graph(
        [node("item", .input), node("twice", .jq, ["jq": ". * 2"]), node("result", .output)],
        ["item -> twice", "twice -> result"])

    /// A map over `double`, for steps with indexed paths.
    static let mapGraph = PatchbayTestSupport.graph(
        [node("xs", .input), node("each", .map, ["graph": "double", "concurrency": 2]), node("out", .output)],
        ["xs -> each.items", "each.results -> out"])

    /// Runs `graph` with the store as journal (and, unless told, as cache).
    static func run(
        _ graph: Graph = graph, inputs: [String: JSONValue], store: RunStore,
        models: any ModelProvider = ScriptedModelProvider.echo(),
        useStoreCache: Bool = true, options: RunOptions = RunOptions()
    ) async throws -> RunResult {
        let plan = try ExecutionPlan.build(
            graph, path: "/tmp/fixture.graph.yaml", resolver: MemoryResolver(["double": double]))
        let engine = Engine(
            environment: EngineEnvironment(
                models: models, cache: useStoreCache ? store.cache : MemoryStepCache(), journal: store.journal))
        let result = try await engine.run(plan, inputs: inputs, options: options)
        store.flush()
        return result
    }
}
