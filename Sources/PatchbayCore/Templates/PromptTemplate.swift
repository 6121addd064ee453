import Mustache

/// A Mustache prompt template (swift-mustache) that renders plain text for a model.
///
/// Differences from stock Mustache, on purpose: nothing is HTML-escaped; numbers print as
/// JSON does (`3`, not `3.0`); objects and arrays used as variables print as compact JSON;
/// and a placeholder without a value is an error naming it, never an empty string, because a
/// silently blank prompt is the hardest pipeline bug to see.
public struct PromptTemplate: Sendable {
    /// The template as written.
    public let text: String
    /// Input ports: top-level placeholder names in order of first use.
    public let ports: [String]
    let references: [TemplatePlaceholders.Reference]
    /// Variables used inside sections (first path segment → innermost section name).
    let sectionVariables: [String: String]
    private let template: MustacheTemplate

    /// Prepended so the library renders text, not HTML. On a line of its own, so it is a
    /// standalone tag that leaves no trace and does not change how the first line renders;
    /// parse-error line numbers are shifted back by one.
    static let textPragma = "{{% CONTENT_TYPE: TEXT}}\n"

    public init(_ text: String) throws(PromptTemplateError) {
        self.text = text
        if let at = Self.tooDeepSection(in: text) {
            throw PromptTemplateError(Self.tooDeepMessage, line: at.line, column: at.column)
        }
        do {
            template = try MustacheTemplate(string: Self.textPragma + text)
        } catch let error as MustacheTemplate.ParserError {
            throw Self.parseError(error)
        } catch {
            throw PromptTemplateError("the template does not parse: \(error)")
        }
        references = TemplatePlaceholders.references(in: text)
        ports = TemplatePlaceholders.ports(in: text)
        sectionVariables = Self.sectionVariables(in: text)
    }

    /// Renders with `values` keyed by port name. Throws when a placeholder has no value.
    public func render(_ values: [String: JSONValue]) throws(PromptTemplateError) -> String {
        try checkTopLevelReferences(values)
        let misses = MustacheMissLog()
        let output = template.render(MustacheRoot(fields: values, misses: misses))
        try checkSectionMisses(misses.names)
        return output
    }

    private static func parseError(_ error: MustacheTemplate.ParserError) -> PromptTemplateError {
        let line = max(1, error.context.lineNumber - 1)
        let column = error.context.columnNumber
        let reason: String
        switch error.error as? MustacheTemplate.Error {
        case .sectionCloseNameIncorrect?:
            reason = "a section is closed with a different name than it was opened with (`{{#name}}` needs `{{/name}}`)"
        case .unfinishedName?:
            reason = "a tag is not finished: `{{` without a matching `}}`, or an empty or malformed name"
        case .expectedSectionEnd?:
            reason = "a section is never closed: add `{{/name}}` for each `{{#name}}` or `{{^name}}`"
        case .invalidSetDelimiter?:
            reason = "a set-delimiter tag is malformed (write it like `{{=<% %>=}}`)"
        case .invalidConfigVariableSyntax?, .unrecognisedConfigVariable?:
            reason = "a `{{% … }}` pragma is malformed or unknown"
        case .transformAppliedToInheritanceSection?, .illegalTokenInsideInheritSection?, .textInsideInheritSection?:
            reason = "partial inheritance (`{{<name}}`) is not supported in prompt templates"
        case nil where "\(error.error)".contains("overflow"):
            reason = "a tag is not finished: `{{` without a matching `}}` before the end of the template"
        case nil:
            reason = "the template does not parse: \(error.error)"
        }
        return PromptTemplateError(reason, line: line, column: column)
    }
}
