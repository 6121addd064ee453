import Foundation

@testable import PatchbayCore
@testable import PatchbayTUI

/// Steps and nodes as the engine makes them, for the inspector and trace tests.
enum InspectorFixtures {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static func path(_ text: String) -> StepPath {
        StepPath(
            text.split(separator: "/").map { part -> StepPath.Component in
                if let open = part.firstIndex(of: "["), let index = Int(part[part.index(after: open)...].dropLast()) {
                    return .init(node: String(part[..<open]), index: index)
                }
                return .init(node: String(part))
            })
    }

    static func step(
        _ id: Int, _ path: String, _ kind: NodeKind, _ status: Step.Status, inputs: [String: JSONValue] = [:],
        outputs: [String: JSONValue] = [:], duration: TimeInterval = 0.004, usage: TokenUsage? = nil,
        cost: Double? = nil,
        error: StepError? = nil, skipReason: String? = nil, attempts: Int = 1
    ) -> Step {
        Step(
            id: id, path: Self.path(path), kind: kind, status: status, inputs: inputs, outputs: outputs,
            startedAt: start.addingTimeInterval(Double(id)), duration: duration, usage: usage, cost: cost, error: error,
            skipReason: skipReason, attempts: attempts, cacheKey: status == .cached ? "sha256:abc" : nil)
    }

    static let critique = Node(
        id: "critique", kind: .llm,
        fields: [
            "model": "default",
            "temperature": 0.2,
            "max_tokens": 64,
            "json": true,
            "prompt":
                "Critique this tagline for a coffee shop.\nAnswer as JSON with approved and notes.\nTagline: {{draft}}\n",
        ])

    static let doneStep = step(
        7, "refine[2]/critique", .llm, .succeeded,
        inputs: ["draft": "Fresh coffee, fast friends."],
        outputs: [
            "text": "{\"approved\": true, \"notes\": [\"short\", \"warm\"]}",
            "json": [
                "approved": true, "notes": ["short", "warm"], "score": 8.5,
                "meta": ["model": "gemma-3-270m", "seed": .null],
            ],
            "usage": ["input_tokens": 120, "output_tokens": 14],
        ],
        duration: 0.312, usage: TokenUsage(inputTokens: 120, outputTokens: 14), cost: 0.0001)

    static let failedStep = step(
        9, "parse", .parseJSON, .failed, inputs: ["text": "Sure! Here is the answer:\nnot json at all"],
        duration: 0.002,
        error: StepError(
            message: "no JSON value found in the text (41 characters)",
            hint: "ask the model for JSON only, or set `json: true` on the llm node"),
        attempts: 3)

    static let skippedStep = step(
        10, "publish", .writeFile, .skipped, duration: 0, skipReason: "input `text` was not emitted: `parse` failed")

    /// A run of 12 steps: a loop with iterations, a cached step, a skipped one, a failed one.
    static let run: [Step] = [
        step(0, "article", .input, .succeeded, outputs: ["value": "Patchbay opens today."], duration: 0.0001),
        step(1, "question", .template, .cached, duration: 0.0003),
        step(
            2, "refine[0]/draft", .llm, .succeeded, duration: 0.412,
            usage: TokenUsage(inputTokens: 96, outputTokens: 12)),
        step(
            3, "refine[0]/critique", .llm, .succeeded, duration: 0.298,
            usage: TokenUsage(inputTokens: 120, outputTokens: 14)),
        step(
            4, "refine[1]/draft", .llm, .succeeded, duration: 0.377,
            usage: TokenUsage(inputTokens: 131, outputTokens: 11)),
        step(
            5, "refine[1]/critique", .llm, .succeeded, duration: 0.301,
            usage: TokenUsage(inputTokens: 118, outputTokens: 15)),
        step(
            6, "refine[2]/draft", .llm, .succeeded, duration: 0.356,
            usage: TokenUsage(inputTokens: 127, outputTokens: 9)),
        doneStep,
        step(8, "refine", .loop, .succeeded, duration: 2.061, usage: TokenUsage(inputTokens: 712, outputTokens: 75)),
        failedStep,
        skippedStep,
    ]

    static func traceRows() -> [TraceRow] {
        run.map(TraceRow.init) + [TraceRow(running: path("summarize"), since: start.addingTimeInterval(20))]
    }

    static let now = start.addingTimeInterval(21.5)
}
