import Foundation
import GRDB
import PatchbayCore

/// How values become columns and back. JSON columns hold compact canonical JSON; times are
/// seconds since Foundation's reference date (2001-01-01 UTC), so a `Date` comes back exactly.
enum StoreCoding {
    static func time(_ date: Date) -> Double { date.timeIntervalSinceReferenceDate }
    static func date(_ seconds: Double) -> Date { Date(timeIntervalSinceReferenceDate: seconds) }

    static func json(_ object: [String: JSONValue]) -> String { JSONValue.object(object).compactJSON }

    static func object(_ text: String?) -> [String: JSONValue] {
        guard let text, let value = try? JSONValue(parsing: text) else { return [:] }
        return value.objectValue ?? [:]
    }

    /// The hint is kept typed (a text hint as a plain string, as rows before typed hints hold
    /// it), so a stored step's advice is phrased by whichever front end shows it.
    static func json(_ error: StepError?) -> String? {
        guard let error else { return nil }
        var o: [String: JSONValue] = ["message": .string(error.message)]
        if let hint = error.hint, let data = try? JSONEncoder().encode(hint),
            let value = try? JSONValue(parsing: String(decoding: data, as: UTF8.self))
        {
            o["hint"] = value
        }
        return JSONValue.object(o).compactJSON
    }

    static func error(_ text: String?) -> StepError? {
        guard let text, let value = try? JSONValue(parsing: text), let message = value["message"]?.stringValue else {
            return nil
        }
        let hint = value["hint"].flatMap { try? JSONDecoder().decode(Hint.self, from: Data($0.compactJSON.utf8)) }
        return StepError(message: message, hint: hint)
    }

    static func json(_ cached: CachedOutputs) -> String {
        var o: [String: JSONValue] = ["outputs": .object(cached.outputs)]
        if let usage = cached.usage { o["usage"] = usage.json }
        if let cost = cached.cost { o["cost"] = .number(cost) }
        return JSONValue.object(o).compactJSON
    }

    static func cached(_ text: String) -> CachedOutputs? {
        guard let value = try? JSONValue(parsing: text), let outputs = value["outputs"]?.objectValue else { return nil }
        let usage = value["usage"].map {
            TokenUsage(inputTokens: $0["input_tokens"]?.intValue ?? 0, outputTokens: $0["output_tokens"]?.intValue ?? 0)
        }
        return CachedOutputs(outputs: outputs, usage: usage, cost: value["cost"]?.doubleValue)
    }

    // MARK: Steps

