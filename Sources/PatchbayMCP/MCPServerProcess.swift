import Foundation
import PatchbayCore
import PatchbayProviders
import SystemPackage

/// A server program Patchbay started, with the pipes the stdio transport speaks over.
///
/// It is a `ChildProcess`: in a process group of its own, with a lifeline, so neither it nor
/// anything it starts outlives Patchbay, even after a `kill -9` of it (as the local model server).
final class MCPServerProcess: Sendable {
    let process: ChildProcess
    /// The server's stdout: the transport reads messages from it.
    let input: FileDescriptor
    /// The server's stdin: the transport writes messages to it.
    let output: FileDescriptor
    let stderr: StderrTail

    var pid: Int32 { process.pid }

    private init(process: ChildProcess, input: FileDescriptor, output: FileDescriptor, stderr: StderrTail) {
        self.process = process
        self.input = input
        self.output = output
        self.stderr = stderr
    }

    /// Starts `argv` in `directory` with `environment`.
    static func launch(_ argv: [String], environment: [String: String], directory: String) throws -> MCPServerProcess {
        // A server that exits while a request is being written would otherwise end Patchbay
        // with SIGPIPE; the write then fails with EPIPE and the exit is reported instead.
        signal(SIGPIPE, SIG_IGN)
        let toServer = Pipe()
        let fromServer = Pipe()
        let errors = Pipe()
        let process = try ChildProcess(
            executable: argv[0], arguments: Array(argv.dropFirst()), environment: environment, directory: directory,
            stdin: toServer.fileHandleForReading.fileDescriptor, stdout: fromServer.fileHandleForWriting.fileDescriptor,
            stderr: errors.fileHandleForWriting.fileDescriptor)
        // The child holds its own copies; ours would keep the pipes open after it exits, and
        // reads would then never see end-of-file.
        try? toServer.fileHandleForReading.close()
        try? fromServer.fileHandleForWriting.close()
        try? errors.fileHandleForWriting.close()
        // The transport owns these two from now on (closed in `close()`): dup'ed, so the Pipe
        // objects' handles may close theirs whenever they are released.
        let input = FileDescriptor(rawValue: dup(fromServer.fileHandleForReading.fileDescriptor))
        let output = FileDescriptor(rawValue: dup(toServer.fileHandleForWriting.fileDescriptor))
        for fd in [input.rawValue, output.rawValue] { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        try? fromServer.fileHandleForReading.close()
        try? toServer.fileHandleForWriting.close()
        return MCPServerProcess(
            process: process, input: input, output: output, stderr: StderrTail(reading: errors.fileHandleForReading))
    }

    var isRunning: Bool { process.isRunning }
    var terminationStatus: Int32? { process.terminationStatus }

    /// Closes its stdin (a well-behaved server exits on that), then SIGTERM and SIGKILL to the
    /// group after `grace`; the pipes are closed after.
    func stop(grace: Duration = .seconds(2)) async {
        try? output.close()
        if await process.waitForExit(within: .milliseconds(200)) == nil {
            await process.stop(grace: grace)
        }
        // Whatever it started in its group goes too.
        process.closeLifeline()
        try? input.close()
    }
}
