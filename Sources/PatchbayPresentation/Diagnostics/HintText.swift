import PatchbayCore

/// How each front end says a `Hint`: the command line names its flags and commands, the
/// workbench its keys. Plain-text hints read the same in both.
public enum HintText {
    /// `patchbay run` and friends: what to type.
    public static func commandLine(_ hint: Hint) -> String {
        switch hint {
        case .text(let text): text
        case .giveInput(let name): "give it with --input \(name)=VALUE"
        case .giveInputs: "give inputs with --input NAME=VALUE, --input NAME=@FILE or --inputs FILE.json"
        case .trustGraph(let path, let subgraphs):
            "read it, then trust it: `patchbay trust \(path ?? "FILE")`, or --trust when it is the graph you run"
                + (subgraphs ? " (trust is per file: sub-graphs and eval variants need their own)" : "")
        case .raiseLimit(let name, let value, let isMost):
            "raise it with `[limits] \(name) = \(value)` in patchbay.toml, or `--limit \(name)=\(value)` for one command"
                + (isMost ? " (the most it takes)" : "")
        case .runWithoutStore: "make the project folder writable, or run with --no-store"
        case .installLocalModel: "run `patchbay local install` (compiles llama.cpp once, a few minutes)"
        case .didYouMean: hint.description
        }
    }

    /// A library error with its typed hint said in `voice` (`commandLine` or `workbench`); nil for
    /// errors that carry no hint as data, which print as they describe themselves.
    public static func describe(_ error: any Error, in voice: (Hint) -> String) -> String? {
        switch error {
        case let error as GraphFileError: error.rendered(hint: voice)
        case let error as RunInputError: error.rendered(hint: voice)
        case let error as RunLimitError: error.message + "\n  hint: " + voice(error.hint)
        case let error as any HintedError: error.message + (error.hint.map { "\n  hint: " + voice($0) } ?? "")
        default: nil
        }
    }

    /// The workbench: what to press, or what to do outside it when it cannot be done inside.
    public static func workbench(_ hint: Hint) -> String {
        switch hint {
        case .text(let text): text
        case .giveInput(let name): "press r and fill in `\(name)`"
        case .giveInputs: "press r and fill in the run form"
        case .trustGraph(let path, let subgraphs):
            "read it, quit, run `patchbay trust \(path ?? "FILE")` in a shell, and open it again"
                + (subgraphs ? " (trust is per file: sub-graphs and eval variants need their own)" : "")
        case .raiseLimit(let name, let value, let isMost):
            "set `[limits] \(name) = \(value)` in patchbay.toml and open the graph again"
                + (isMost ? " (the most it takes)" : "")
        case .runWithoutStore: "make the project folder writable; until then runs are not kept"
        case .installLocalModel:
            "quit, run `patchbay local install` in a shell (compiles llama.cpp once, a few minutes), and open the graph again"
        case .didYouMean: hint.description
        }
    }
}
