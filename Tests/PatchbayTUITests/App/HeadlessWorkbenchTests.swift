import Foundation
import PatchbayPresentation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// The whole workbench without a terminal: keys in, the real engine and files behind it.
@Suite struct HeadlessWorkbenchTests {
    typealias F = AppFixtures

    static let text = "Patchbay wires small steps together. It runs them in order!"

    /// text-stats from a temporary copy, so saves never touch the repository.
    static func workbench(width: Int = 120, height: Int = 40) async throws -> (HeadlessWorkbench, String) {
        let path = try F.tempCopy("text-stats")
        let workbench = HeadlessWorkbench(try F.setup(file: path), width: width, height: height, now: F.now)
        await workbench.settle()
        return (workbench, path)
    }

    /// r, the text, Enter, and wait for the result.
    static func run(_ workbench: HeadlessWorkbench, text: String? = Self.text) async -> Bool {
        let runs = workbench.state.run.history.count
        await workbench.press(.char("r"))
        if let text { await workbench.type(text) }
        await workbench.press(.enter)
        return await workbench.wait { $0.run.history.count > runs && !$0.run.active }
    }

    @Test func startsValidWithNoProblems() async throws {
        let (workbench, _) = try await Self.workbench()
        #expect(workbench.state.editing.problems.isEmpty)
        #expect(workbench.state.editing.selection == "text")
        #expect(!workbench.state.editing.document.isModified)
        await workbench.shutdown()
    }

    @Test func runsEndToEnd() async throws {
        let (workbench, _) = try await Self.workbench()
        #expect(await Self.run(workbench))
        let state = workbench.state
        let result = try #require(state.run.result)
        #expect(result.status == .succeeded)
        #expect(result.outputs["summary"] == "10 words, 2 sentences, 59 characters.")
        #expect(result.outputs["counts"] == ["words": 10, "sentences": 2, "characters": 59])
        for node in ["text", "stats", "short_enough", "report", "verdict", "summary", "counts"] {
            #expect(state.run.statuses[node] == .done, "\(node)")
        }
        #expect(state.run.statuses["warning"] == .skipped)
        // The trace holds every step, in the order they finished.
        #expect(state.run.steps.count == result.steps.count)
        #expect(state.run.steps.first?.path.description == "text")
        #expect(Set(state.run.steps.map(\.path.description)) == Set(state.graph.nodes.map(\.id)))
        #expect(state.run.lastInputs == ["text": .string(Self.text)])
        #expect(state.message?.text.hasPrefix("Run finished: ") == true)
        await workbench.shutdown()
    }

    @Test func theInputsFormIsPrefilledNextTime() async throws {
        let (workbench, _) = try await Self.workbench()
        #expect(await Self.run(workbench))
        // Enter alone runs again with the same text.
        #expect(await Self.run(workbench, text: nil))
        #expect(workbench.state.run.history.count == 2)
        #expect(workbench.state.run.lastInputs == ["text": .string(Self.text)])
        await workbench.shutdown()
    }

    @Test func stepsThroughAndContinues() async throws {
        let (workbench, _) = try await Self.workbench()
        await workbench.press(.char("n"))
        await workbench.type(Self.text)
        await workbench.press(.enter)
        #expect(await workbench.wait { $0.run.pause != nil })
        #expect(workbench.state.run.pause?.path.description == "text")
        #expect(workbench.state.run.pause?.reason == .step)
        #expect(workbench.state.run.statuses["text"] == .paused)

        var seen = ["text"]
        for _ in 0..<3 {
            await workbench.press(.char("n"))
            #expect(await workbench.wait { $0.run.pause != nil && $0.run.pause?.path.description != seen.last })
            seen.append(workbench.state.run.pause?.path.description ?? "?")
        }
        #expect(seen.count == 4)
        #expect(seen[1] == "stats")
        #expect(Set(seen).count == 4, "each step stops before a new node: \(seen)")
        #expect(workbench.state.run.statuses["text"] == .done)
        #expect(workbench.state.run.statuses["stats"] == .done)
        #expect(workbench.state.run.active)

        await workbench.press(.char("c"))
        #expect(await workbench.wait { $0.run.result != nil })
        #expect(workbench.state.run.result?.status == .succeeded)
        #expect(workbench.state.run.pause == nil)
        await workbench.shutdown()
    }

