import PatchbayCore
import TOMLKit

/// One config file being read: typed access to its values with errors that name the file, the
/// line and the key. Error messages name types and keys, never values of `api_key*`.
struct ConfigDocument {
    enum Role: Sendable { case user, project }

    let file: String
    let role: Role
    let lines: TOMLLineIndex

    func error(at path: [String], _ message: String, hint: Hint? = nil) -> ConfigError {
        ConfigError(file: file, line: lines.line(of: path), message: message, hint: hint)
    }

    /// Refuses keys outside `allowed`, suggesting the nearest one.
    func checkKeys(_ table: TOMLTable, allowed: [String], at path: [String]) throws {
        for key in table.keys.sorted() where !allowed.contains(key) {
            let what =
                path.isEmpty
                ? "unknown table `[\(Self.dotted([key]))]`" : "unknown key `\(key)` in `[\(Self.dotted(path))]`"
            throw error(at: path + [key], what, hint: Suggestions.hint(for: key, in: allowed))
        }
    }

    func table(_ value: TOMLValueConvertible, at path: [String]) throws -> TOMLTable {
        guard let table = value.table else { throw typeError(value, at: path, expected: "a table") }
        return table
    }

    func string(_ value: TOMLValueConvertible, at path: [String]) throws -> String {
        guard let string = value.string else { throw typeError(value, at: path, expected: "a string") }
        return string
    }

    func bool(_ value: TOMLValueConvertible, at path: [String]) throws -> Bool {
        guard let bool = value.bool else { throw typeError(value, at: path, expected: "true or false") }
        return bool
    }

    func integer(_ value: TOMLValueConvertible, at path: [String], atLeast minimum: Int) throws -> Int {
        guard let int = value.int else { throw typeError(value, at: path, expected: "an integer") }
        guard int >= minimum else {
            throw error(at: path, "`\(Self.dotted(path))` must be at least \(minimum), not \(int)")
        }
        return int
    }

    /// An integer or a float.
    func number(_ value: TOMLValueConvertible, at path: [String], in range: ClosedRange<Double>) throws -> Double {
        guard let number = value.double ?? value.int.map(Double.init) else {
            throw typeError(value, at: path, expected: "a number")
        }
        guard range.contains(number), number.isFinite else {
            let bounds =
                range.upperBound == .infinity
                ? "at least \(Self.format(range.lowerBound))"
                : "between \(Self.format(range.lowerBound)) and \(Self.format(range.upperBound))"
            throw error(at: path, "`\(Self.dotted(path))` must be \(bounds), not \(Self.format(number))")
        }
        return number
    }

    /// `{ connect = 5, first_token = 30, total = 120 }` in seconds.
    func timeouts(_ value: TOMLValueConvertible, at path: [String]) throws -> PartialTimeouts {
        let table = try table(value, at: path)
        try checkKeys(table, allowed: PartialTimeouts.keys, at: path)
        var result = PartialTimeouts()
        func seconds(_ key: String) throws -> Duration? {
            guard let value = table[key] else { return nil }
            let number = try number(value, at: path + [key], in: 0.001...(7 * 24 * 3600))
            return .milliseconds(Int((number * 1000).rounded()))
        }
        result.connect = try seconds("connect")
        result.firstToken = try seconds("first_token")
        result.total = try seconds("total")
        return result
    }

    private func typeError(_ value: TOMLValueConvertible, at path: [String], expected: String) -> ConfigError {
        error(at: path, "`\(Self.dotted(path))` must be \(expected), not \(Self.article(value.type.description))")
    }

    static func article(_ noun: String) -> String {
        (noun.first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + noun
    }

    private static func format(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    /// `models.judge`, `prices."gpt-4.1"`: keys that are not bare are quoted, as TOML writes them.
    static func dotted(_ path: [String]) -> String {
        path.map { key in
            let bare =
                !key.isEmpty && key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }
            return bare ? key : "\"\(key)\""
        }.joined(separator: ".")
    }
}

/// Timeouts a file sets; unset ones come from the layer below.
struct PartialTimeouts: Sendable, Hashable {
    static let keys = ["connect", "first_token", "total"]

    var connect: Duration?
    var firstToken: Duration?
    var total: Duration?

    func applied(to base: Timeouts) -> Timeouts {
        Timeouts(
            connect: connect ?? base.connect, firstToken: firstToken ?? base.firstToken, total: total ?? base.total)
    }

    func merging(_ other: PartialTimeouts) -> PartialTimeouts {
        PartialTimeouts(
            connect: other.connect ?? connect, firstToken: other.firstToken ?? firstToken, total: other.total ?? total)
    }
}
