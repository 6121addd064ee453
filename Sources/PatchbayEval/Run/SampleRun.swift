import Foundation
import PatchbayCore

/// Runs one sample — one variant on one case, once — and judges it.
struct SampleRun {
    let evalID: String
    let variant: EvalVariant
    let evalCase: EvalCase
    let sample: Int
    /// The suite's checks, applied after the case's own.
    let checks: [Expectation]
    let judgeAlias: String
    /// `RunOptions.cacheSalt`: set for `fresh` evals.
    let cacheSalt: String?
    let environment: EngineEnvironment
    /// Told each finished run with its verdict (`improve` draws examples from passing runs).
    var observe: (@Sendable (SampleResult, RunResult) -> Void)? = nil

    func run() async -> SampleResult? {
        let clock = ContinuousClock()
        let started = clock.now
        var options = RunOptions()
        options.sampleIndex = sample
        options.cacheSalt = cacheSalt
        options.origin = RunOrigin(kind: .eval, evalID: evalID, caseID: evalCase.id)
        let handle: RunHandle
        do {
            handle = try Engine(environment: environment).start(variant.plan, inputs: evalCase.inputs, options: options)
        } catch {
            let reason = (error as? RunInputError)?.problems.joined(separator: "; ") ?? "\(error)"
            return result(
                runID: "", status: .failed,
                failures: [CheckFailure(source: .run, reason: "the run did not start: \(reason)")], duration: 0,
                usage: TokenUsage(), cost: 0, preview: nil)
        }
        let run = await withTaskCancellationHandler {
            await handle.result()
        } onCancel: {
            handle.cancel()
        }
        // An eval stopped part way keeps only the samples that finished.
        if run.status == .cancelled, Task.isCancelled { return nil }

        var failures: [CheckFailure] = []
        var usage = run.usage
        var cost = run.cost
        if run.status != .succeeded {
            failures += run.steps.filter { $0.status == .failed || $0.status == .cancelled }.map {
                CheckFailure(
                    source: .run, node: $0.path.description, reason: $0.error?.description ?? $0.status.rawValue)
            }
            if failures.isEmpty {
                failures.append(
                    CheckFailure(source: .run, reason: run.error?.description ?? "the run \(run.status.rawValue)"))
            }
        }
        // Top-level checks only: a check inside a loop or map is the graph correcting itself.
        for step in run.steps
        where step.kind == .check && step.path.components.count == 1 && step.outputs["fail"] != nil {
            let reason = step.outputs["reason"]?.stringValue ?? "failed"
            failures.append(CheckFailure(source: .checkNode, check: step.nodeID, node: step.nodeID, reason: reason))
        }
        let outputs = variant.plan.outputs.map(\.name)
        let primary = outputs.count == 1 ? outputs[0] : nil
        var preview = (primary ?? outputs.first).flatMap { run.outputs[$0] }.map { Self.preview($0) }
        if run.status == .succeeded {
            let checkFailed = !failures.isEmpty
            for expectation in evalCase.expectations + checks {
                guard let name = expectation.output ?? primary else {
                    failures.append(
                        CheckFailure(
                            source: .expectation, check: expectation.label,
                            reason:
                                "the graph has several outputs (\(outputs.joined(separator: ", "))); name the one to check with `output:`"
                        ))
                    continue
                }
                guard let value = run.outputs[name] else {
                    // A failed check node is already the reason an output is missing.
                    if !checkFailed {
                        failures.append(
                            CheckFailure(
                                source: .expectation, check: expectation.label, node: feeder(of: name), output: name,
                                reason: "output `\(name)` was not emitted"))
                    }
                    continue
                }
                if name != primary, preview == nil { preview = Self.preview(value) }
                if case .judge(let rubric, let model) = expectation.test {
                    let verdict = await Judge(models: environment.models).grade(
                        rubric: rubric, answer: value.plainText, alias: model ?? judgeAlias)
                    usage = usage + verdict.usage
                    cost += verdict.cost
                    if !verdict.passed {
                        failures.append(
                            CheckFailure(
                                source: .expectation, check: expectation.label, node: feeder(of: name), output: name,
                                reason: verdict.reason ?? "failed"))
                    }
                } else if let reason = expectation.test.failure(value) {
                    failures.append(
                        CheckFailure(
                            source: .expectation, check: expectation.label, node: feeder(of: name), output: name,
                            reason: reason))
                }
            }
        }
        let duration = clock.now - started
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        let verdict = result(
            runID: run.runID, status: run.status, failures: failures, duration: seconds, usage: usage, cost: cost,
            preview: preview)
        observe?(verdict, run)
        return verdict
    }

    private func result(
        runID: String, status: RunResult.Status, failures: [CheckFailure], duration: TimeInterval, usage: TokenUsage,
        cost: Double, preview: String?
    ) -> SampleResult {
        SampleResult(
            variant: variant.name, caseID: evalCase.id, sample: sample, runID: runID,
            passed: status == .succeeded && failures.isEmpty,
            runStatus: status, failures: failures, duration: duration, usage: usage, cost: cost, outputPreview: preview)
    }

    /// The node whose wire feeds output node `name`: an expectation that fails on the output is
    /// that node's doing (an output node only passes its value on).
    func feeder(of name: String) -> String? {
        variant.plan.graph.wires.first { $0.to.node == name }?.from.node
    }

    static func preview(_ value: JSONValue) -> String {
        let text = value.plainText
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}
