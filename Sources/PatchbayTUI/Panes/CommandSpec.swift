/// A `:` command as the command line completes it: its name, one line of help and the
/// candidates for its argument (layout names for `:layout`, node ids for `:goto`, …).
public struct CommandSpec: Sendable, Hashable {
    public var name: String
    public var help: String
    public var arguments: [String]

    public init(name: String, help: String, arguments: [String] = []) {
        self.name = name
        self.help = help
        self.arguments = arguments
    }
}
