import PatchbayCore

/// What sits on top of the panes; the last one gets the keys. `q` and Esc close the top one.
public enum Overlay: Sendable, Equatable {
    case help(HelpModel)
    case palette(Palette)
    case command(CommandLineModel)
    /// A one-line question: a new name, a field value, a search, a file name.
    case input(CommandLineModel, purpose: InputPurpose)
    case choice(ChoiceList, purpose: ChoicePurpose)
    case confirm(Confirm, purpose: ConfirmPurpose)
    case form(FormModel, purpose: FormPurpose)
}

public enum InputPurpose: Sendable, Equatable {
    case rename(String)
    case find
    case fieldValue(node: String, field: String)
    case extractFile
    case saveAs
    case humanAnswer(id: Int, question: HumanQuestion)
    /// The result the model gets for the tool call at this path, which is skipped.
    case callResult(StepPath)
    /// The expected value of a case captured from a run (prefilled with the actual one).
    case caseExpectation(CaseDraft)
    /// `/` in a list pane: the text its rows must hold.
    case listFilter(PaneID)

    public var prompt: String {
        switch self {
        case .rename(let id): "Rename `\(id)` to"
        case .find: "Find node"
        case .fieldValue(let node, let field): "\(node).\(field) (JSON or text)"
        case .extractFile: "Sub-graph file (relative to this graph)"
        case .saveAs: "Save as"
        case .humanAnswer(_, let question): "`\(question.path)` asks: \(question.question)"
        case .callResult(let path): "Result for `\(ToolLoopPath.label(path))` (JSON)"
        case .listFilter: "Filter (empty: show all)"
        case .caseExpectation(let draft):
            (draft.output.map { "New case in \(PathText.fileName(draft.casesPath)): `\($0)` equals" }
                ?? "New case in \(PathText.fileName(draft.casesPath)) (no output to check; Enter adds it)")
        }
    }
}

public enum ChoicePurpose: Sendable, Equatable {
    case addKind
    /// Connect, first half: which output port of this node.
    case connectFrom(String)
    /// Connect, second half: which input port (only compatible ones are offered).
    case connectTo(PortRef)
    case disconnect(String)
    /// Insert on a wire: first which wire, then which kind.
    case insertOnWire(String)
    case insertKind(Wire)
    case editField(String)
    /// Inside a map or loop: the item or pass shown.
    case shownItem
}

public enum ConfirmPurpose: Sendable {
    case quitUnsaved
    /// A message shown whole (`view.message`): nothing to answer.
    case notice
    /// The file changed on disk since it was read.
    case changedOnDisk
}

public enum FormPurpose: Sendable, Equatable {
    case runInputs(RunMode)
    case pausedInputs
}

extension CommandLineModel {
    /// A line prefilled with `text`, selected (typing replaces it), the cursor at its end.
    public static func prefilled(_ text: String) -> CommandLineModel {
        var line = CommandLineModel()
        line.input = EditableText(text, selected: true)
        return line
    }
}
