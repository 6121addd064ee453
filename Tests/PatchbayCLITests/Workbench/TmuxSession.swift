import Foundation
import Testing

/// Drives the real `patchbay` workbench inside a detached tmux session on a socket of its own:
/// keys in with `send-keys`, the screen out with `capture-pane`. Each session works in a fresh
/// copy of `sample-graphs` with an empty HOME and config, so nothing of the user's is read or
/// written. Call `close()` (in a `defer`) so the tmux server never outlives the test.
final class TmuxSession: @unchecked Sendable {
    /// The tmux socket name (`tmux -L NAME`), unique per session.
    let socket: String
    /// The copy of the sample graphs the binary runs in (its working directory).
    let graphs: URL
    /// HOME and XDG_CONFIG_HOME of the binary.
    let home: URL
    private let tmux: URL
    private static let target = "pb"

    /// Starts `patchbay GRAPH` at `width`×`height`. After it exits the pane prints
    /// `EXITED:<status>` and stays open a minute, so a test can read the status and the screen.
    /// `files` are written into the graphs folder first (name → text); `userConfig` is the
    /// binary's user config file (mode 600, so it may hold a key); `environment` is added to its
    /// environment (`EDITOR`). `prepare` runs in the graphs folder before the binary starts
    /// (`patchbay run` there, so the store holds a run).
    init(
        graph: String, width: Int = 120, height: Int = 40, files: [String: String] = [:], userConfig: String? = nil,
        environment: [String: String] = [:], prepare: ((URL) async throws -> Void)? = nil
    ) async throws {
        tmux = try Self.findTmux()
        let binary = try CLI.binary.get()
        socket = "pb-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        let scratch = try Scratch.make("tmux")
        graphs = scratch.appendingPathComponent("graphs", isDirectory: true)
        home = scratch.appendingPathComponent("home", isDirectory: true)
        let fm = FileManager.default
        try fm.copyItem(at: CLI.samples, to: graphs)
        // Pins the project root here, so the run cache and history stay inside this test.
        try fm.createDirectory(at: graphs.appendingPathComponent(".patchbay"), withIntermediateDirectories: true)
        try fm.createDirectory(at: home, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: graphs.appendingPathComponent(name))
        }
        if let userConfig {
            let folder = home.appendingPathComponent("patchbay", isDirectory: true)
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("config.toml")
            try Data(userConfig.utf8).write(to: file)
            try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        }
        try await prepare?(graphs)
        let words =
            [
                "env", "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TERM=xterm-256color",
                "XDG_CONFIG_HOME=\(Self.quoted(home.path))", "HOME=\(Self.quoted(home.path))",
            ] + environment.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quoted($0.value))" }
            + [Self.quoted(binary.path), Self.quoted(graph)]
        let command = words.joined(separator: " ") + "; echo EXITED:$?; sleep 60"
        let started = try await run([
            "new-session", "-d", "-s", Self.target, "-x", "\(width)", "-y", "\(height)", "-c", graphs.path, command,
        ])
        guard started.status == 0 else {
            close()
            throw Failure("tmux new-session failed (exit \(started.status)): \(started.error)")
        }
    }

    deinit { close() }

    // MARK: Keys and screen

    /// Sends tmux key names: `Enter`, `Escape`, `C-s`, `Tab`, `F10`, or a single character.
    func press(_ keys: String...) async throws {
        try await check(run(["send-keys", "-t", Self.target] + keys), "send-keys \(keys)")
    }

    /// Types `text` literally (`send-keys -l`), each character as a key.
    func type(_ text: String) async throws {
        try await check(run(["send-keys", "-t", Self.target, "-l", text]), "send-keys -l \(text)")
    }

    /// The visible screen, one line a row (tmux trims trailing blanks).
    func screen() async throws -> String {
        let result = try await run(["capture-pane", "-p", "-t", Self.target])
        try check(result, "capture-pane")
        return result.output
    }

    /// Runs another command on this session's tmux server (`set-option -g set-clipboard on`,
    /// `show-buffer`) and returns what it printed.
    @discardableResult
    func command(_ arguments: String...) async throws -> String {
        let result = try await run(arguments)
        try check(result, arguments.joined(separator: " "))
        return result.output
    }

    /// Resizes the window (and so the pane, the only one): the app gets SIGWINCH.
    func resize(width: Int, height: Int) async throws {
        try await check(
            run(["resize-window", "-t", Self.target, "-x", "\(width)", "-y", "\(height)"]), "resize-window")
    }

    /// A tmux format value of the pane, such as `#{alternate_on}` or `#{cursor_flag}`.
    func paneFormat(_ format: String) async throws -> String {
        let result = try await run(["display-message", "-p", "-t", Self.target, format])
        try check(result, "display-message \(format)")
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen every 50 ms until it contains `text`; returns that screen. On timeout
    /// throws an error that shows the last screen.
    @discardableResult
    func waitFor(
        _ text: String, timeout: Duration = .seconds(15),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws -> String {
        try await waitUntil("`\(text)` on screen", timeout: timeout, sourceLocation: sourceLocation) {
            $0.contains(text)
        }
    }

    /// Polls until every one of `texts` is on the same screen. A capture can catch a frame half
    /// drawn, so a test waits for everything it means to check rather than checking one capture.
    @discardableResult
    func waitForAll(
        _ texts: [String], timeout: Duration = .seconds(15),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws -> String {
        try await waitUntil("all of \(texts) on screen", timeout: timeout, sourceLocation: sourceLocation) { screen in
            texts.allSatisfy { screen.contains($0) }
        }
    }

    /// Polls until a pane title names `pane` and then `subject` (`Inspector · report`,
    /// `Inspector: report`): the separator is the renderer's business, not the test's.
    @discardableResult
    func waitForTitle(
        _ pane: String, _ subject: String, timeout: Duration = .seconds(15),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws -> String {
        let pattern = Self.titlePattern(pane, subject)
        return try await waitUntil(
            "a `\(pane)` title naming `\(subject)`", timeout: timeout, sourceLocation: sourceLocation
        ) { screen in
            screen.split(separator: "\n").contains {
                pattern.firstMatch(in: String($0), range: NSRange(location: 0, length: ($0 as Substring).utf16.count))
                    != nil
            }
        }
    }

    /// `PANE`, one to four non-word characters, `SUBJECT`, then no more of a name.
    static func titlePattern(_ pane: String, _ subject: String) -> NSRegularExpression {
        let escaped =
            NSRegularExpression.escapedPattern(for: pane) + "[^\\p{L}\\p{N}_]{1,4}"
            + NSRegularExpression.escapedPattern(for: subject) + "(?![\\p{L}\\p{N}_.])"
        // Built from escaped parts, so it always compiles.
        return try! NSRegularExpression(pattern: escaped)
    }

    /// Polls until `text` is no longer on the screen.
    @discardableResult
    func waitForAbsence(
        of text: String, timeout: Duration = .seconds(15),
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) async throws -> String {
        try await waitUntil("`\(text)` gone from the screen", timeout: timeout, sourceLocation: sourceLocation) {
            !$0.contains(text)
        }
    }

    /// Polls the screen every 50 ms until `condition` holds for it.
    @discardableResult
    func waitUntil(
        _ what: String, timeout: Duration = .seconds(15),
        sourceLocation: Testing.SourceLocation = #_sourceLocation,
        _ condition: (String) -> Bool
    ) async throws -> String {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var last = ""
        while true {
            last = try await screen()
            if condition(last) { return last }
            if clock.now >= deadline { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        // Thrown, not recorded: the error's text is what the console shows in full.
        throw Failure(
            "timed out after \(timeout) waiting for \(what) (\(sourceLocation.fileName):\(sourceLocation.line)); last screen:\n\(last)"
        )
    }

    // MARK: The process

    /// The pid of the `patchbay` process: the child of the pane's shell (Linux: from /proc).
    func patchbayPID() async throws -> Int32 {
        guard let shell = Int32(try await paneFormat("#{pane_pid}")) else { throw Failure("no pane pid") }
        let proc = URL(fileURLWithPath: "/proc")
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: proc.path) else {
            throw Failure("no /proc to find the child of pane process \(shell) in")
        }
        for entry in entries {
            guard let pid = Int32(entry),
                let stat = try? String(contentsOf: proc.appendingPathComponent("\(entry)/stat"), encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { continue }
            // `pid (comm) state ppid …`; comm may hold spaces, so read after its last `)`.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            let name = stat[stat.index(after: stat.firstIndex(of: "(") ?? stat.startIndex)..<close]
            if fields.count > 1, Int32(fields[1]) == shell, name.hasPrefix("patchbay") { return pid }
        }
        throw Failure("no patchbay process under pane process \(shell)")
    }

    /// Kills the tmux server of this socket (and with it the app, by SIGHUP). Safe to repeat.
    func close() {
        _ = try? Self.runBlocking(tmux, ["-L", socket, "kill-server"])
    }

    // MARK: Running tmux

    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    private func check(_ result: Result, _ what: String) throws {
        guard result.status == 0 else { throw Failure("tmux \(what) failed (exit \(result.status)): \(result.error)") }
    }

    /// Runs `tmux -L SOCKET ARGS…` on a thread of its own, so no test-pool thread waits on it.
    private func run(_ arguments: [String]) async throws -> Result {
        let tmux = tmux
        let full = ["-L", socket] + arguments
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Swift.Result { try Self.runBlocking(tmux, full) })
            }
        }
    }

    /// Spawns tmux with posix_spawn rather than `Process`: the test runner's threads block most
    /// signals and a child inherits that mask, so a tmux server (and the app under it) started
    /// with `Process` would never see SIGCHLD, SIGHUP or SIGTERM. Here the child starts with no
    /// signal blocked and default handlers, as from a shell. Output goes through files, not
    /// pipes: the server forked by `new-session` must not hold a pipe of ours open.
    private static func runBlocking(_ tmux: URL, _ arguments: [String]) throws -> Result {
        let stem = FileManager.default.temporaryDirectory.appendingPathComponent("pb-tmux-\(UUID().uuidString)").path
        let outPath = stem + ".out"
        let errPath = stem + ".err"
        defer {
            unlink(outPath)
            unlink(errPath)
        }
        var env = ProcessInfo.processInfo.environment
        // No user tmux.conf; a plain shell for the pane command; never nested in an outer tmux.
        env["TMUX"] = nil
        env["TMUX_PANE"] = nil
        env["SHELL"] = "/bin/sh"
        let argv = ([tmux.path, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }

        #if canImport(Darwin)
            var attributes: posix_spawnattr_t? = nil
            var actions: posix_spawn_file_actions_t? = nil
        #else
            var attributes = posix_spawnattr_t()
            var actions = posix_spawn_file_actions_t()
        #endif
        posix_spawnattr_init(&attributes)
        posix_spawn_file_actions_init(&actions)
        defer {
            posix_spawnattr_destroy(&attributes)
            posix_spawn_file_actions_destroy(&actions)
        }
        var none = sigset_t()
        sigemptyset(&none)
        var standard = sigset_t()
        sigemptyset(&standard)
        for number: Int32 in 1..<32 where number != SIGKILL && number != SIGSTOP { sigaddset(&standard, number) }
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &standard)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tmux.path, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw Failure("could not start tmux: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { throw Failure("waitpid for tmux failed: \(String(cString: strerror(errno)))") }
        }
        // WIFEXITED/WEXITSTATUS by hand: the C macros are not imported.
        let exit = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        let read = { (path: String) in
            (FileManager.default.contents(atPath: path)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        }
        return Result(status: exit, output: read(outPath), error: read(errPath))
    }

    /// tmux from PATH. Missing is a failure, not a skip: CI installs it (scripts/install-deps.sh).
    static func findTmux() throws -> URL {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let folders = path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]
        for folder in folders {
            let candidate = URL(fileURLWithPath: folder).appendingPathComponent("tmux")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw Failure(
            "tmux is not installed: the workbench end-to-end tests drive the real binary in tmux. "
                + "Install it (scripts/install-deps.sh does, e.g. `apt-get install tmux`)")
    }

    /// Single-quoted for `sh -c`.
    static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