    static let insertStep = """
        INSERT OR REPLACE INTO steps (run_id, seq, path, node, kind, status, inputs, outputs, started_at, duration,
            input_tokens, output_tokens, cost, error, skip_reason, attempts, cache_key, inputs_blobs, outputs_blobs,
            prompt, prompt_blobs)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// `inputs`, `outputs` and `prompt`: the step's ports as `ValueBlobs` wrote them.
    static func arguments(
        _ step: Step, runID: String, inputs: ValueBlobs.Column, outputs: ValueBlobs.Column, prompt: ValueBlobs.Column?
    ) -> StatementArguments {
        let values: [(any DatabaseValueConvertible)?] = [
            runID, step.id, step.path.description, step.nodeID, step.kind.rawValue, step.status.rawValue,
            inputs.json, outputs.json, time(step.startedAt), step.duration,
            step.usage?.inputTokens, step.usage?.outputTokens, step.cost, json(step.error), step.skipReason,
            step.attempts, step.cacheKey, inputs.blobs, outputs.blobs, prompt?.json, prompt?.blobs,
        ]
        return StatementArguments(values)
    }

    /// The `prompt` column's marks for a prompt that is the step's own inputs or outputs.
    static let promptIsInputs = "=inputs"
    static let promptIsOutputs = "=outputs"

    /// How a step's prompt is written: nil, a mark when it is the step's inputs or outputs (a
    /// template's text, a turn's messages: nothing is encoded or hashed twice), else its ports.
    static func promptColumn(_ step: Step, _ ports: ([String: JSONValue]) throws -> ValueBlobs.Column) rethrows
        -> ValueBlobs.Column?
    {
        guard let prompt = step.prompt else { return nil }
        if prompt == step.outputs { return ValueBlobs.Column(json: promptIsOutputs) }
        if prompt == step.inputs { return ValueBlobs.Column(json: promptIsInputs) }
        return try ports(prompt)
    }

    static let stepColumns =
        "seq, path, kind, status, inputs, outputs, started_at, duration, input_tokens, output_tokens, cost, error, skip_reason, attempts, cache_key, inputs_blobs, outputs_blobs, prompt, prompt_blobs"

    /// A stored step; `blobs` puts its large ports back.
    static func step(_ row: Row, runID: String, blobs: BlobReader) throws -> Step {
        let inputTokens: Int? = row["input_tokens"]
        let outputTokens: Int? = row["output_tokens"]
        let usage =
            inputTokens == nil && outputTokens == nil
            ? nil : TokenUsage(inputTokens: inputTokens ?? 0, outputTokens: outputTokens ?? 0)
        let kind: String = row["kind"]
        let status: String = row["status"]
        // A kind or status this build does not know (a newer patchbay wrote it) still shows.
        var step = Step(
            id: row["seq"], path: StepPath(parsing: row["path"]), kind: NodeKind(rawValue: kind) ?? .template,
            status: Step.Status(rawValue: status) ?? .failed,
            inputs: try blobs.ports(
                json: row["inputs"], blobs: row["inputs_blobs"], owner: "run \(runID), step `\(row["path"] as String)`"),
            outputs: try blobs.ports(
                json: row["outputs"], blobs: row["outputs_blobs"],
                owner: "run \(runID), step `\(row["path"] as String)`"),
            startedAt: date(row["started_at"]), duration: row["duration"], usage: usage, cost: row["cost"],
            error: error(row["error"]), skipReason: row["skip_reason"], attempts: row["attempts"],
            cacheKey: row["cache_key"])
        let prompt: String? = row["prompt"]
        switch prompt {
        case nil: break
        case promptIsInputs: step.prompt = step.inputs
        case promptIsOutputs: step.prompt = step.outputs
        default:
            step.prompt = try blobs.ports(
                json: prompt, blobs: row["prompt_blobs"],
                owner: "run \(runID), step `\(row["path"] as String)`, its prompt")
        }
        return step
    }

    // MARK: Runs

    /// The columns a `RunSummary` is made of; `r` is `runs`, `g` is `graphs`.
    static let summaryColumns = """
        r.seq, r.id, r.graph_path, r.graph_hash, g.title, r.status, r.started_at, r.finished_at, r.origin,
        r.parent_run, r.parent_step, r.eval_id, r.case_id, r.sample, r.step_count, r.executed, r.cached,
        r.input_tokens, r.output_tokens, r.cost, r.error, r.pid, r.process_start, r.boot_id
        """

    static let summaryFrom = "FROM runs r LEFT JOIN graphs g ON g.hash = r.graph_hash"

    static func summary(_ row: Row) -> RunSummary {
        let status: String = row["status"]
        let origin: String = row["origin"]
        let finished: Double? = row["finished_at"]
        return RunSummary(
            id: row["id"], seq: row["seq"], graphPath: row["graph_path"], graphHash: row["graph_hash"],
            title: row["title"],
            status: StoredRunStatus(rawValue: status) ?? .interrupted, startedAt: date(row["started_at"]),
            finishedAt: finished.map(date),
            origin: RunOrigin(
                kind: RunOrigin.Kind(rawValue: origin) ?? .run, parentRunID: row["parent_run"],
                parentStep: row["parent_step"],
                evalID: row["eval_id"], caseID: row["case_id"]),
            sample: row["sample"], stepCount: row["step_count"], executed: row["executed"], cached: row["cached"],
            usage: TokenUsage(inputTokens: row["input_tokens"], outputTokens: row["output_tokens"]), cost: row["cost"],
            errorMessage: error(row["error"])?.message)
    }

    /// Totals of a run computed from its stored steps (for a run that never wrote its own),
    /// counted the way `RunResult` counts them.
    static let totalsFromSteps = """
        SELECT count(*) AS step_count,
            coalesce(sum(status IN ('succeeded', 'failed')), 0) AS executed,
            coalesce(sum(status = 'cached'), 0) AS cached,
            coalesce(sum(CASE WHEN status = 'succeeded' THEN input_tokens END), 0) AS input_tokens,
            coalesce(sum(CASE WHEN status = 'succeeded' THEN output_tokens END), 0) AS output_tokens,
            coalesce(sum(CASE WHEN status = 'succeeded' THEN cost END), 0) AS cost,
            max(started_at + duration) AS last_end
        FROM steps WHERE run_id = ?
        """
}
