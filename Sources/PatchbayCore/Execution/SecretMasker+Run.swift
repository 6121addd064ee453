/// Masking what a run records: steps, events and the result. Untouched (no copy) when nothing in
/// them holds a secret, so a run with secrets configured pays only for the search.
extension SecretMasker {
    func mask(_ step: Step) -> Step {
        guard !isEmpty,
            needsMasking(step.inputs) || needsMasking(step.outputs)
                || step.error.map({ needsMasking($0.message) || $0.hint.map { needsMasking($0.description) } == true })
                    == true
                || step.skipReason.map(needsMasking) == true
                || step.prompt.map(needsMasking) == true
        else { return step }
        var masked = step
        masked.inputs = mask(step.inputs)
        masked.outputs = mask(step.outputs)
        masked.error = step.error.map(mask)
        masked.skipReason = step.skipReason.map(mask)
        masked.prompt = step.prompt.map(mask)
        return masked
    }

    /// Events the recorder is handed whole (token deltas are masked as a stream, by the recorder).
    func mask(_ event: RunEvent) -> RunEvent {
        switch event {
        case .nodeStarted(let path, let inputs): return .nodeStarted(path: path, inputs: mask(inputs))
        case .nodeFinished(let step): return .nodeFinished(mask(step))
        case .nodeSkipped(let step): return .nodeSkipped(mask(step))
        case .nodeFailed(let step): return .nodeFailed(mask(step))
        case .paused(var pause):
            pause.inputs = mask(pause.inputs)
            pause.step = pause.step.map(mask)
            return .paused(pause)
        case .runFinished(var result):
            result.outputs = mask(result.outputs)
            result.error = result.error.map(mask)
            return .runFinished(result)
        case .runStarted, .tokenDelta, .resumed: return event
        }
    }
}
