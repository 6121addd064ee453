import Foundation
import Testing

@testable import PatchbayCore

@Suite struct TemplateRenderTests {
    @Test func stringsRenderAsIsWithoutHTMLEscaping() throws {
        let template = try PromptTemplate("Say: {{text}} / {{{text}}} / {{&text}}")
        #expect(
            try template.render(["text": "<b>\"Tom\" & 'Jerry'</b>"])
                == "Say: <b>\"Tom\" & 'Jerry'</b> / <b>\"Tom\" & 'Jerry'</b> / <b>\"Tom\" & 'Jerry'</b>")
    }

    @Test func multilineTextIsKept() throws {
        let template = try PromptTemplate("Summarize in one sentence:\n{{article}}\n\nAnswer:")
        #expect(
            try template.render(["article": "Line one.\nLine two."])
                == "Summarize in one sentence:\nLine one.\nLine two.\n\nAnswer:")
    }

    @Test func wholeNumbersHaveNoFraction() throws {
        let template = try PromptTemplate("{{a}} {{b}} {{c}} {{d}}")
        #expect(try template.render(["a": 3, "b": 2.5, "c": -40, "d": 1e6]) == "3 2.5 -40 1000000")
    }

    @Test func objectsAndArraysRenderAsCompactJSON() throws {
        let template = try PromptTemplate("doc={{doc}} list={{list}}")
        let rendered = try template.render(["doc": ["title": "T", "n": 2], "list": [1, "x", .null]])
        #expect(rendered == #"doc={"n":2,"title":"T"} list=[1,"x",null]"#)
    }

    @Test func dottedPathsReachIntoObjects() throws {
        let template = try PromptTemplate("{{doc.title}} by {{doc.author.name}}")
        #expect(try template.render(["doc": ["title": "Dune", "author": ["name": "Herbert"]]]) == "Dune by Herbert")
    }

    @Test func sectionsIterateArrays() throws {
        let template = try PromptTemplate("{{#items}}- {{name}} ({{price}})\n{{/items}}")
        let rendered = try template.render(["items": [["name": "tea", "price": 3], ["name": "cake", "price": 4.5]]])
        #expect(rendered == "- tea (3)\n- cake (4.5)\n")
    }

    @Test func sectionsIterateScalarsWithDot() throws {
        let template = try PromptTemplate("{{#tags}}[{{.}}]{{/tags}}")
        #expect(try template.render(["tags": ["a", 1, true]]) == "[a][1][true]")
    }

    @Test func sectionsScopeObjectsAndFallBackToOuterNames() throws {
        let template = try PromptTemplate("{{#user}}{{name}} asks: {{question}}{{/user}}")
        #expect(try template.render(["user": ["name": "Ann"], "question": "why?"]) == "Ann asks: why?")
    }

    @Test func booleansAndEmptinessControlSections() throws {
        let template = try PromptTemplate(
            "{{#strict}}Be strict.{{/strict}}{{^strict}}Be kind.{{/strict}}{{^examples}} No examples.{{/examples}}")
        #expect(try template.render(["strict": true, "examples": []]) == "Be strict. No examples.")
        #expect(try template.render(["strict": false, "examples": ["e"]]) == "Be kind.")
        #expect(
            try template.render(["strict": .null, "examples": []]) == "Be kind. No examples.",
            "null is false in a section")
    }

    @Test func spacesInsideTagsAndStringSections() throws {
        let template = try PromptTemplate("{{ greeting }}{{#name}}, dear {{ . }}{{/name}}!")
        #expect(template.ports == ["greeting", "name"])
        #expect(try template.render(["greeting": "Hello", "name": "Ann"]) == "Hello, dear Ann!")
    }

    @Test func rendersConcurrently() async throws {
        let template = try PromptTemplate("{{#items}}{{n}},{{/items}}")
        let ok = await withTaskGroup(of: Bool.self) { group in
            for task in 0..<8 {
                group.addTask {
                    let items: [JSONValue] = (0..<50).map { ["n": .number(Double(task * 100 + $0))] }
                    let expected = (0..<50).map { "\(task * 100 + $0)," }.joined()
                    return (try? template.render(["items": .array(items)])) == expected
                }
            }
            return await group.allSatisfy { $0 }
        }
        #expect(ok)
    }

    @Test func booleansAsVariables() throws {
        #expect(try PromptTemplate("{{flag}}").render(["flag": false]) == "false")
    }

    @Test func transformsWork() throws {
        #expect(
            try PromptTemplate("{{uppercased(name)}} {{count(list)}}").render(["name": "ann", "list": [1, 2]])
                == "ANN 2")
    }

    @Test func portsComeFromPlaceholders() throws {
        let template = try PromptTemplate("{{question}} {{#docs}}{{title}}{{/docs}} {{meta.source}} {{question}}")
        #expect(template.ports == ["question", "docs", "meta"])
    }

    @Test func standaloneSectionLinesLeaveNoBlankLines() throws {
        let template = try PromptTemplate("{{#items}}\n* {{.}}\n{{/items}}\nend")
        #expect(try template.render(["items": ["a", "b"]]) == "* a\n* b\nend")
    }
}

