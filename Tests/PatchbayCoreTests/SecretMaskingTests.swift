import Foundation
import PatchbayTestSupport
import Testing

@testable import PatchbayCore

/// The engine masks configured secrets where steps are recorded: events (tokens included, even
/// when a secret arrives split over several deltas), the journal, the cache and the result.
@Suite("secrets are masked in what a run records")
struct SecretMaskingTests {
    /// Has a space, so the scripted model streams it as two deltas.
    static let secret = "sk-FIRSTHALF SECONDHALF-9f"

    final class Journal: RunJournal, @unchecked Sendable {
        let lock = NSLock()
        var texts: [String] = []
        func runStarted(_ run: JournalRun) { lock.withLock { texts.append("\(run.inputs)") } }
        func stepsFinished(_ steps: [Step], runID: String) {
            lock.withLock {
                texts += steps.map {
                    "\($0.inputs) \($0.outputs) \(String(describing: $0.error)) \(String(describing: $0.prompt))"
                }
            }
        }
        func runFinished(_ result: RunResult) {
            lock.withLock { texts.append("\(result.outputs) \(String(describing: result.error))") }
        }
    }

    @Test("a model echoing the key, split over deltas, shows it nowhere")
    func echoedKeyIsMaskedEverywhere() async throws {
        let model = ScriptedModelProvider { _ in "the key is \(Self.secret) ok" }
        let g = graph(
            [node("q", .input), node("ask", .llm, ["prompt": "say {{q}}"]), node("out", .output)],
            ["q -> ask.q", "ask.text -> out"])
        let plan = try ExecutionPlan.build(g, path: nil, resolver: nil)
        let journal = Journal()
        let cache = MemoryStepCache()
        var environment = EngineEnvironment(models: model, cache: cache, journal: journal)
        environment.masker = SecretMasker(secrets: [Self.secret])
        let handle = try Engine(environment: environment).start(plan, inputs: ["q": .string("hi \(Self.secret)")])
        var seen: [String] = []
        var tokens = ""
        for await event in handle.events {
            switch event {
            case .tokenDelta(_, let text): tokens += text
            default: seen.append("\(event)")
            }
        }
        let result = await handle.result()
        #expect(result.status == .succeeded)
        #expect(tokens.contains("the key is ••••"), "the streamed text arrives, masked: \(tokens)")
        #expect(!tokens.contains("FIRSTHALF") && !tokens.contains("SECONDHALF"), "\(tokens)")
        for text in seen + journal.texts + ["\(result.outputs)", "\(result.steps.map(\.outputs))"] {
            #expect(!text.contains(Self.secret), "\(text)")
        }
        let key = try #require(result.step("ask")?.cacheKey)
        #expect(cache.lookup(key)?.outputs["text"]?.stringValue == "the key is •••• ok")
    }

    @Test("with no secrets configured a step passes through untouched")
    func noSecretsNoCopy() {
        let step = Step(
            id: 0, path: StepPath(node: "a"), kind: .template, status: .succeeded, outputs: ["text": "sk-anything"],
            startedAt: Date(), duration: 0)
        #expect(SecretMasker.none.mask(step).outputs == step.outputs)
        #expect(
            SecretMasker(secrets: ["short"]).isEmpty, "values too short to mask free text are not secrets to search for"
        )
    }
}
