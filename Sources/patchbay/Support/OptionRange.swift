import ArgumentParser

/// The values a numeric option accepts. Checked in a command's `validate()`, so a value out of
/// range is a usage error (exit 2) that names the option and the range before anything runs:
/// `--max-concurrency 0` used to run anyway, `runs --limit=-1` listed nothing.
///
/// Numeric options are declared with `parsing: .unconditional`, so `--limit -1` reaches this
/// check instead of ArgumentParser's misleading "Missing value for '--limit'".
struct OptionRange: Sendable {
    let option: String
    let range: ClosedRange<Int>

    init(_ option: String, _ range: ClosedRange<Int>) {
        self.option = option
        self.range = range
    }

    init(_ option: String, atLeast lower: Int) {
        self.init(option, lower...Int.max)
    }

    /// "from 1 to 256", or "0 or more" without an upper bound; the same words go in `--help`.
    var text: String {
        range.upperBound == .max ? "\(range.lowerBound) or more" : "from \(range.lowerBound) to \(range.upperBound)"
    }

    func check(_ value: Int) throws {
        guard range.contains(value) else { throw ValidationError("\(option) must be \(text), got \(value)") }
    }

    /// The option's help with its range appended, so `--help` and the error agree.
    func help(_ text: String, valueName: String = "n") -> ArgumentHelp {
        ArgumentHelp("\(text) (\(self.text))", valueName: valueName)
    }
}

/// Every numeric option's range, in one place (docs/cli.md lists them).
extension OptionRange {
    static let maxConcurrency = OptionRange("--max-concurrency", 1...256)
    static let evalRepeat = OptionRange("--repeat", 1...10_000)
    static let evalConcurrency = OptionRange("--concurrency", 1...256)
    static let runsLimit = OptionRange("--limit", 1...1_000_000)
    static let gcKeep = OptionRange("--keep", atLeast: 0)
}
