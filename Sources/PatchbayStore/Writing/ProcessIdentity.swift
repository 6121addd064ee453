import Foundation

/// Who wrote a run: the process id, and on Linux the process's start time and the boot id, so a
/// pid reused by another process (or left from before a reboot) does not keep a dead run alive.
struct ProcessIdentity: Sendable, Hashable {
    var pid: Int64
    /// Clock ticks after boot at which the process started (field 22 of /proc/PID/stat).
    var startTime: Int64?
    /// /proc/sys/kernel/random/boot_id: distinct for every boot.
    var bootID: String?

    static let current = ProcessIdentity(
        pid: Int64(getpid()), startTime: startTime(of: Int64(getpid())), bootID: currentBootID)

    static let currentBootID: String? = {
        #if os(Linux)
            guard let text = try? String(contentsOfFile: "/proc/sys/kernel/random/boot_id", encoding: .utf8) else {
                return nil
            }
            let id = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return id.isEmpty ? nil : id
        #else
            return nil
        #endif
    }()

    /// The start time of process `pid`, or nil where it cannot be read (not Linux, no such process).
    static func startTime(of pid: Int64) -> Int64? {
        #if os(Linux)
            guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return nil }
            return parseStartTime(stat: text)
        #else
            return nil
        #endif
    }

    /// Field 22 of a /proc/PID/stat line. The command name (field 2) is in parentheses and may
    /// hold spaces and parentheses itself, so fields are counted after the last `)`.
    static func parseStartTime(stat: String) -> Int64? {
        guard let close = stat.lastIndex(of: ")") else { return nil }
        let fields = stat[stat.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
        // fields[0] is field 3 (the state), so field 22 is fields[19].
        guard fields.count > 19 else { return nil }
        return Int64(fields[19])
    }

    /// Whether the process that wrote a run still runs. The pid must exist (`kill(pid, 0)`;
    /// EPERM means it exists, owned by someone else); where the row has a start time and a boot
    /// id and this system can tell, they must match too. Rows written before they were recorded,
    /// and systems without /proc, fall back to the pid alone.
    static func isAlive(pid: Int64, startTime: Int64?, bootID: String?) -> Bool {
        guard pid > 0, pid <= Int64(Int32.max) else { return false }
        if kill(pid_t(pid), 0) != 0 && errno == ESRCH { return false }
        if let bootID, let now = currentBootID, bootID != now { return false }
        if let startTime, let actual = Self.startTime(of: pid), actual != startTime { return false }
        return true
    }
}
