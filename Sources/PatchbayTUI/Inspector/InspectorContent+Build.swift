import Foundation
import PatchbayCore
import PatchbayPresentation

extension InspectorContent {
    /// A graph node: its last step if it ran, live text while it runs, the inputs it is paused
    /// on, and the problems validation found in it; an `llm` node with tools, its conversation.
    public static func forNode(
        _ node: Node, step: Step?, streamingText: String?, diagnostics: [Diagnostic],
        pendingInputs: [String: JSONValue]?, conversation: Conversation? = nil
    ) -> InspectorContent {
        var header: Header
        let pausedCall = conversation?.turns.last?.calls.contains { $0.status == .paused } ?? false
        if pausedCall {
            header = Header(title: node.id, kind: node.kindName, status: .paused, statusWord: "paused before a call")
        } else if streamingText != nil {
            header = Header(title: node.id, kind: node.kindName, status: .running)
        } else if pendingInputs != nil {
            header = Header(title: node.id, kind: node.kindName, status: .paused)
        } else if let step {
            header = stepHeader(step)
            header.title = node.id
        } else {
            header = Header(title: node.id, kind: node.kindName, status: .idle, statusWord: "not run")
        }

        var sections: [Section] = []
        let problems = diagnostics.filter { $0.node == node.id }
        if !problems.isEmpty {
            sections.append(
                Section(
                    id: "problems", title: "Problems",
                    blocks: problems.map { .problem($0.severity, $0.message, hint: $0.hint.map(HintText.workbench)) }))
        }
        let running = streamingText != nil
        if let step, !running, pendingInputs == nil { sections += outcomeSections(step) }
        if let conversation { sections.append(conversationSection(conversation)) }
        // With a conversation, the running turn shows its own streamed text; the node's stream
        // is shown only while a turn runs that has none.
        let lastTurn = conversation?.turns.last
        let showStream = conversation == nil || (lastTurn?.status == .running && lastTurn?.text.isEmpty == true)
        if let streamingText, showStream {
            let blocks: [Block] =
                streamingText.isEmpty ? [.note("waiting for the first token…")] : [.text(streamingText, .plain)]
            sections.append(Section(id: "streaming", title: "Streaming…", blocks: blocks))
        }
        sections.append(configSection(node))

        if let pendingInputs {
            sections.append(
                Section(id: "inputs", title: "Inputs (paused)", blocks: [valuesOrNote(pendingInputs, empty: "none")]))
            sections.append(Section(id: "outputs", title: "Outputs", blocks: [.note("not run yet")]))
        } else if running {
            let inputs = step.map { valuesOrNote($0.inputs, empty: "none") } ?? .note("not recorded yet")
            sections.append(Section(id: "inputs", title: "Inputs", blocks: [inputs]))
            sections.append(Section(id: "outputs", title: "Outputs", blocks: [.note("running…")]))
        } else if let step {
            sections += valueSections(step)
        } else {
            sections.append(Section(id: "inputs", title: "Inputs", blocks: [.note("not run yet")]))
            sections.append(Section(id: "outputs", title: "Outputs", blocks: [.note("not run yet")]))
        }
        return InspectorContent(header: header, sections: sections)
    }

    /// What a step sent, for the inspector: as recorded with the step (`Step.prompt`), or, for
    /// a step recorded before prompts were, rebuilt from the run's graph and its inputs.
    public enum SentPromptSource: Sendable {
        case recorded([String: JSONValue])
        case rebuilt(Result<[String: JSONValue], any Error>)
    }

    /// A trace step (time travel): what went in and came out then, and `node`'s config (from
    /// the graph the run ran when the trace shows a stored run; then `asRun` titles it so).
    /// A step of a tool loop (the node's, a turn's or a call's) shows `conversation` as it
    /// stood then. `sent` is what an `llm` step sent or a `template` step rendered; `notice`
    /// says the graph has changed since the run.
    public static func forStep(
        _ step: Step, node: Node?, conversation: Conversation? = nil, sent: SentPromptSource? = nil,
        asRun: Bool = false, notice: String? = nil
    ) -> InspectorContent {
        var sections = outcomeSections(step)
        if let conversation { sections.append(conversationSection(conversation)) }
        if let sent { sections.append(sentSection(sent, step: step)) }
        if let node {
            var config = configSection(node)
            if asRun { config.title = "Config (as run)" }
            sections.append(config)
        }
        sections += valueSections(step)
        var header = stepHeader(step)
        header.notice = notice
        return InspectorContent(header: header, sections: sections)
    }