    @Test func stopsAtABreakpoint() async throws {
        let (workbench, _) = try await Self.workbench()
        await workbench.press(.char("/"))
        await workbench.type("report")
        await workbench.press(.enter, .char("b"))
        #expect(workbench.state.run.breakpoints == ["report"])
        await workbench.press(.char("r"))
        await workbench.type(Self.text)
        await workbench.press(.enter)
        #expect(await workbench.wait { $0.run.pause != nil })
        let pause = try #require(workbench.state.run.pause)
        #expect(pause.path.description == "report")
        #expect(pause.reason == .breakpoint)
        #expect(pause.position == .before)
        #expect(workbench.state.run.statuses["report"] == .paused)
        #expect(workbench.state.run.statuses["stats"] == .done)
        #expect(workbench.state.run.lastStep(of: "report") == nil)
        #expect(workbench.state.message?.text.hasPrefix("Paused before `report` (breakpoint)") == true)

        // The paused node's inputs can be edited before it runs.
        await workbench.press(.char("I"))
        #expect(F.form(workbench.state)?.fields.map(\.name) == ["s"])

        await workbench.press(.escape, .char("c"))
        #expect(await workbench.wait { $0.run.result != nil })
        #expect(workbench.state.run.result?.outputs["summary"] == "10 words, 2 sentences, 59 characters.")
        await workbench.shutdown()
    }

    @Test func cancelWhilePaused() async throws {
        let (workbench, _) = try await Self.workbench()
        await workbench.press(.char("n"))
        await workbench.type(Self.text)
        await workbench.press(.enter)
        #expect(await workbench.wait { $0.run.pause != nil })
        await workbench.press(.ctrl("c"))
        #expect(await workbench.wait { $0.run.result != nil })
        #expect(workbench.state.run.result?.status == .cancelled)
        #expect(!workbench.state.quit)
        await workbench.shutdown()
    }

    @Test func editingATemplateRerunsOnlyItAndDownstream() async throws {
        let environment = EngineEnvironment(models: F.EchoModel())
        let workbench = HeadlessWorkbench(
            F.setup(try F.graph(F.drafted), environment: environment), width: 120, height: 40, now: F.now)
        await workbench.settle()
        #expect(workbench.state.editing.problems.isEmpty)
        #expect(await Self.run(workbench, text: "hello"))
        #expect(workbench.state.run.result?.outputs["out"] == "Draft: Echo: Rewrite: hello")
        #expect(!workbench.state.run.steps.contains { $0.status == .cached })
        #expect(workbench.state.run.statuses["draft"] == .done)

        // Edit report's template in the prompt editor: i, type, Esc.
        await workbench.press(.char("/"))
        await workbench.type("report")
        await workbench.press(.enter, .char("3"), .char("i"))
        await workbench.type("New ")
        await workbench.press(.escape)
        #expect(workbench.state.editing.history.undo.count == 1)
        #expect(workbench.state.graph["report"]?["template"] == "New Draft: {{draft}}")

        #expect(await Self.run(workbench, text: nil))
        let state = workbench.state
        #expect(state.run.result?.outputs["out"] == "New Draft: Echo: Rewrite: hello")
        let executed = Set(state.run.steps.filter { $0.status == .succeeded }.map(\.path.description))
        let cached = Set(state.run.steps.filter { $0.status == .cached }.map(\.path.description))
        #expect(cached == ["draft"], "the model is not asked again")
        #expect(executed == ["text", "report", "out"])
        #expect(state.run.statuses["draft"] == .cached)
        #expect(state.run.statuses["report"] == .done)
        #expect(state.run.statuses["out"] == .done)
        #expect(state.message?.text.hasPrefix("Run finished: 3 ran, 1 cached") == true)
        await workbench.shutdown()
    }

    @Test func textStatsHasNothingToCache() async throws {
        // Only model calls are cached: a graph of jq, checks and templates runs whole again.
        let (workbench, _) = try await Self.workbench()
        #expect(await Self.run(workbench))
        #expect(await Self.run(workbench, text: nil))
        #expect(!workbench.state.run.steps.contains { $0.status == .cached })
        #expect(workbench.state.run.statuses["stats"] == .done)
        await workbench.shutdown()
    }

