/// A template that does not parse, or a render that is missing a value.
///
/// `message` says what is wrong without the position; `line`/`column` (1-based, in the
/// template's own text) say where, when known; `placeholder` names the dotted path that had
/// no value at render time.
public struct PromptTemplateError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var line: Int?
    public var column: Int?
    public var placeholder: String?

    public init(_ message: String, line: Int? = nil, column: Int? = nil, placeholder: String? = nil) {
        self.message = message
        self.line = line
        self.column = column
        self.placeholder = placeholder
    }

    /// `template line 2, column 7: …` when the position is known, else the message.
    public var description: String {
        guard let line else { return message }
        return "template line \(line)" + (column.map { ", column \($0)" } ?? "") + ": " + message
    }
}
