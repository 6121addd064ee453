import PatchbayCore

/// What is wrong with an `improve` option, worded once for both front ends: each spells the
/// option its own way (`--split` on the command line, `split` after `:improve`), the rest of
/// the sentence is the same, and says what a good value looks like.
public struct ImproveOptionError: Error, Sendable, Equatable {
    public enum Problem: Sendable, Equatable {
        /// Not three whole numbers like 50/25/25 with dev and test above 0.
        case split(String)
        case time(String)
        /// A whole number outside `range` (or not a number).
        case number(String, ClosedRange<Int>)
        case seed(String)
        case cost(String)
        case move(String)
        case tryForm(String)
        /// `try NODE.prompt=@FILE` whose file cannot be read.
        case unreadable(node: String, file: String, reason: String)
        /// `dev` without `test` or the other way round: `other` is the missing one.
        case pairedWith(String)
        /// `split` with `dev` and `test`.
        case nothingToSplit
        case missingValue
        /// An option no front end knows (the workbench's words; the CLI's parser catches its own).
        case unknown
        /// A `models` alias config does not define; `known`: the ones it does.
        case unknownModel(String, known: [String])
    }

    /// The option as both front ends name it without their prefix: `split`, `budget-time`.
    public var option: String
    public var problem: Problem

    public init(_ option: String, _ problem: Problem) {
        self.option = option
        self.problem = problem
    }

    /// The sentence, with every option named by `spell` (`{ "--" + $0 }` for the CLI).
    public func text(spell: (String) -> String) -> String {
        let name = spell(option)
        switch problem {
        case .split(let got):
            return "\(name) must be three whole numbers like 50/25/25, dev and test above 0; got `\(got)`"
        case .time(let got): return "\(name) must be like 90s, 30m or 1h; got `\(got)`"
        case .number(let got, let range) where range.upperBound == .max:
            return "\(name) must be a whole number from \(range.lowerBound) up, got \(got)"
        case .number(let got, let range):
            return "\(name) must be from \(range.lowerBound) to \(range.upperBound), got \(got)"
        case .seed(let got): return "\(name) must be a whole number, 0 or more, got \(got)"
        case .cost(let got): return "\(name) must be US dollars above 0, like 0.50, got \(got)"
        case .move(let kind):
            return "\(name): no move `\(kind)`; the moves are \(ImproveMove.kinds.joined(separator: ", "))"
        case .tryForm(let got): return "\(name) must be NODE.prompt=@FILE or NODE.prompt=TEXT; got `\(got)`"
        case .unreadable(let node, let file, let reason):
            return "\(name) \(node).prompt: cannot read \(file): \(reason)"
        case .pairedWith(let other): return "\(name) and \(spell(other)) go together: give both files, or neither"
        case .nothingToSplit:
            return "\(name) divides the cases file; with \(spell("dev")) and \(spell("test")) there is nothing to split"
        case .missingValue: return "\(name) needs a value, like \(name) \(ImproveArguments.example(option))"
        case .unknownModel(let alias, let known):
            return "\(name): alias `\(alias)` is not configured; "
                + (Suggestions.didYouMean(alias, in: known).map { $0 + " " } ?? "") + "see `patchbay models`"
        case .unknown:
            let known = ImproveArguments.names
            return "no option \(name)"
                + (Suggestions.closest(to: option, in: known).map { "; did you mean \(spell($0))?" }
                    ?? "; the options are \(known.map(spell).joined(separator: ", "))")
        }
    }
}
