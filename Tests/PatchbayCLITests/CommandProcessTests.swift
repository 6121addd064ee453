import Foundation
import Testing

/// A `command` node's program never outlives the run that started it: not a cancel, not a
/// `kill -9` of Patchbay (issue 11: every process Patchbay starts).
@Suite("command node processes", .serialized)
struct CommandProcessTests {
    /// The program writes its pid into the project folder, then sleeps far longer than any test.
    static let sleeperGraph = """
        patchbay: 1
        nodes:
          go: { kind: input, type: string }
          sleeper:
            kind: command
            command: [sh, -c, "echo $$ > sleeper.pid; exec sleep 120"]
          done: { kind: output }
        wires:
          - go -> sleeper
          - sleeper -> done

        """

    @Test("kill -9 of patchbay while a command node runs leaves no orphan", arguments: [SIGKILL, SIGINT, SIGTERM])
    func noOrphan(signal: Int32) async throws {
        let dir = try Scratch.project(["sleep.graph.yaml": Self.sleeperGraph])
        let cli = try RunningCLI(["run", "sleep.graph.yaml", "--input", "go=1", "--trust", "--no-store"], in: dir)
        defer { cli.killIfRunning() }
        let pidFile = dir.appendingPathComponent("sleeper.pid")
        let child = try #require(
            await Self.pid(in: pidFile, within: .seconds(20)), "the command never started: \(cli.stderr)")
        defer { kill(child, SIGKILL) }
        #expect(Self.isAlive(child))

        cli.signal(signal)
        let status = await cli.waitForExit(within: .seconds(5))
        #expect(status != nil, "patchbay did not exit within 5 s of signal \(signal)")
        // SIGTERM reaches the program at once (cancel) or from the lifeline watcher (kill -9).
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(5)
        while Self.isAlive(child), clock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        #expect(!Self.isAlive(child), "the command's program (pid \(child)) outlived patchbay after signal \(signal)")
    }

    static func pid(in file: URL, within limit: Duration) async -> pid_t? {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while clock.now < deadline {
            if let text = try? String(contentsOf: file, encoding: .utf8),
                let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return pid
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// Running or sleeping; a zombie waiting for its reaper has ended.
    static func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).prefix(1)
        return state != "Z" && state != "X"
    }
}
