import Foundation
import Testing

@testable import PatchbayCore

/// `ChildProcess`: what every process Patchbay starts gets. Real processes (`/bin/sh`, `sleep`).
@Suite struct ChildProcessTests {
    /// When Patchbay dies, the kernel closes the lifeline's write end; closing it here is the same
    /// event. The program and anything it started in its group must go.
    @Test func closingTheLifelineStopsTheChildAndItsGroup() async throws {
        let out = try Self.outputFile()
        let child = try ChildProcess(
            executable: "/bin/sh", arguments: ["-c", "sleep 600 & echo $! ; wait"], stdout: out.fd)
        defer { child.signal(SIGKILL, group: true) }
        let grandchild = try await out.firstLinePID()
        #expect(child.isRunning && Self.alive(grandchild))

        child.closeLifeline()
        #expect(await child.waitForExit(within: .seconds(5)) == 128 + SIGTERM)
        #expect(
            await Self.gone(grandchild, within: .seconds(5)),
            "the program's own child \(grandchild) outlived the lifeline")
    }

    /// A program that ignores SIGTERM is killed 2 s later.
    @Test func aProgramIgnoringSigtermIsKilledAfterTheGrace() async throws {
        let child = try ChildProcess(
            executable: "/bin/sh", arguments: ["-c", "trap '' TERM; while :; do sleep 0.05; done"])
        defer { child.signal(SIGKILL, group: true) }
        try await Task.sleep(for: .milliseconds(200))
        child.closeLifeline()
        let status = await child.waitForExit(within: .seconds(5))
        #expect(status == 128 + SIGKILL, "status \(String(describing: status))")
    }

    @Test func exitStatusStdioAndDirectory() async throws {
        let out = try Self.outputFile()
        let child = try ChildProcess(
            executable: "/bin/sh", arguments: ["-c", "pwd; exit 7"], directory: "/tmp", stdout: out.fd)
        #expect(await child.waitForExit(within: .seconds(5)) == 7)
        #expect(!child.isRunning)
        #expect(try out.text() == "/tmp\n")
    }

    /// Ignored signals and blocked masks are inherited across exec: a child of the CLI (which
    /// ignores SIGINT/SIGTERM while a run goes on) would ignore its stop signal.
    @Test func theChildStartsWithDefaultSignalsAndOnlyItsOwnDescriptors() async throws {
        signal(SIGUSR2, SIG_IGN)
        defer { signal(SIGUSR2, SIG_DFL) }
        let leaked = open("/dev/null", O_RDONLY)  // no O_CLOEXEC: must not reach the child anyway
        defer { close(leaked) }
        let child = try ChildProcess(executable: "/bin/sleep", arguments: ["600"])
        defer { child.signal(SIGKILL, group: true) }
        try await Task.sleep(for: .milliseconds(200))
        let fds = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(child.pid)/fd").compactMap(Int32.init)
            .sorted()
        #expect(fds == [0, 1, 2], "the program has descriptors \(fds)")
        #expect(getpgid(child.pid) == child.pid, "the child leads a process group of its own")
        child.signal(SIGUSR2)
        #expect(await child.waitForExit(within: .seconds(5)) == 128 + SIGUSR2)
    }

    /// An editor must share the terminal's foreground group: `.foreground` keeps the child in
    /// ours (a group of its own is stopped when it touches the terminal), with no lifeline
    /// watcher (which would stop our whole group); `waitUntilExit` blocks for the status.
    @Test func aForegroundChildSharesOurProcessGroup() async throws {
        let out = try Self.outputFile()
        let child = try ChildProcess(
            executable: "/bin/sh", arguments: ["-c", "cut -d ' ' -f 5 /proc/$$/stat; exit 3"], stdout: out.fd,
            lifetime: .foreground)
        #expect(child.waitUntilExit() == 3)
        let group = try out.text().trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(group == "\(getpgrp())", "the child ran in group \(group), not ours (\(getpgrp()))")
    }

    @Test func aMissingProgramExitsWith127() async throws {
        let child = try ChildProcess(executable: "/nonexistent/program", arguments: [])
        #expect(await child.waitForExit(within: .seconds(5)) == 127)
    }

    // MARK: - Helpers

    struct Output {
        let url: URL
        let fd: Int32

        func text() throws -> String { try String(contentsOf: url, encoding: .utf8) }

        func firstLinePID() async throws -> Int32 {
            for _ in 0..<250 {
                if let line = try text().split(separator: "\n").first, let pid = Int32(line) { return pid }
                try await Task.sleep(for: .milliseconds(20))
            }
            throw ChildProcessError("no pid in \(url.path)")
        }
    }

    static func outputFile() throws -> Output {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString).out")
        let fd = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ChildProcessError("cannot create \(url.path)") }
        return Output(url: url, fd: fd)
    }

    static func alive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0, let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        return !stat[close...].hasPrefix(") Z")
    }

    static func gone(_ pid: Int32, within limit: Duration) async -> Bool {
        let deadline = ContinuousClock.now + limit
        while alive(pid) {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }
}
