/// Fields whose value asks for more work than a run may do (`RunLimits`): refused before the run
/// starts, at the field, rather than after hours of passes.
extension DocumentChecker {
    mutating func checkLimits(_ node: Node, kind: NodeKind) {
        guard kind == .loop, let max = node.fields["max"]?.doubleValue, max > Double(limits.loopPasses) else { return }
        let written = max < 1e15 ? String(Int(max)) : String(max)
        report(
            .limit,
            "`max` of loop `\(node.id)` is \(written), more than the loop_passes limit (\(limits.loopPasses)): lower `max` or raise the limit",
            hint: RunLimits.raise(.loopPasses, to: max < 1e15 ? Int(max) : Int.max),
            node: node.id, field: "max")
    }
}
