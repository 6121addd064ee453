import Foundation
import PatchbayCore

/// An `improve` search's options as typed, read one way by both front ends: `patchbay improve`
/// feeds its flags in (`--split 50/25/25`), the workbench the words after `:improve CASES`
/// (`split 50/25/25`). Only the options given are set; files (`dev`, `test`, a `try` prompt's
/// `@FILE`) are named here and read by the front end, relative to where it reads files from.
public struct ImproveArguments: Sendable, Hashable {
    /// `try NODE.prompt=@FILE` (`file`) or `try NODE.prompt=TEXT` (`text`).
    public struct Try: Sendable, Hashable {
        public var node: String
        public var file: String?
        public var text: String?
    }

    public var shares: [Int]?
    public var dev: String?
    public var test: String?
    public var seed: UInt64?
    public var repeats: Int?
    public var concurrency: Int?
    public var kinds: [String]?
    public var models: [String] = []
    public var tries: [Try] = []
    public var budget = ImproveBudget()

    public init() {}

    /// Every option, as both front ends name it without their prefix.
    public static let names = [
        "split", "dev", "test", "seed", "repeat", "concurrency", "moves", "models", "try", "budget-calls",
        "budget-cost", "budget-time",
    ]

    /// A good value of `option`, for the message when one is missing.
    public static func example(_ option: String) -> String {
        switch option {
        case "split": "50/25/25"
        case "dev": "dev.cases.yaml"
        case "test": "test.cases.yaml"
        case "moves": "examples,vote"
        case "models": "default,judge"
        case "try": "classify.prompt=@alt.txt"
        case "budget-cost": "0.50"
        case "budget-time": "30m"
        case "repeat": "3"
        case "budget-calls": "600"
        default: "1"
        }
    }

    /// Reads one option's value; `try` and `models` add to what is there, the rest replace it.
    public mutating func set(_ option: String, _ value: String) throws(ImproveOptionError) {
        func number(_ range: ClosedRange<Int>) throws(ImproveOptionError) -> Int {
            guard let n = Int(value), range.contains(n) else { throw ImproveOptionError(option, .number(value, range)) }
            return n
        }
        switch option {
        case "split":
            guard let shares = Self.shares(value) else { throw ImproveOptionError(option, .split(value)) }
            self.shares = shares
        case "dev": dev = value
        case "test": test = value
        case "seed":
            guard let seed = UInt64(value) else { throw ImproveOptionError(option, .seed(value)) }
            self.seed = seed
        case "repeat": repeats = try number(1...20)
        case "concurrency": concurrency = try number(1...64)
        case "moves":
            let kinds = Self.list(value)
            for kind in kinds where !ImproveMove.kinds.contains(kind) { throw ImproveOptionError(option, .move(kind)) }
            self.kinds = kinds
        case "models": models += Self.list(value)
        case "try": tries.append(try Self.promptTry(value))
        case "budget-calls": budget.calls = try number(1...Int.max)
        case "budget-cost":
            guard let usd = Double(value), usd > 0, usd.isFinite else { throw ImproveOptionError(option, .cost(value)) }
            budget.cost = usd
        case "budget-time":
            guard let seconds = Self.seconds(value) else { throw ImproveOptionError(option, .time(value)) }
            budget.seconds = seconds
        default: throw ImproveOptionError(option, .unknown)
        }
    }

    /// What one option cannot say alone: `dev` and `test` come together, and `split` divides
    /// one cases file, so not with them.
    public func check() throws(ImproveOptionError) {
        if dev != nil, test == nil { throw ImproveOptionError("dev", .pairedWith("test")) }
        if test != nil, dev == nil { throw ImproveOptionError("test", .pairedWith("dev")) }
        if dev != nil, shares != nil { throw ImproveOptionError("split", .nothingToSplit) }
    }

    /// Every `models` alias is one config defines (`known`).
    public func checkModels(known: Set<String>) throws(ImproveOptionError) {
        guard let alias = models.first(where: { !known.contains($0) }) else { return }
        throw ImproveOptionError("models", .unknownModel(alias, known: known.sorted()))
    }

    /// The workbench's words after the cases file: `split 50/25/25 budget-time 30m …`, each
    /// option followed by its value (a leading `--`, as on the command line, is allowed too).
    public static func parse(_ words: [String]) throws(ImproveOptionError) -> ImproveArguments {
        var arguments = ImproveArguments()
        var index = words.startIndex
        while index < words.endIndex {
            let word = words[index]
            let option = word.hasPrefix("--") ? String(word.dropFirst(2)) : word
            guard names.contains(option) else { throw ImproveOptionError(option, .unknown) }
            guard index + 1 < words.endIndex else { throw ImproveOptionError(option, .missingValue) }
            try arguments.set(option, words[index + 1])
            index += 2
        }
        try arguments.check()
        return arguments
    }

    /// `base` with the options given; a `try …=@FILE` is read with `read` (the front end's
    /// folder), and a file that cannot be read is named.
    public func options(_ base: ImproveOptions, read: (String) throws -> String) throws(ImproveOptionError)
        -> ImproveOptions
    {
        var options = base
        if let shares { options.shares = shares }
        if let seed { options.seed = seed }
        if let repeats { options.repeats = repeats }
        if let concurrency { options.concurrency = concurrency }
        if let kinds { options.kinds = Set(kinds) }
        options.models = models
        options.budget = budget
        options.prompts = try tries.map { (t: Try) throws(ImproveOptionError) -> PromptTry in
            guard let file = t.file else { return PromptTry(node: t.node, text: t.text ?? "", source: "--try") }
            do { return PromptTry(node: t.node, text: try read(file), source: file) } catch {
                throw ImproveOptionError(
                    "try", .unreadable(node: t.node, file: file, reason: (error as NSError).localizedDescription))
            }
        }
        return options
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    static func shares(_ text: String) -> [Int]? {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        let values = parts.compactMap { Int($0) }
        guard parts.count == 3, values.count == 3, values[0] >= 0, values[1] > 0, values[2] > 0 else { return nil }
        return values
    }

    /// `90s`, `30m`, `1h`, `1h30m`, or plain seconds.
    static func seconds(_ text: String) -> Double? {
        if let plain = Double(text), plain >= 0, plain.isFinite { return plain }
        var total = 0.0
        var number = ""
        for character in text {
            if character.isNumber || character == "." {
                number.append(character)
                continue
            }
            guard let value = Double(number), let unit = ["s": 1.0, "m": 60, "h": 3600][String(character)] else {
                return nil
            }
            total += value * unit
            number = ""
        }
        return number.isEmpty && total > 0 ? total : nil
    }

    /// `classify.prompt=@alt.txt` (a file) or `classify.prompt=TEXT`.
    static func promptTry(_ text: String) throws(ImproveOptionError) -> Try {
        let pair = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard pair.count == 2, pair[0].hasSuffix(".prompt"), pair[0].count > ".prompt".count else {
            throw ImproveOptionError("try", .tryForm(text))
        }
        let node = String(pair[0].dropLast(".prompt".count))
        guard pair[1].hasPrefix("@") else { return Try(node: node, text: pair[1]) }
        return Try(node: node, file: String(pair[1].dropFirst()))
    }
}
