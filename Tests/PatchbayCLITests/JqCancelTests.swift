import Foundation
import Testing

/// Issue 11: `patchbay run` of a graph whose jq node never ends (`last(repeat(1))`) ignored
/// SIGINT and SIGTERM. A signal must end it promptly, as a cancelled run (exit 1).
@Suite struct JqCancelTests {
    /// A jq node that never ends; the workbench's cancel tests use it too.
    static let spinGraph = """
        patchbay: 1
        title: Spin
        nodes:
          v: { kind: input }
          spin: { kind: jq, jq: "last(repeat(1))" }
          out: { kind: output }
        wires:
          - v -> spin
          - spin -> out
        """

    @Test(
        "SIGINT and SIGTERM stop a runaway jq node: exit 1 within 2 s, the run reported cancelled",
        arguments: [SIGINT, SIGTERM])
    func signalStopsARunawayJqNode(_ sig: Int32) async throws {
        let project = try Scratch.project(["spin.graph.yaml": Self.spinGraph])
        let cli = try RunningCLI(["run", "spin.graph.yaml", "--input", "v=1", "--events", "--no-store"], in: project)
        defer { cli.killIfRunning() }
        var lines: [String] = []
        // The signal goes once the run has started (a level of inline nodes reports its steps
        // at the end, so `spin` announces nothing), and then some.
        for await line in cli.lines {
            lines.append(line)
            if line.contains("run_started") { break }
        }
        try await Task.sleep(for: .milliseconds(300))
        let clock = ContinuousClock()
        let sent = clock.now
        cli.signal(sig)
        for await line in cli.lines { lines.append(line) }
        let status = await cli.waitForExit(within: .seconds(10))
        let took = clock.now - sent
        #expect(took < .seconds(2), "patchbay run took \(took) to exit after signal \(sig)")
        #expect(status == 1, "a cancelled run exits 1: \(String(describing: status))\n\(cli.stderr)")
        #expect(
            lines.last?.contains("run_finished") == true && lines.last?.contains("\"status\":\"cancelled\"") == true,
            "\(lines)\n\(cli.stderr)")
    }
}
