/// `examples:` on an llm node: demonstrations of the task, shown before the prompt as if the
/// model had already answered them. Rendered once, when the plan is built.
///
/// Complete mode: each example is the prompt filled with its inputs, then its output where the
/// model's answer would go (after the prompt's trailing whitespace, or after one space when the
/// prompt ends without any), examples separated by a blank line, then the prompt itself. Chat
/// mode: a user message (the prompt filled with the example's inputs) and an assistant message
/// (its output) per example, after the system message and before the prompt's user message.
struct FewShot: Sendable {
    let prefix: String
    let messages: [ChatMessage]

    /// Nil without `examples`. Throws what validation reports in more detail.
    init?(_ field: JSONValue?, prompt: PromptTemplate?) throws {
        guard let field else { return nil }
        guard let items = field.arrayValue else {
            throw NodeError("`examples` must be a list of `{inputs, output}`, not \(field.typeName)")
        }
        guard let prompt else {
            throw NodeError(
                "`examples` need `prompt`: each example fills it with its inputs",
                hint: "write the task as `prompt:` with `{{placeholders}}` instead of `messages:`")
        }
        var prefix = ""
        var messages: [ChatMessage] = []
        for (index, item) in items.enumerated() {
            guard let inputs = item["inputs"]?.objectValue, let output = item["output"] else {
                throw NodeError("example \(index + 1) of `examples` needs `inputs` (an object) and `output`")
            }
            let filled: String
            do { filled = try prompt.render(inputs) } catch {
                throw NodeError("example \(index + 1) of `examples`: \(error)")
            }
            prefix += Self.answered(filled, output.plainText) + "\n\n"
            messages.append(ChatMessage(role: "user", content: filled))
            messages.append(ChatMessage(role: "assistant", content: output.plainText))
        }
        self.prefix = prefix
        self.messages = messages
    }

    /// A filled prompt followed by its answer, where a completion would put it.
    static func answered(_ prompt: String, _ answer: String) -> String {
        guard let last = prompt.last else { return answer }
        return last.isWhitespace ? prompt + answer : prompt + " " + answer
    }
}