    /// The prompt an `llm` step sent: the text (complete mode), or each message under its role;
    /// a `template` step's rendered text. Titled `(rebuilt)` when it was not recorded, and as
    /// not sent when the step took its outputs from the cache or a recording.
    static func sentSection(_ sent: SentPromptSource, step: Step) -> Section {
        var blocks: [Block] = []
        let request: Result<[String: JSONValue], any Error>
        switch sent {
        case .recorded(let prompt): request = .success(prompt)
        case .rebuilt(let result): request = result
        }
        switch request {
        case .success(let request):
            for part in SentPromptParts.parts(of: request) {
                if part.isMessage { blocks.append(.text(part.label, .dim)) }
                blocks.append(.text(part.content.plainText, .plain))
            }
        case .failure(let error):
            blocks.append(.note("not rendered: \(error)"))
        }
        var title = step.kind == .template ? "Text rendered" : "Prompt sent"
        if case .rebuilt = sent {
            switch step.status {
            case .cached: title = "Prompt (not sent: cached; rebuilt)"
            case .replayed: title = "Prompt (not sent: replayed; rebuilt)"
            default: title += " (rebuilt)"
            }
        }
        return Section(id: "sent", title: title, blocks: blocks.isEmpty ? [.note("none")] : blocks)
    }

    static func stepHeader(_ step: Step) -> Header {
        Header(
            title: step.path.description, kind: step.kind.rawValue, status: NodeStatus(step.status),
            statusWord: statusWord(step.status), duration: step.duration, usage: step.usage, cost: step.cost,
            cached: step.status == .cached, attempts: step.attempts)
    }

    /// Error and skip reason: what went wrong comes before the values.
    static func outcomeSections(_ step: Step) -> [Section] {
        var sections: [Section] = []
        if let error = step.error {
            var blocks: [Block] = [.text(error.message, .error)]
            if let hint = error.hint { blocks.append(.hint(HintText.workbench(hint))) }
            sections.append(Section(id: "error", title: "Error", blocks: blocks))
        }
        if step.status == .skipped {
            sections.append(
                Section(id: "skipped", title: "Skipped", blocks: [.text(step.skipReason ?? "skipped", .dim)]))
        }
        return sections
    }

    static func valueSections(_ step: Step) -> [Section] {
        let noOutputs = step.status == .skipped ? "none (skipped)" : step.status == .failed ? "none (failed)" : "none"
        return [
            Section(id: "inputs", title: "Inputs", blocks: [valuesOrNote(step.inputs, empty: "none")]),
            Section(id: "outputs", title: "Outputs", blocks: [valuesOrNote(step.outputs, empty: noOutputs)]),
        ]
    }

    static func conversationSection(_ conversation: Conversation) -> Section {
        let blocks: [Block] =
            conversation.prompt.isEmpty && conversation.turns.isEmpty
            ? [.note("no turns yet")] : [.conversation(conversation)]
        return Section(id: "conversation", title: "Conversation", blocks: blocks)
    }

    static func configSection(_ node: Node) -> Section {
        Section(id: "config", title: "Config", blocks: [valuesOrNote(node.fields, empty: "no fields")])
    }

    static func valuesOrNote(_ values: [String: JSONValue], empty: String) -> Block {
        values.isEmpty ? .note(empty) : .values(values)
    }

    public static func statusWord(_ status: Step.Status) -> String {
        switch status {
        case .succeeded: "done"
        case .cached: "cached"
        case .replayed: "replayed"
        case .skipped: "skipped"
        case .failed: "failed"
        case .cancelled: "cancelled"
        }
    }
}
