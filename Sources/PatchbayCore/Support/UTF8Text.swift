import Foundation

/// Reads the bytes of a file a person wrote (a graph, a cases file, an `--inputs` file) as text,
/// or says exactly where it is not UTF-8. Never decodes lossily: a replacement character written
/// back by `fmt` would change the file's meaning without a word.
public enum UTF8Text {
    /// Where and why bytes are not UTF-8 text.
    public struct Problem: Error, Sendable, Hashable {
        public var message: String
        public var hint: String
        public var line: Int
        public var column: Int
        /// Bytes from the start of the file to the first bad byte.
        public var offset: Int
    }

    /// The text, without a UTF-8 byte-order mark.
    public static func decode(_ data: Data) -> Result<String, Problem> {
        let bytes = [UInt8](data)
        if let (name, iconv) = byteOrderMark(bytes) {
            return .failure(
                Problem(
                    message: "the file is \(name) (it starts with that byte-order mark), not UTF-8",
                    hint: "save it as UTF-8 (e.g. `iconv -f \(iconv) -t UTF-8`)",
                    line: 1, column: 1, offset: 0))
        }
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        // The standard library validates in one fast pass; the scalar walk below, which finds
        // the line and column of a bad byte, took about a second per MB in a debug build.
        if let text = String(validating: bytes[start...], as: UTF8.self) { return .success(text) }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes[start...].makeIterator()
        var offset = start
        var line = 1
        var column = 1
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                offset += encoded.count
                if encoded.count == 1, encoded.first == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .error(let length):
                let shown = bytes[offset..<min(offset + max(length, 1), bytes.count)].map {
                    String(format: "0x%02X", $0)
                }
                return .failure(
                    Problem(
                        message:
                            "the file is not UTF-8: byte\(shown.count == 1 ? "" : "s") \(shown.joined(separator: " ")) at byte offset \(offset) \(shown.count == 1 ? "is" : "are") not valid UTF-8",
                        hint: "save the file as UTF-8 (Latin-1 text converts with `iconv -f LATIN1 -t UTF-8`)",
                        line: line, column: column, offset: offset))
            case .emptyInput:
                return .success(String(decoding: bytes[start...], as: UTF8.self))
            }
        }
    }

    /// The encoding a byte-order mark other than UTF-8's names, and iconv's name for it.
    private static func byteOrderMark(_ bytes: [UInt8]) -> (String, String)? {
        if bytes.starts(with: [0xFF, 0xFE, 0, 0]) { return ("UTF-32 little-endian", "UTF-32LE") }
        if bytes.starts(with: [0, 0, 0xFE, 0xFF]) { return ("UTF-32 big-endian", "UTF-32BE") }
        if bytes.starts(with: [0xFF, 0xFE]) { return ("UTF-16 little-endian", "UTF-16LE") }
        if bytes.starts(with: [0xFE, 0xFF]) { return ("UTF-16 big-endian", "UTF-16BE") }
        return nil
    }
}

extension Diagnostic {
    /// A file that is not UTF-8, located at its first bad byte.
    public init(_ problem: UTF8Text.Problem, file: String?) {
        self.init(
            .error, .syntax, problem.message, hint: .text(problem.hint), file: file,
            location: SourceLocation(line: problem.line, column: problem.column))
    }
}