@Suite struct TemplateErrorTests {
    @Test func missingTopLevelValueNamesThePlaceholder() throws {
        let template = try PromptTemplate("Hello {{name}}, {{greeting}}")
        let error = #expect(throws: PromptTemplateError.self) { try template.render(["name": "Ann"]) }
        #expect(error?.placeholder == "greeting")
        #expect(error?.message.hasPrefix("template placeholder `greeting` has no value") == true)
    }

    @Test func missingDottedFieldNamesThePath() throws {
        let template = try PromptTemplate("Title: {{doc.title}}")
        let error = #expect(throws: PromptTemplateError.self) { try template.render(["doc": ["body": "text"]]) }
        #expect(error?.placeholder == "doc.title")
        #expect(
            error?.message.hasPrefix("template placeholder `doc.title` has no value: `doc` has no field `title`")
                == true)
        #expect(error?.message.contains("`body`") == true, "lists the fields that exist")
    }

    @Test func dottedPathThroughANonObject() throws {
        let template = try PromptTemplate("{{doc.title}}")
        let error = #expect(throws: PromptTemplateError.self) { try template.render(["doc": "just text"]) }
        #expect(error?.message.contains("`doc` is a string, not an object") == true)
    }

    @Test func missingSectionIsAnError() throws {
        let template = try PromptTemplate("{{#items}}x{{/items}}")
        #expect(throws: PromptTemplateError.self) { try template.render([:]) }
    }

    @Test func missingNameInsideASectionIsAnError() throws {
        let template = try PromptTemplate("{{#items}}{{name}}: {{price}}\n{{/items}}")
        let error = #expect(throws: PromptTemplateError.self) {
            try template.render(["items": [["name": "tea", "price": 1], ["name": "cake"]]])
        }
        #expect(error?.placeholder == "price")
        #expect(error?.message.contains("inside `{{#items}}`") == true)
    }

    @Test func nestedSectionMayBeAbsentInsideASection() throws {
        let template = try PromptTemplate("{{#items}}{{name}}{{#tags}}!{{/tags}};{{/items}}")
        #expect(try template.render(["items": [["name": "a", "tags": ["x"]], ["name": "b"]]]) == "a!;b;")
    }

    @Test func nullIsAValueNotAMissingOne() throws {
        #expect(try PromptTemplate("v={{v}}").render(["v": .null]) == "v=null")
    }

    @Test func parseErrorsSayWhatAndWhere() {
        let unclosed = #expect(throws: PromptTemplateError.self) { try PromptTemplate("Hi\n{{#items}} x") }
        #expect(unclosed?.message.contains("never closed") == true)

        let mismatched = #expect(throws: PromptTemplateError.self) { try PromptTemplate("{{#a}}x{{/b}}") }
        #expect(mismatched?.message.contains("different name") == true)
        #expect(mismatched?.line == 1)

        let unfinished = #expect(throws: PromptTemplateError.self) { try PromptTemplate("line one\nline {{two") }
        #expect(unfinished?.message.contains("not finished") == true)
        #expect(unfinished?.line == 2)
        #expect(unfinished?.description.hasPrefix("template line 2") == true)
    }
}
