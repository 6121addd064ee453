import Foundation
import PatchbayCore
import PatchbayPresentation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads what `--inputs FILE` and `--input NAME=@FILE` name: `-` is standard input (once per
/// command), and anything `open` can read works, a FIFO or `<(…)` (`/dev/fd/N`) included, since
/// the bytes are read until the end rather than sized up front. Text must be UTF-8.
struct InputFileReader {
    /// More than this is refused while reading: a 10 GB file is not read to be refused after.
    let maxBytes: Int
    private var readStandardInput = false

    init(maxBytes: Int = .max) {
        self.maxBytes = maxBytes
    }

    /// How a path is named in messages.
    func name(_ path: String) -> String { path == "-" ? "<stdin>" : path }

    mutating func text(_ path: String, what: String) throws -> String {
        let data = try bytes(path, what: what)
        switch UTF8Text.decode(data) {
        case .success(let text): return text
        case .failure(let problem):
            throw CLIError(
                "\(what): \(name(path)):\(problem.line):\(problem.column): \(problem.message)\n  hint: \(problem.hint)")
        }
    }

    private mutating func bytes(_ path: String, what: String) throws -> Data {
        if path == "-" {
            guard !readStandardInput else {
                throw CLIError(
                    "\(what): standard input is already read by another option\n  hint: give at most one of `--inputs -` and `--input NAME=@-`"
                )
            }
            readStandardInput = true
            return try readAll(STDIN_FILENO, path: path, what: what)
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(errno, path: path, what: what) }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            throw CLIError("\(what): cannot read \(path): it is a directory\n  hint: name a file in it")
        }
        return try readAll(fd, path: path, what: what)
    }

    private func readAll(_ fd: Int32, path: String, what: String) throws -> Data {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count == 0 { return data }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure(errno, path: path, what: what)
            }
            data.append(contentsOf: chunk[0..<count])
            if data.count > maxBytes {
                throw CLIError(
                    "\(what): \(name(path)) holds more than the value_bytes limit (\(maxBytes) bytes); the rest was not read\n  hint: "
                        + HintText.commandLine(RunLimits.raise(.valueBytes, to: RunLimits.doubled(maxBytes))))
            }
        }
    }

    private func failure(_ code: Int32, path: String, what: String) -> CLIError {
        let reason: String
        switch code {
        case ENOENT: reason = "no such file"
        case EISDIR: reason = "it is a directory"
        case EACCES: reason = "permission denied"
        default: reason = String(cString: strerror(code))
        }
        return CLIError("\(what): cannot read \(name(path)): \(reason)")
    }
}
