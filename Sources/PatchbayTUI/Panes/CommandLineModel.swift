/// The `:` command line: one line of input with editing keys, history (Up/Down, filtered by
/// what was typed, as in vim) and Tab completion of the command name, then of its argument.
///
/// Named `CommandLineModel`, not `CommandLine`: a public `CommandLine` would shadow
/// `Swift.CommandLine` in every module importing PatchbayTUI.
public struct CommandLineModel: Sendable, Hashable {
    public enum Event: Sendable, Hashable {
        case pending
        /// Enter: the text to run (trimmed; added to the history).
        case submit(String)
        /// Esc, or Backspace on an empty line.
        case cancel
    }

    public var input = EditableText()
    public private(set) var history: [String]
    /// Set by Tab: the view lists the candidates while there are several.
    public private(set) var showsCompletions = false
    /// The highlighted candidate while Tab cycles through them.
    public private(set) var cycleIndex: Int?
    private var browsing: (index: Int, draft: String)?
    private var cycle: (start: Int, word: String)?

    public static let historyLimit = 100

    public init(history: [String] = []) { self.history = history }

    public var text: String { input.text }
    public var cursor: Int { input.cursor }

    public mutating func perform(_ key: Key, commands: [CommandSpec] = []) -> Event {
        switch key {
        case .enter:
            let line = text.trimmingSpaces
            if !line.isEmpty, history.last != line {
                history.append(line)
                if history.count > Self.historyLimit { history.removeFirst(history.count - Self.historyLimit) }
            }
            reset()
            return .submit(line)
        case .escape, .ctrl("c"):
            reset()
            return .cancel
        case .backspace where input.isEmpty:
            reset()
            return .cancel
        case .tab:
            complete(commands: commands)
        case .up, .ctrl("p"): historyStep(-1)
        case .down, .ctrl("n"): historyStep(1)
        default:
            if input.perform(key) {
                browsing = nil
                cycle = nil
                cycleIndex = nil
            }
        }
        return .pending
    }

    // MARK: Completion

    /// Candidates for the word before the cursor: command names (sorted) for the first word,
    /// then the command's arguments (in the order given) that start with what is typed.
    public func completions(commands: [CommandSpec]) -> [String] {
        candidates(for: wordBeforeCursor.word, commands: commands)
    }

    /// What the view lists: the candidates being cycled through, or those for the word typed.
    public func completionList(commands: [CommandSpec]) -> [String] {
        guard let cycle else { return completions(commands: commands) }
        return candidates(for: cycle.word, start: cycle.start, commands: commands)
    }

    /// Tab: one candidate is taken whole (a command with arguments gets a space after it);
    /// several extend the word to their common prefix; when that adds nothing, Tab lists them
    /// and the next Tabs cycle through them.
    public mutating func complete(commands: [CommandSpec]) {
        showsCompletions = true
        if let cycle {
            let options = candidates(for: cycle.word, start: cycle.start, commands: commands)
            guard !options.isEmpty else { return }
            let next = ((cycleIndex ?? -1) + 1) % options.count
            input.replace(cycle.start..<input.cursor, with: options[next])
            cycleIndex = next
            return
        }
        let (start, word) = wordBeforeCursor
        let options = candidates(for: word, commands: commands)
        guard !options.isEmpty else { return }
        if options.count == 1 {
            let isCommand = !input.characters[..<start].contains(where: { !$0.isWhitespace })
            let takesArgument = isCommand && commands.contains { $0.name == options[0] && !$0.arguments.isEmpty }
            input.replace(start..<input.cursor, with: options[0] + (takesArgument ? " " : ""))
            showsCompletions = false
            return
        }
        let common = options.dropFirst().reduce(options[0]) { String(zip($0, $1).prefix { $0 == $1 }.map(\.0)) }
        if common.count > word.count {
            input.replace(start..<input.cursor, with: common)
        } else {
            // Nothing to add: this Tab shows the list, the next ones cycle through it.
            cycle = (start, word)
            cycleIndex = nil
        }
    }

    private var wordBeforeCursor: (start: Int, word: String) {
        var start = input.cursor
        while start > 0, !input.characters[start - 1].isWhitespace { start -= 1 }
        return (start, String(input.characters[start..<input.cursor]))
    }

    private func candidates(for word: String, start: Int? = nil, commands: [CommandSpec]) -> [String] {
        let start = start ?? wordBeforeCursor.start
        let before = input.characters[..<start]
        let words = String(before).split(separator: " ")
        if words.isEmpty {
            return commands.map(\.name).filter { $0.hasPrefix(word) }.sorted()
        }
        guard words.count == 1, let command = commands.first(where: { $0.name == String(words[0]) }) else { return [] }
        return command.arguments.filter { $0.hasPrefix(word) }
    }

    // MARK: History

    private mutating func historyStep(_ step: Int) {
        let draft = browsing?.draft ?? text
        var index = browsing?.index ?? history.count
        repeat { index += step } while index >= 0 && index < history.count && !history[index].hasPrefix(draft)
        if index < 0 { return }
        if index >= history.count {
            guard browsing != nil else { return }
            input.text = draft
            browsing = nil
            return
        }
        browsing = (index, draft)
        input.text = history[index]
    }

    private mutating func reset() {
        input = EditableText()
        browsing = nil
        cycle = nil
        cycleIndex = nil
        showsCompletions = false
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.input == b.input && a.history == b.history && a.showsCompletions == b.showsCompletions
            && a.cycleIndex == b.cycleIndex
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(input)
        hasher.combine(history)
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
