/// What to do about an error, as data. Most advice reads the same everywhere and is plain
/// text; advice that a front end carries out its own way (a flag on the command line, a key in
/// the workbench) is a typed case, phrased by `HintText` in PatchbayPresentation. Libraries
/// never name a command-line flag.
///
/// A string literal is `.text`, so `hint: "check the …"` reads as before.
public enum Hint: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// Advice that reads the same in every front end.
    case text(String)
    /// The input node `name` has no value: give it one.
    case giveInput(String)
    /// The graph's inputs don't fit: give values for them.
    case giveInputs
    /// Something only a trusted graph may do; `path` is the graph file (nil: an unsaved graph).
    /// `subgraphs` says that trust is per file, so sub-graphs and variants need their own.
    case trustGraph(path: String?, subgraphs: Bool)
    /// A run limit stopped the work; raising `name` to `value` would let it through
    /// (`isMost`: the largest value the limit takes).
    case raiseLimit(name: String, value: Int, isMost: Bool)
    /// The run store cannot be created or written: run without it.
    case runWithoutStore
    /// The bundled local model is not installed yet.
    case installLocalModel
    /// A misspelt name: these are the close ones that exist (from `Suggestions`), for a front
    /// end or tool to offer as fixes; `also` is advice said after them (what else exists).
    case didYouMean([String], also: String? = nil)

    public init(stringLiteral value: String) { self = .text(value) }

    public init(stringInterpolation: DefaultStringInterpolation) {
        self = .text(String(stringInterpolation: stringInterpolation))
    }

    /// Plain wording with no front end's flags or keys: for logs, stored steps and tests.
    public var description: String {
        switch self {
        case .text(let text): text
        case .giveInput(let name): "give the input `\(name)` a value"
        case .giveInputs: "give a value for each of the graph's inputs"
        case .trustGraph(let path, let subgraphs):
            "read \(path ?? "the graph"), then trust it"
                + (subgraphs ? " (trust is per file: sub-graphs and eval variants need their own)" : "")
        case .raiseLimit(let name, let value, let isMost):
            "raise it with `[limits] \(name) = \(value)` in patchbay.toml\(isMost ? " (the most it takes)" : "")"
        case .runWithoutStore: "make the project folder writable, or run without the run store"
        case .installLocalModel: "run `patchbay local install` (compiles llama.cpp once, a few minutes)"
        case .didYouMean(let names, let also): Self.didYouMeanText(names) + (also.map { " " + $0 } ?? "")
        }
    }

    /// The names a `.didYouMean` hint offers; none for other hints.
    public var suggestions: [String] {
        if case .didYouMean(let names, _) = self { names } else { [] }
    }

    /// "did you mean `x`?" (or "`x` or `y`"), each name escaped: it comes from the file, and one
    /// that differs from the word only by an invisible character must show it (`a\u{200B}b`).
    static func didYouMeanText(_ names: [String]) -> String {
        let quoted = names.map { "`\(TerminalText.escape($0, keepNewlines: false))`" }
        switch quoted.count {
        case 0: return "check the spelling"
        case 1: return "did you mean \(quoted[0])?"
        default: return "did you mean " + quoted.dropLast().joined(separator: ", ") + " or " + quoted.last! + "?"
        }
    }

    /// The same hint with its free text passed through `transform` (secret masking, escaping).
    public func mapText(_ transform: (String) -> String) -> Hint {
        switch self {
        case .text(let text): .text(transform(text))
        case .giveInput(let name): .giveInput(transform(name))
        case .trustGraph(let path, let subgraphs): .trustGraph(path: path.map(transform), subgraphs: subgraphs)
        case .didYouMean(let names, let also): .didYouMean(names.map(transform), also: also.map(transform))
        case .giveInputs, .raiseLimit, .runWithoutStore, .installLocalModel: self
        }
    }
}

/// An error with a message and, when there is something to do, a hint: front ends show the two
/// apart (the workbench's status line shows the message; its problem list, the hint too).
public protocol HintedError: Error {
    var message: String { get }
    var hint: Hint? { get }
}

/// Stored as a plain string when it is text (as every hint was before hints were typed), so
/// old stored steps read back unchanged; typed cases are stored by case.
extension Hint: Codable {
    private enum Key: String, CodingKey {
        case giveInput, giveInputs, trustGraph, subgraphs, raiseLimit, value, isMost, runWithoutStore, installLocalModel
        case didYouMean, also
    }

    public init(from decoder: any Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self = .text(text)
            return
        }
        let c = try decoder.container(keyedBy: Key.self)
        if let name = try c.decodeIfPresent(String.self, forKey: .giveInput) {
            self = .giveInput(name)
        } else if c.contains(.giveInputs) {
            self = .giveInputs
        } else if c.contains(.trustGraph) {
            self = .trustGraph(
                path: try c.decodeIfPresent(String.self, forKey: .trustGraph),
                subgraphs: try c.decodeIfPresent(Bool.self, forKey: .subgraphs) ?? false)
        } else if let name = try c.decodeIfPresent(String.self, forKey: .raiseLimit) {
            self = .raiseLimit(
                name: name, value: try c.decode(Int.self, forKey: .value),
                isMost: try c.decodeIfPresent(Bool.self, forKey: .isMost) ?? false)
        } else if c.contains(.runWithoutStore) {
            self = .runWithoutStore
        } else if c.contains(.installLocalModel) {
            self = .installLocalModel
        } else if let names = try c.decodeIfPresent([String].self, forKey: .didYouMean) {
            self = .didYouMean(names, also: try c.decodeIfPresent(String.self, forKey: .also))
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown hint"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .text(let text):
            var c = encoder.singleValueContainer()
            try c.encode(text)
        case .giveInput(let name):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(name, forKey: .giveInput)
        case .giveInputs:
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(true, forKey: .giveInputs)
        case .trustGraph(let path, let subgraphs):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(path, forKey: .trustGraph)
            try c.encode(subgraphs, forKey: .subgraphs)
        case .raiseLimit(let name, let value, let isMost):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(name, forKey: .raiseLimit)
            try c.encode(value, forKey: .value)
            try c.encode(isMost, forKey: .isMost)
        case .runWithoutStore:
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(true, forKey: .runWithoutStore)
        case .installLocalModel:
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(true, forKey: .installLocalModel)
        case .didYouMean(let names, let also):
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(names, forKey: .didYouMean)
            try c.encodeIfPresent(also, forKey: .also)
        }
    }
}
