import Foundation
import Testing

@testable import PatchbayCore

/// Graph files written to a fresh temporary folder, so line numbers and sub-graph paths are real.
struct ValidationFixture {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "patchbay-validation-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = folder + "/" + name
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Writes `files`, loads `root` and validates it.
    func validate(
        _ files: [String: String], root: String = "main.graph.yaml", models: Set<String>? = nil
    ) throws -> (path: String, diagnostics: [Diagnostic]) {
        for (name, text) in files { try write(name, text) }
        let loader = GraphLoader()
        let path = folder + "/" + root
        let document = try loader.load(path)
        return (path, GraphValidator.validate(document, loader: loader, knownModelAliases: models))
    }

    /// Validates one root file's text.
    static func check(_ yaml: String, models: Set<String>? = nil) throws -> (path: String, diagnostics: [Diagnostic]) {
        try ValidationFixture().validate(["main.graph.yaml": yaml], models: models)
    }
}

extension [Diagnostic] {
    /// The one diagnostic whose message contains `text`.
    func only(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Diagnostic? {
        let found = filter { $0.message.contains(text) }
        #expect(
            found.count == 1, "expected one diagnostic containing \"\(text)\", got: \(map(\.description))",
            sourceLocation: sourceLocation)
        return found.first
    }
}

func at(_ line: Int, _ column: Int) -> PatchbayCore.SourceLocation { .init(line: line, column: column) }

@Suite struct ValidationTests {
    @Test func theDesignSampleIsValid() throws {
        let (_, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            title: Summarize, then check
            nodes:
              article:   { kind: input, type: string, description: The text to summarize }
              summarize:
                kind: llm
                model: default
                temperature: 0.2
                prompt: |
                  Summarize in one sentence:
                  {{article}}
              short:     { kind: check, jq: 'length < 200' }
              summary:   { kind: output }
            wires:
              - article -> summarize.article
              - summarize.text -> short.value
              - short.pass -> summary.value
            """, models: ["default"])
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description))")
    }

    @Test func unknownKindSuggestsTheClosestKind() throws {
        let (path, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              ask:
                kind: templte
                template: Hello
            """)
        let d = try #require(diagnostics.only("unknown kind `templte`"))
        #expect(d.file == path)
        #expect(d.location == at(4, 5))
        #expect(d.node == "ask")
        #expect(d.hint == .didYouMean(["template"]))
        #expect(diagnostics.count == 1)
    }

    @Test func unknownFieldSuggestsAFieldOfTheKind() throws {
        let (path, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              ask:
                kind: llm
                promt: Hello
            """)
        let d = try #require(diagnostics.only("unknown field `promt`"))
        #expect(d.file == path && d.location == at(5, 5) && d.node == "ask")
        #expect(d.hint?.description.hasPrefix("did you mean `prompt`?") == true)
        // The misspelt prompt also leaves the llm without one.
        let missing = try #require(diagnostics.only("neither `prompt` nor `messages`"))
        #expect(missing.location == at(3, 3))
        #expect(missing.hint?.description.contains("add `prompt:`") == true)
    }

    @Test func missingRequiredField() throws {
        let (path, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              names: { kind: jq, description: Pick names }
              out: { kind: output }
            wires:
              - names.value -> out
            """)
        let d = try #require(diagnostics.only("missing required field `jq`"))
        #expect(d.file == path && d.location == at(3, 3) && d.node == "names")
        #expect(d.hint?.description.contains("add `jq:`") == true)
        #expect(diagnostics.count == 2)  // and names.value is unwired
    }

    struct FieldCase: Sendable, CustomTestStringConvertible {
        var kind: String
        var field: String
        var expected: String
        var hint: String
        var testDescription: String { "\(kind).\(field)" }
    }

