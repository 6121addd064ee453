import Foundation
import PatchbayCore
import PatchbayPresentation
import Testing

/// Typed hints are data; each front end says them its way, and only the command line's voice
/// names flags.
@Suite struct HintTextTests {
    static let typed: [Hint] = [
        .giveInput("topic"), .giveInputs, .trustGraph(path: "g.graph.yaml", subgraphs: true),
        .trustGraph(path: nil, subgraphs: false), .raiseLimit(name: "steps", value: 200, isMost: false),
        .raiseLimit(name: "loop_passes", value: 100_000_000, isMost: true), .runWithoutStore, .installLocalModel,
    ]

    @Test func theCommandLineNamesItsFlags() {
        #expect(HintText.commandLine(.giveInput("topic")) == "give it with --input topic=VALUE")
        #expect(HintText.commandLine(.giveInputs).contains("--inputs FILE.json"))
        #expect(
            HintText.commandLine(.trustGraph(path: "g.graph.yaml", subgraphs: false)).contains(
                "patchbay trust g.graph.yaml"))
        #expect(
            HintText.commandLine(.raiseLimit(name: "steps", value: 200, isMost: false)).contains("--limit steps=200"))
        #expect(HintText.commandLine(.runWithoutStore).contains("--no-store"))
    }

    @Test func theWorkbenchNamesNoFlags() {
        #expect(HintText.workbench(.giveInput("topic")) == "press r and fill in `topic`")
        for hint in Self.typed {
            let text = HintText.workbench(hint)
            #expect(!text.contains("--"), "\(text)")
            #expect(text != HintText.commandLine(hint), "\(hint)")
        }
    }

    @Test func plainTextReadsTheSameEverywhere() {
        let hint: Hint = "check the file's permissions"
        #expect(HintText.commandLine(hint) == "check the file's permissions")
        #expect(HintText.workbench(hint) == "check the file's permissions")
        #expect(hint.description == "check the file's permissions")
    }

    @Test func didYouMeanReadsTheSameInBothVoicesAndIsStoredWithAStep() throws {
        let hint = Hint.didYouMean(["template", "temperature"])
        #expect(HintText.commandLine(hint) == "did you mean `template` or `temperature`?")
        #expect(HintText.workbench(hint) == HintText.commandLine(hint))
        let data = try JSONEncoder().encode(StepError(message: "m", hint: hint))
        #expect(try JSONDecoder().decode(StepError.self, from: data).hint == hint)
    }

    @Test func theLibrarysOwnWordingNamesNoFlags() {
        for hint in Self.typed { #expect(!hint.description.contains("--"), "\(hint.description)") }
    }

    @Test func storedHintsRoundTripAndOldTextRowsStillRead() throws {
        for hint in Self.typed + ["plain advice"] {
            let data = try JSONEncoder().encode(StepError(message: "m", hint: hint))
            #expect(try JSONDecoder().decode(StepError.self, from: data).hint == hint)
        }
        let old = Data(#"{"message":"m","hint":"give it with --input q=VALUE"}"#.utf8)
        #expect(try JSONDecoder().decode(StepError.self, from: old).hint == .text("give it with --input q=VALUE"))
    }
}
