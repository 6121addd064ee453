import PatchbayCore

extension Screen {
    /// The conversation a trace step belongs to, as it stood when the step finished (the steps
    /// up to it): a turn's or a call's loop, or an `llm` node's own. Nil for other steps.
    static func conversation(forStepAt index: Int, _ state: AppState) -> Conversation? {
        let steps = state.run.steps
        let step = steps[index]
        if let place = ToolLoopPath(step.path) {
            var conversation = Conversation.build(owner: place.owner, steps: steps[...index])
            if case .call = place { conversation?.focus = step.path }
            return conversation
        }
        guard step.kind == .llm else { return nil }
        return Conversation.build(owner: step.path, steps: steps[...index], nodeStep: step)
    }

    /// The conversation of the selected `llm` node with tools (`path`: its node path, without
    /// indices) in the run on screen: the instance running now, or paused in, or run last.
    static func conversation(forNode node: Node, path: String, _ state: AppState) -> Conversation? {
        guard node.kind == .llm, node["tools"] != nil else { return nil }
        let last = state.run.lastStep(of: path)
        var owner = last?.path
        if let running = state.run.running.keys.first(where: { $0.nodePath == path }) {
            owner = running
        } else if let pause = state.run.pause, let place = ToolLoopPath(pause.path), place.owner.nodePath == path {
            owner = place.owner
        }
        guard let owner else { return nil }
        return Conversation.build(
            owner: owner, steps: state.run.steps, nodeStep: last?.path == owner ? last : nil,
            running: state.run.running, pause: state.run.pause, streaming: state.run.streaming)
    }
}
