import Foundation
import PatchbayCore
import Testing

/// One `patchbay run --events` that a test ran and (usually) killed with SIGKILL: the steps it
/// reported finished on stdout, against what the project's store kept of it.
struct KilledRun: CustomStringConvertible {
    var runID: String
    /// False when the run finished before the kill came (not a kill mid-run).
    var killed: Bool
    /// Steps the process reported finished (node_finished/skipped/failed events) before it died.
    var seen: Int
    /// Whether `patchbay runs` lists the run at all, its status there, and its stored steps.
    var hasRow: Bool
    var status: String?
    var stored: Int
    /// Finished steps reported but not stored (stored steps are always a prefix of the run's).
    var lost: Int { max(0, seen - stored) }
    /// How long before the kill the oldest lost step had finished (0 when none was lost).
    var lossMs: Double
    var stderr: String

    var description: String {
        "run \(runID.prefix(8)): \(killed ? "killed" : "finished first"), row \(hasRow ? status ?? "?" : "missing"), "
            + "seen \(seen), stored \(stored), lost \(lost) (\(String(format: "%.1f", lossMs)) ms)"
    }

    /// Starts `patchbay ARGS… --events` in `project`, kills it `delay` seconds after its first
    /// event, reads what it printed until its stdout closes, then asks `patchbay runs` what the
    /// store kept.
    static func run(
        _ arguments: [String], in project: URL, environment: [String: String] = [:], killAfter delay: Double
    ) async throws -> KilledRun {
        let child = try RunningCLI(arguments + ["--events"], in: project, environment: environment)
        defer { child.killIfRunning() }
        var lines = child.lines.makeAsyncIterator()
        guard let first = await lines.next(), let runID = try? JSONValue(parsing: first)["run_id"]?.stringValue else {
            _ = await child.waitForExit(within: .seconds(10))
            throw Failure("no run_started event; stderr: \(child.stderr)")
        }
        let killedAt = Box<Date?>(nil)
        let killer = Task {
            try? await Task.sleep(for: .seconds(delay))
            guard child.process.isRunning else { return }
            killedAt.value = Date()
            child.signal(SIGKILL)
        }
        var steps: [String] = []
        var finished = false
        while let line = await lines.next() {
            if line.contains(#""event":"node_finished""#) || line.contains(#""event":"node_skipped""#)
                || line.contains(#""event":"node_failed""#)
            {
                steps.append(line)
            } else if line.contains(#""event":"run_finished""#) {
                finished = true
            }
        }
        killer.cancel()
        _ = await killer.value
        guard await child.waitForExit(within: .seconds(60)) != nil else {
            throw Failure("the run did not exit; stderr: \(child.stderr)")
        }

        let listed = try await CLI.run(["runs", "--json", "--limit", "1000"], in: project)
        guard listed.status == 0 else { throw Failure("patchbay runs failed after a kill: \(listed)") }
        let row = try JSONValue(parsing: listed.stdout).arrayValue?.first { $0["id"]?.stringValue == runID }
        var sample = KilledRun(
            runID: runID, killed: killedAt.value != nil && !finished, seen: steps.count, hasRow: row != nil,
            status: row?["status"]?.stringValue, stored: row?["steps"]?.intValue ?? 0, lossMs: 0, stderr: child.stderr)
        if sample.lost > 0, let at = killedAt.value {
            let step = try JSONValue(parsing: steps[sample.stored])["step"]
            guard let text = step?["started_at"]?.stringValue, let start = Self.date(text),
                let ms = step?["duration_ms"]?.doubleValue
            else { throw Failure("a step event without started_at/duration_ms: \(steps[sample.stored])") }
            sample.lossMs = at.timeIntervalSince(start.addingTimeInterval(ms / 1000)) * 1000
        }
        return sample
    }

    /// `started_at` as the events print it (ISO 8601, fractional seconds, UTC).
    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        return formatter.date(from: text + "Z")
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

extension [KilledRun] {
    /// One line of figures for the test log and docs/history.md.
    var figures: String {
        let kills = filter(\.killed)
        let worst = kills.max { $0.lost < $1.lost }
        let worstMs = kills.map(\.lossMs).max() ?? 0
        return "\(kills.count) kills of \(count) runs: seen \(kills.map(\.seen)), stored \(kills.map(\.stored)); "
            + "runs with a row \(kills.filter(\.hasRow).count)/\(kills.count); worst loss \(worst?.lost ?? 0) steps, "
            + String(format: "%.1f ms", worstMs)
    }
}
