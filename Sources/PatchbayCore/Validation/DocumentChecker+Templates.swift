import Foundation
import Mustache

/// Template fields: Mustache syntax, and placeholders that cannot become ports.
extension DocumentChecker {
    mutating func checkTemplates(_ node: Node, kind: NodeKind, index: Int) {
        let fixedInputs = Set(kind.spec.inputs.map(\.name))
        var seen = Set<String>()
        for field in kind.spec.fields where field.isTemplate {
            // A value of the wrong type was reported with the fields.
            guard let value = node.fields[field.name], Self.typeProblem(value, field.type) == nil else { continue }
            for text in NodePorts.templateTexts(value) {
                let names = TemplatePlaceholders.ports(in: text)
                // `{{my var}}` also fails to parse; the placeholder message below says more.
                if let problem = mustacheProblem(text),
                    !(problem.isMalformedName && names.contains { !Self.isValidPortName($0) })
                {
                    report(
                        .template,
                        "template in `\(field.name)` of node `\(node.id)` does not parse: \(problem.message)",
                        hint: .text(problem.hint), node: node.id, field: field.name)
                }
                for name in names where seen.insert(name).inserted {
                    if !Self.isValidPortName(name) {
                        reportedPorts.insert(PortKey(node: index, port: name))
                        report(
                            .template,
                            "placeholder `{{\(name)}}` in `\(field.name)` of node `\(node.id)` has no port: `\(name)` is not a valid port name",
                            hint:
                                "port names use letters, digits, `_` and `-` and start with a letter or `_`; rename it, e.g. `{{\(Self.portName(suggestedFor: name))}}`",
                            node: node.id, field: field.name, port: name)
                    } else if fixedInputs.contains(name) {
                        reportedPorts.insert(PortKey(node: index, port: name))
                        report(
                            .template,
                            "placeholder `{{\(name)}}` in `\(field.name)` of node `\(node.id)` has no port of its own: \(kind.rawValue) already has an input port `\(name)`",
                            hint: "rename the placeholder, e.g. `{{\(name)_text}}`",
                            node: node.id, field: field.name, port: name)
                    }
                }
            }
        }
    }

    /// A name a wire can address as `node.port`.
    static func isValidPortName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return name.unicodeScalars.allSatisfy {
            $0 == "_" || $0 == "-" || $0.properties.isAlphabetic || ("0"..."9").contains($0)
        }
    }

    /// `my var` → `my_var`, for hints.
    static func portName(suggestedFor name: String) -> String {
        var result = String(name.unicodeScalars.map { isValidPortName("a" + String($0)) ? Character($0) : "_" })
        if let first = result.unicodeScalars.first, !(first == "_" || first.properties.isAlphabetic) {
            result = "_" + result
        }
        return result.isEmpty ? "name" : result
    }

    struct TemplateProblem {
        var message: String
        var hint: String
        var isMalformedName = false
    }

    /// Parses with swift-mustache (the renderer the runner uses), caching by text.
    mutating func mustacheProblem(_ text: String) -> TemplateProblem? {
        if let cached = templateProblems[text] { return cached }
        let problem = Self.parseProblem(text)
        templateProblems[text] = .some(problem)
        return problem
    }

    static func parseProblem(_ text: String) -> TemplateProblem? {
        if let at = PromptTemplate.tooDeepSection(in: text) {
            return TemplateProblem(
                message: "\(PromptTemplate.tooDeepMessage) (line \(at.line), column \(at.column) of the template)",
                hint: PromptTemplate.tooDeepHint)
        }
        do {
            _ = try MustacheTemplate(string: text)
            return nil
        } catch let error as MustacheTemplate.ParserError {
            let at = "line \(error.context.lineNumber), column \(error.context.columnNumber) of the template"
            let open = unclosedSections(text)
            switch error.error as? MustacheTemplate.Error {
            case .expectedSectionEnd?:
                let name = open.last ?? "name"
                return TemplateProblem(
                    message: "section `{{#\(name)}}` is never closed (\(at))",
                    hint: "close it with `{{/\(name)}}`")
            case .sectionCloseNameIncorrect?:
                let expected = open.last.map { "`{{/\($0)}}`" } ?? "the matching `{{/name}}`"
                return TemplateProblem(
                    message: "a section is closed with the wrong name (\(at))",
                    hint: "close the innermost open section first, with \(expected)")
            case .unfinishedName?:
                return TemplateProblem(
                    message: "a tag is not finished or its name is malformed (\(at))",
                    hint: "write tags as `{{name}}`; names have no spaces", isMalformedName: true)
            case .invalidSetDelimiter?:
                return TemplateProblem(
                    message: "malformed delimiter change `{{=… =}}` (\(at))", hint: "write it as `{{=<% %>=}}`")
            case .invalidConfigVariableSyntax?, .unrecognisedConfigVariable?:
                return TemplateProblem(
                    message: "unknown or malformed `{{% … }}` setting (\(at))",
                    hint: "the only setting is `{{% CONTENT_TYPE: TEXT}}`; remove the tag otherwise")
            default:
                if "\(error.error)".contains("overflow") {
                    return TemplateProblem(
                        message: "the template ends inside a tag (\(at))", hint: "close the tag with `}}`")
                }
                return TemplateProblem(
                    message: "\(error.error) (\(at))",
                    hint: "partials and inheritance are not supported in graph templates")
            }
        } catch {
            return TemplateProblem(message: "\(error)", hint: "check the template's `{{…}}` tags")
        }
    }

    /// Names of sections still open at the end of `text`, innermost last (for hints only).
    static func unclosedSections(_ text: String) -> [String] {
        var open: [String] = []
        for tag in MustacheTokenizer.tags(in: text) {
            if tag.kind == .section || tag.kind == .inverted {
                open.append(tag.content)
            } else if tag.kind == .close, let index = open.lastIndex(of: tag.content) {
                open.removeSubrange(index...)
            }
        }
        return open
    }
}
