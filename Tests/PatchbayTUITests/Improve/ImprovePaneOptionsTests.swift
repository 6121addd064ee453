import Foundation
import PatchbayTestSupport
import Synchronization
import Testing

@testable import PatchbayCore
@testable import PatchbayEval
@testable import PatchbayTUI

/// `:improve CASES [OPTION VALUE]…` reads `patchbay improve`'s options with its parser: the
/// same values, the same sentences when one is wrong (the option without the dashes), and
/// nothing starts until they are right.
@Suite struct ImprovePaneOptionsTests {
    typealias F = AppFixtures
    typealias I = ImproveFixtures

    @Test func everyOptionOfTheCommandIsReadAfterTheCasesFile() throws {
        var state = try I.state()
        let effects = AppReducer.reduce(
            &state,
            .command(
                "improve gate.cases.yaml split 60/20/20 seed 7 repeat 3 moves examples,vote models default,judge"
                    + " try short.prompt=@alt.txt try 'short.prompt=Is it short? {{n}}' budget-calls 200"
                    + " budget-cost 0.5 --budget-time 1h30m"))
        var expected = ImproveArguments()
        expected.shares = [60, 20, 20]
        expected.seed = 7
        expected.repeats = 3
        expected.kinds = ["examples", "vote"]
        expected.models = ["default", "judge"]
        expected.tries = [
            .init(node: "short", file: "alt.txt"), .init(node: "short", text: "Is it short? {{n}}"),
        ]
        expected.budget = ImproveBudget(calls: 200, cost: 0.5, seconds: 5400)
        #expect(effects == [.startImprove(state.graph, casesPath: "gate.cases.yaml", arguments: expected)])
        #expect(state.improve.run.starting)

        // Dev and test from their own files; a quoted cases path keeps its space.
        state = try I.state()
        let files = AppReducer.reduce(&state, .command("improve \"my cases.yaml\" dev d.yaml test t.yaml"))
        var paired = ImproveArguments()
        paired.dev = "d.yaml"
        paired.test = "t.yaml"
        #expect(files == [.startImprove(state.graph, casesPath: "my cases.yaml", arguments: paired)])
    }

    @Test func aWrongOptionIsNamedAsTheCommandNamesIt() throws {
        let refused: [(String, String)] = [
            ("split 50/50", "split must be three whole numbers like 50/25/25, dev and test above 0; got `50/50`"),
            ("dev d.yaml", "dev and test go together: give both files, or neither"),
            (
                "split 50/25/25 dev d.yaml test t.yaml",
                "split divides the cases file; with dev and test there is nothing to split"
            ),
            ("budget-time soon", "budget-time must be like 90s, 30m or 1h; got `soon`"),
            ("budget-cost free", "budget-cost must be US dollars above 0, like 0.50, got free"),
            ("budget-calls 0", "budget-calls must be a whole number from 1 up, got 0"),
            ("repeat 21", "repeat must be from 1 to 20, got 21"),
            (
                "moves vote,shout",
                "moves: no move `shout`; the moves are examples, vote, temperature, model, prompt, schema"
            ),
            ("try short=@alt.txt", "try must be NODE.prompt=@FILE or NODE.prompt=TEXT; got `short=@alt.txt`"),
            ("budgt-time 30m", "no option budgt-time; did you mean budget-time?"),
            ("faster yes", "no option faster; the options are split, dev, test, seed, repeat, concurrency"),
            ("repeat", "repeat needs a value, like repeat 3"),
        ]
        for (options, message) in refused {
            var store = TestStore(try I.state())
            store.send(.command("improve gate.cases.yaml " + options), says: .error)
            #expect(
                store.state.message?.text.hasPrefix(message) == true, "\(options): \(store.state.message?.text ?? "")")
        }
        // The command line says the same with dashes: one sentence for both front ends.
        #expect(throws: ImproveOptionError("split", .split("50/50"))) {
            try ImproveArguments.parse(["split", "50/50"])
        }
        #expect(
            ImproveOptionError("split", .split("50/50")).text { "--" + $0 }
                == "--split must be three whole numbers like 50/25/25, dev and test above 0; got `50/50`")
        // No cases file: the usage, with the file most likely meant.
        var store = TestStore(try I.state())
        store.send(.command("improve split 50/25/25"), says: .error)
        #expect(
            store.state.message?.text
                == "Usage: :improve CASES-FILE [OPTION VALUE]…, e.g. :improve gate.cases.yaml budget-time 30m")
    }

    /// The runner reads the options as `patchbay improve` does: dev and test from their files,
    /// only the moves asked for, a prompt from a file beside the graph; a file it cannot read and
    /// a model alias not configured are refused before anything runs.
    @Test func theRunnerSearchesWithTheOptionsTyped() async throws {
        typealias H = ImprovePaneHeadlessTests
        let folder = try F.tempDirectory()
        let path = folder.appendingPathComponent("classify.graph.yaml").path
        try H.graph.write(toFile: path, atomically: true, encoding: .utf8)
        let lines = H.cases.components(separatedBy: "\n").filter { $0.hasPrefix("  - ") }
        for (name, part) in [("train", lines[0..<8]), ("dev", lines[8..<16]), ("test", lines[16..<24])] {
            try ("cases:\n" + part.joined(separator: "\n") + "\n").write(
                toFile: folder.appendingPathComponent("\(name).cases.yaml").path, atomically: true, encoding: .utf8)
        }
        try "Positive or negative?\n\nReview: {{review}}\nSentiment:".write(
            toFile: folder.appendingPathComponent("alt.txt").path, atomically: true, encoding: .utf8)
        let model = H.Model()
        let document = try F.load(path)
        var setup = F.setup(
            document.graph, path: path, fingerprint: document.fingerprint, layoutName: "default",
            environment: EngineEnvironment(models: model.provider()))
        setup.modelAliases = ["default"]
        let workbench = HeadlessWorkbench(setup, width: 120, height: 40, now: F.now)
        await workbench.settle()

        for (options, refusal) in [
            ("try classify.prompt=@nope.txt", "try classify.prompt: cannot read nope.txt"),
            ("models default,judg", "models: alias `judg` is not configured"),
            ("dev dev.cases.yaml test none.cases.yaml", "none.cases.yaml"),
        ] {
            await workbench.press(.char(":"))
            await workbench.type("improve train.cases.yaml " + options)
            await workbench.press(.enter)
            #expect(await workbench.wait { !$0.improve.run.starting })
            #expect(workbench.state.message?.level == .error)
            #expect(workbench.state.message?.text.contains(refusal) == true, "\(workbench.state.message?.text ?? "")")
        }
        #expect(model.asked.withLock { $0 } == 0, "nothing ran")

        await workbench.press(.char(":"))
        await workbench.type(
            "improve train.cases.yaml dev dev.cases.yaml test test.cases.yaml moves prompt try classify.prompt=@alt.txt"
        )
        await workbench.press(.enter)
        #expect(
            await workbench.wait { !$0.improve.run.running && !$0.improve.run.starting && $0.improve.report != nil })
        let state = workbench.state
        #expect([state.improve.train, state.improve.dev, state.improve.test] == [Int](repeating: 8, count: 3))
        let report = try #require(state.improve.report)
        #expect(report.candidates.map(\.kind) == ["prompt"], "only the moves asked for")
        #expect(report.accepted == report.candidates.map(\.label), "\(report.candidates)")
        #expect(report.winnerTest?.value == 1)
        await workbench.shutdown()
    }
}