    @Test func savesTheCanonicalFile() async throws {
        let (workbench, path) = try await Self.workbench()
        await workbench.press(.char("/"))
        await workbench.type("stats")
        await workbench.press(.enter, .char("m"))
        await workbench.type("measure")
        await workbench.press(.enter)
        #expect(workbench.state.editing.document.isModified)
        await workbench.press(.ctrl("s"))
        #expect(await workbench.wait { !$0.editing.document.isModified })

        let text = try String(contentsOfFile: path, encoding: .utf8)
        let saved = try GraphCodec.decode(text, path: path)
        #expect(saved.graph == workbench.state.graph)
        #expect(saved.graph["measure"] != nil && saved.graph["stats"] == nil)
        #expect(try GraphCodec.formatted(text, path: path) == text, "the saved file is in canonical form")
        #expect(workbench.state.editing.document.fingerprint == FileFingerprint(text: text))
        #expect(workbench.state.message?.text == "Saved \(path)")
        await workbench.shutdown()
    }

    @Test func writeQuitSavesThenQuits() async throws {
        let (workbench, path) = try await Self.workbench()
        await workbench.press(.char("d"), .char(":"))
        await workbench.type("wq")
        await workbench.press(.enter)
        #expect(await workbench.wait { $0.quit })
        #expect(try F.load(path).graph == workbench.state.graph)
        await workbench.shutdown()
    }

    @Test func aFileChangedOnDiskAsksBeforeOverwriting() async throws {
        let (workbench, path) = try await Self.workbench()
        await workbench.press(.char("d"))
        #expect(workbench.state.editing.document.isModified)
        let elsewhere = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(
            of: "Text statistics", with: "Changed elsewhere")
        try elsewhere.write(toFile: path, atomically: true, encoding: .utf8)

        await workbench.press(.ctrl("s"))
        #expect(await workbench.wait { F.top($0) == "confirm" })
        guard case .confirm(_, .changedOnDisk)? = workbench.state.popups.stack.last else {
            Issue.record("no changed-on-disk confirm")
            return
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == elsewhere, "nothing written yet")

        // Keep: nothing is written.
        await workbench.press(.char("k"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == elsewhere)
        #expect(workbench.state.editing.document.isModified)

        // Reload: the other version replaces the edits.
        await workbench.press(.ctrl("s"))
        #expect(await workbench.wait { F.top($0) == "confirm" })
        await workbench.press(.char("r"))
        #expect(await workbench.wait { $0.graph.title == "Changed elsewhere" })
        #expect(!workbench.state.editing.document.isModified)
        #expect(workbench.state.graph["text"] != nil)

        // Overwrite after another outside change.
        await workbench.press(.char("d"))
        try (elsewhere + "\n# again\n").write(toFile: path, atomically: true, encoding: .utf8)
        await workbench.press(.ctrl("s"))
        #expect(await workbench.wait { F.top($0) == "confirm" })
        await workbench.press(.char("o"))
        #expect(await workbench.wait { !$0.editing.document.isModified })
        #expect(try F.load(path).graph == workbench.state.graph)
        await workbench.shutdown()
    }

    @Test func externalEditorClosureEditsThePrompt() async throws {
        let (workbench, _) = try await Self.workbench()
        workbench.externalEditor = { text in text + " Done." }
        await workbench.press(.char("/"))
        await workbench.type("warning")
        await workbench.press(.enter, .char("3"), .char("e"))
        #expect(workbench.state.graph["warning"]?["template"] == "Too long: {{reason}} Done.")
        #expect(workbench.state.promptEditor.current?.editor.text == "Too long: {{reason}} Done.")
        await workbench.press(.char("1"), .char("u"))
        #expect(workbench.state.graph["warning"]?["template"] == "Too long: {{reason}}")
        await workbench.shutdown()
    }

    @Test func anInvalidEditShowsProblems() async throws {
        let (workbench, _) = try await Self.workbench()
        await workbench.press(.char("/"))
        await workbench.type("stats")
        await workbench.press(.enter, .char("d"))
        #expect(workbench.state.editing.problems.isEmpty == false, "short_enough and counts lost their input")
        await workbench.press(.char("u"))
        #expect(workbench.state.editing.problems.isEmpty)
        await workbench.shutdown()
    }

    @Test func fakeClockMovesTimeAndMessagesExpire() async throws {
        let (workbench, _) = try await Self.workbench()
        await workbench.press(.char("M"))
        await workbench.advance(by: 2)
        #expect(workbench.state.now == F.now.addingTimeInterval(2))
        #expect(workbench.state.message != nil)
        #expect(workbench.state.spinnerFrame == 0, "no run: the spinner stays")
        await workbench.advance(by: 5)
        #expect(workbench.state.message == nil)
        await workbench.shutdown()
    }
}
