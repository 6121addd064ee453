import PatchbayCore

/// A problem with the model configuration, printed the way compilers print them:
///
///     /home/me/.config/patchbay/config.toml:7: error: unknown key `tempurature` in `[models.judge]`
///       hint: did you mean `temperature`?
///
/// Messages never contain a key's value.
public struct ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The config file, `--model` for a command-line override, or nil when no file is at fault
    /// (a key missing from the environment).
    public var file: String?
    /// 1-based; nil when the problem is the file as a whole.
    public var line: Int?
    /// 1-based; only TOML syntax errors know it.
    public var column: Int?
    public var message: String
    /// What to do about it (plain wording when printed: the same in every front end).
    public var hint: Hint?

    public init(file: String?, line: Int? = nil, column: Int? = nil, message: String, hint: Hint? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public var description: String {
        var location = ""
        if let file {
            location = file
            if let line {
                location += ":\(line)"
                if let column { location += ":\(column)" }
            }
            location += ": "
        }
        var text = "\(location)error: \(message)"
        if let hint { text += "\n  hint: \(hint)" }
        return text
    }
}
