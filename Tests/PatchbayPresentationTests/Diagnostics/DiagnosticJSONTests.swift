import PatchbayCore
import PatchbayPresentation
import Testing

/// `validate --json`'s diagnostics: kind and location as fields, the hint in the chosen voice.
@Suite struct DiagnosticJSONTests {
    @Test func fieldsAreDataAndAbsentOnesAreLeftOut() {
        let located = Diagnostic(
            .error, .field, "node `t` has unknown kind `templat`", hint: .didYouMean(["template"]), file: "g.yaml",
            location: SourceLocation(line: 3, column: 5), node: "t")
        let json = DiagnosticJSON.json(located, hint: HintText.commandLine)
        #expect(json["kind"] == .string("field") && json["severity"] == .string("error"))
        #expect(json["line"] == .number(3) && json["column"] == .number(5) && json["node"] == .string("t"))
        #expect(json["suggestions"] == .array([.string("template")]))
        #expect(json["hint"] == .string("did you mean `template`?"))
        #expect(json["port"] == nil)

        let bare = DiagnosticJSON.json(Diagnostic(.warning, .style, "odd"), hint: HintText.commandLine)
        #expect(bare["line"] == nil && bare["file"] == nil && bare["hint"] == nil)
        #expect(bare["suggestions"] == .array([]))
    }

    @Test func theHintIsSaidInTheVoiceGiven() {
        let d = Diagnostic(.error, .trust, "refused", hint: .trustGraph(path: "g.yaml", subgraphs: false))
        #expect(DiagnosticJSON.json(d, hint: HintText.commandLine)["hint"]?.stringValue?.contains("--trust") == true)
        #expect(DiagnosticJSON.json(d, hint: HintText.workbench)["hint"]?.stringValue?.contains("--") == false)
    }
}
