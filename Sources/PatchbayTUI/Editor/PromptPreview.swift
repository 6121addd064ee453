import PatchbayCore

/// A prompt rendered with a node's current inputs, as the preview pane shows it: the text
/// when every placeholder has a value, otherwise which values are still missing, or the
/// template's syntax error.
public enum PromptPreview {
    public struct Result: Sendable, Hashable {
        /// The rendered prompt; nil while values are missing or the template is broken.
        public var text: String?
        /// Placeholders with no value yet (dotted paths for a missing field), in order of use.
        public var missing: [String]
        /// The syntax error, with its line and column when known.
        public var error: String?
        /// The template as written, shown with the missing placeholders marked.
        public var template: String

        public init(text: String?, missing: [String] = [], error: String? = nil, template: String) {
            self.text = text
            self.missing = missing
            self.error = error
            self.template = template
        }
    }

    public static func render(_ template: String, inputs: [String: JSONValue]) -> Result {
        let parsed: PromptTemplate
        do {
            parsed = try PromptTemplate(template)
        } catch {
            return Result(text: nil, error: error.description, template: template)
        }
        // Every absent port at once, so the user sees the whole list, not the first miss.
        let missing = parsed.ports.filter { inputs[$0] == nil }
        guard missing.isEmpty else { return Result(text: nil, missing: missing, template: template) }
        do {
            return Result(text: try parsed.render(inputs), template: template)
        } catch {
            if let placeholder = error.placeholder {
                return Result(text: nil, missing: [placeholder], template: template)
            }
            return Result(text: nil, error: error.description, template: template)
        }
    }
}
