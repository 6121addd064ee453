import Foundation
import Testing

@testable import PatchbayEval

/// The one reading of `improve`'s options, which `patchbay improve` and the workbench's
/// `:improve` both use: values, what a front end's defaults keep, and the sentences it throws.
@Suite struct ImproveArgumentsTests {
    struct Unreadable: Error {}

    @Test func onlyTheOptionsGivenReplaceTheFrontEndsDefaults() throws {
        let arguments = try ImproveArguments.parse([
            "--split", "60/20/20", "models", " default , judge ", "budget-time", "1h30m", "try", "a.prompt=@alt.txt",
            "try", "b.prompt=Say {{x}}",
        ])
        var base = ImproveOptions()
        base.repeats = 3
        base.concurrency = 2
        let options = try arguments.options(base) { file in
            guard file == "alt.txt" else { throw Unreadable() }
            return "ALT"
        }
        #expect(options.shares == [60, 20, 20])
        #expect(options.repeats == 3 && options.concurrency == 2, "not given: the front end's")
        #expect(options.models == ["default", "judge"])
        #expect(options.budget == ImproveBudget(seconds: 5400))
        #expect(options.kinds == nil, "every kind of move")
        #expect(
            options.prompts == [
                PromptTry(node: "a", text: "ALT", source: "alt.txt"),
                PromptTry(node: "b", text: "Say {{x}}", source: "--try"),
            ])
    }

    @Test func aFileThatCannotBeReadIsNamedWithItsOption() throws {
        let arguments = try ImproveArguments.parse(["try", "classify.prompt=@nope.txt"])
        #expect(throws: ImproveOptionError.self) {
            _ = try arguments.options(ImproveOptions()) { _ in throw Unreadable() }
        }
        do {
            _ = try arguments.options(ImproveOptions()) { _ in throw Unreadable() }
        } catch {
            #expect(error.option == "try")
            #expect(error.text { "--" + $0 }.hasPrefix("--try classify.prompt: cannot read nope.txt: "))
        }
    }

    @Test func eachFrontEndSpellsTheOptionsInTheSameSentence() {
        let cases: [(ImproveOptionError, String)] = [
            (
                ImproveOptionError("dev", .pairedWith("test")),
                "{dev} and {test} go together: give both files, or neither"
            ),
            (
                ImproveOptionError("split", .nothingToSplit),
                "{split} divides the cases file; with {dev} and {test} there is nothing to split"
            ),
            (ImproveOptionError("budget-tme", .unknown), "no option {budget-tme}; did you mean {budget-time}?"),
            (ImproveOptionError("seed", .seed("-1")), "{seed} must be a whole number, 0 or more, got -1"),
        ]
        for (error, sentence) in cases {
            #expect(error.text { "{" + $0 + "}" } == sentence)
        }
        #expect(throws: ImproveOptionError("budget-time", .time("0s"))) {
            try ImproveArguments.parse(["budget-time", "0s"])
        }
        #expect(throws: ImproveOptionError("split", .split("50/0/50"))) {
            try ImproveArguments.parse(["split", "50/0/50"])
        }
    }

    @Test func aModelAliasConfigLacksIsNamedWithTheNearestOne() throws {
        try ImproveArguments.parse(["models", "default,judge"]).checkModels(known: ["default", "judge"])
        let wrong = try ImproveArguments.parse(["models", "default,jduge"])
        #expect(throws: ImproveOptionError("models", .unknownModel("jduge", known: ["default", "judge"]))) {
            try wrong.checkModels(known: ["default", "judge"])
        }
        let error = ImproveOptionError("models", .unknownModel("jduge", known: ["default", "judge"]))
        #expect(
            error.text { "--" + $0 }
                == "--models: alias `jduge` is not configured; did you mean `judge`? see `patchbay models`")
    }
}