    @Test(arguments: [
        FieldCase(
            kind: "llm", field: "temperature: hot", expected: "must be a number, not the text `hot`", hint: "0.2"),
        FieldCase(kind: "llm", field: "max_tokens: 1.5", expected: "must be a whole number", hint: "`3`"),
        FieldCase(kind: "llm", field: "json: 'yes'", expected: "must be true or false", hint: "`true`"),
        FieldCase(kind: "llm", field: "stop: END", expected: "must be a list of strings", hint: "[a, b]"),
        FieldCase(kind: "llm", field: "system: [a]", expected: "must be text, not a list", hint: "quote it"),
        FieldCase(kind: "llm", field: "model: 7", expected: "must be text, not the number `7`", hint: "quote it"),
        FieldCase(
            kind: "llm", field: "mode: chatty", expected: "must be one of `chat`, `complete`, not `chatty`",
            hint: "did you mean `chat`?"),
        FieldCase(
            kind: "llm", field: "messages: [{ role: bot, content: hi }]", expected: "message 1 needs `role`",
            hint: "role: user"),
        FieldCase(
            kind: "input", field: "type: strin", expected: "must be one of `any`, `string`",
            hint: "did you mean `string`?"),
        FieldCase(kind: "input", field: "default: { any: [1, 2] }", expected: "", hint: ""),  // json takes anything
        FieldCase(
            kind: "switch", field: "cases: { port: a }", expected: "must be a list of `{port, when}` cases",
            hint: "when:"),
        FieldCase(
            kind: "switch", field: "cases: [{ port: a }]", expected: "case 1 needs `when` as text (it is missing)",
            hint: "when:"),
        FieldCase(kind: "map", field: "graph: [x]", expected: "must be text", hint: "quote it"),
    ])
    func fieldOfTheWrongType(_ c: FieldCase) throws {
        let (path, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              n:
                kind: \(c.kind)
                \(c.field)
            """)
        let field = String(c.field.prefix { $0 != ":" })
        let typeProblems = diagnostics.filter { $0.message.hasPrefix("field `\(field)` of node `n`") }
        if c.expected.isEmpty {
            #expect(typeProblems.isEmpty)
            return
        }
        let d = try #require(typeProblems.first, "\(diagnostics.map(\.description))")
        #expect(typeProblems.count == 1)
        #expect(d.message.contains(c.expected), "\(d.message)")
        #expect(d.file == path && d.location == at(5, 5) && d.node == "n")
        #expect(d.hint?.description.contains(c.hint) == true, "\(d.hint ?? "")")
    }

    @Test func everyProblemAtOnceSortedByPosition() throws {
        let (_, diagnostics) = try ValidationFixture.check(
            """
            patchbay: 1
            nodes:
              a: { kind: inptu }
              b: { kind: template, template: '{{#x}}' }
              c: { kind: jq, jq: '.[' }
              d: { kind: output }
              s: { kind: input }
            wires:
              - s -> b.x
              - b -> c
              - nowhere -> d
            """)
        #expect(diagnostics.count == 4, "\(diagnostics.map(\.description))")
        let lines = diagnostics.compactMap(\.location?.line)
        #expect(lines == [3, 4, 5, 11])
        // jq's message, on one line, with the column in the program and no shell-quoting guess.
        let jq = try #require(diagnostics.only("jq program"))
        #expect(jq.message.hasSuffix("syntax error, unexpected end of the program at column 2"), "\(jq.message)")
        #expect(diagnostics.allSatisfy { $0.hint != nil && $0.location != nil })
    }

    @Test func unsupportedFormatVersion() throws {
        let fixture = try ValidationFixture()
        let path = try fixture.write("v.graph.yaml", "patchbay: 1\nnodes:\n  x: { kind: input }\n")
        let loader = GraphLoader()
        var document = try loader.load(path)
        // The codec rejects such a file itself; a graph built in memory can still carry one.
        document.graph.formatVersion = 2
        let d = try #require(
            GraphValidator.validate(document, loader: loader).only("unsupported format version `patchbay: 2`"))
        #expect(d.file == path && d.location == at(1, 1))
        #expect(d.hint?.description.contains("upgrade Patchbay") == true)
        document.graph.formatVersion = 1
        #expect(GraphValidator.validate(document, loader: loader).isEmpty)
    }

    @Test func modelAliasesAreCheckedOnlyWhenKnown() throws {
        let yaml = """
            patchbay: 1
            nodes:
              a: { kind: llm, model: fsat, prompt: Hi }
              b: { kind: llm, prompt: Hi }
            """
        #expect(try ValidationFixture.check(yaml).diagnostics.isEmpty)
        let (path, diagnostics) = try ValidationFixture.check(yaml, models: ["fast", "default"])
        let d = try #require(diagnostics.only("model alias `fsat`"))
        #expect(d.file == path && d.location == at(3, 19) && d.node == "a")
        #expect(d.hint?.description.hasPrefix("did you mean `fast`?") == true)
        #expect(diagnostics.count == 1)  // b uses `default`, which is defined
        let none = try ValidationFixture.check(yaml, models: [])
        #expect(none.diagnostics.count == 2)
        #expect(none.diagnostics.allSatisfy { $0.hint?.description.contains("no aliases are defined") == true })
    }
}

@Suite struct ValidationSampleGraphTests {
    static let samples: String = {
        // Tests/PatchbayCoreTests/ThisFile.swift → repository root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent("sample-graphs").path
    }()

    @Test func everySampleGraphValidates() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.samples).filter {
            $0.hasSuffix(".graph.yaml")
        }.sorted()
        #expect(names.count >= 5)
        let loader = GraphLoader()
        for name in names {
            let document = try loader.load(Self.samples + "/" + name)
            let diagnostics = GraphValidator.validate(document, loader: loader)
            #expect(diagnostics.isEmpty, "\(name): \(diagnostics.map(\.description))")
        }
    }
}
