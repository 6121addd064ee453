import PatchbayCore
import PatchbayPresentation
import Testing

@testable import PatchbayTUI

@Suite struct InspectorContentTests {
    typealias F = InspectorFixtures

    func text(_ content: InspectorContent, width: Int = 80, state: InspectorState = .init()) -> String {
        InspectorView.lines(content, state: state, width: width, theme: .dark, glyphs: .unicode).map(\.text).joined(
            separator: "\n")
    }

    @Test func doneStepShowsUsageConfigInputsAndOutputs() throws {
        let content = InspectorContent.forStep(F.doneStep, node: F.critique)
        #expect(content.header.title == "refine[2]/critique")
        #expect(content.header.status == .done)
        #expect(content.sections.map(\.id) == ["config", "inputs", "outputs"])
        let shown = text(content)
        #expect(shown.contains("✓ done  312ms  120→14 tokens  $0.0001"))
        #expect(shown.contains("  draft: \"Fresh coffee, fast friends.\""))
        #expect(shown.contains("▾ prompt: \"\"\"\n    Critique this tagline for a coffee shop."))
        #expect(shown.contains("  temperature: 0.2"))
        #expect(!shown.contains("Error"))
    }

    @Test func failedStepShowsItsErrorWithHintAndAttempts() {
        let content = InspectorContent.forStep(F.failedStep, node: nil)
        #expect(content.sections.map(\.id) == ["error", "inputs", "outputs"])
        let shown = text(content)
        #expect(shown.contains("✗ failed  2ms  3 attempts"))
        #expect(shown.contains("  no JSON value found in the text (41 characters)"))
        #expect(shown.contains("  hint: ask the model for JSON only"))
        #expect(shown.contains("  none (failed)"))
        let error = InspectorView.lines(content, state: .init(), width: 80, theme: .dark, glyphs: .unicode)
            .first { $0.text.contains("no JSON value") }
        #expect(error?.segments.last?.style == Theme.dark.error)
    }

    @Test func skippedStepSaysWhy() {
        let content = InspectorContent.forStep(F.skippedStep, node: nil)
        #expect(content.header.status == .skipped)
        #expect(content.section("skipped")?.blocks == [.text("input `text` was not emitted: `parse` failed", .dim)])
        #expect(text(content).contains("none (skipped)"))
    }

    @Test func cachedStepSaysSoAndShowsNoCostWhenFree() {
        let step = F.step(1, "question", .llm, .cached, outputs: ["text": "hi"], duration: 0.0004, cost: 0)
        let shown = text(InspectorContent.forStep(step, node: nil))
        #expect(shown.contains("◆ cached  0ms") && !shown.contains("$"))
    }

    @Test func nodeNeverRunSaysSoUnderInputsAndOutputs() {
        let content = InspectorContent.forNode(
            F.critique, step: nil, streamingText: nil, diagnostics: [], pendingInputs: nil)
        #expect(content.header.status == .idle)
        #expect(content.section("inputs")?.blocks == [.note("not run yet")])
        #expect(content.section("outputs")?.blocks == [.note("not run yet")])
        #expect(text(content).contains("○ not run"))
    }

    @Test func problemsForThisNodeOnlyWithHints() {
        let diagnostics = [
            Diagnostic(.error, "unknown placeholder `draft2`", hint: "wire an input named draft2", node: "critique"),
            Diagnostic(.warning, "unused output", node: "other"),
        ]
        let content = InspectorContent.forNode(
            F.critique, step: nil, streamingText: nil, diagnostics: diagnostics, pendingInputs: nil)
        #expect(content.sections.first?.id == "problems")
        let shown = text(content)
        #expect(shown.contains("  ✗ unknown placeholder `draft2`\n    hint: wire an input named draft2"))
        #expect(!shown.contains("unused output"))
    }

    @Test func runningNodeShowsTheStreamedTextLive() {
        let content = InspectorContent.forNode(
            F.critique, step: nil, streamingText: "{\"approved\": fal", diagnostics: [], pendingInputs: nil)
        #expect(content.header.status == .running)
        #expect(content.sections.first?.title == "Streaming…")
        let shown = text(content)
        #expect(shown.contains("▾ Streaming…"))
        #expect(shown.contains("  {\"approved\": fal"))
        #expect(content.section("outputs")?.blocks == [.note("running…")])
    }

    @Test func pausedNodeShowsItsPendingInputs() {
        let content = InspectorContent.forNode(
            F.critique, step: nil, streamingText: nil, diagnostics: [], pendingInputs: ["draft": "Bold beans."])
        #expect(content.header.status == .paused)
        #expect(content.section("inputs")?.blocks == [.values(["draft": "Bold beans."])])
        #expect(text(content).contains("Inputs (paused)"))
    }
}
