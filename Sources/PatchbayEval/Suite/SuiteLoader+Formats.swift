import Foundation
import PatchbayCore
import Yams

extension SuiteLoader {
    /// JSON Lines: one case object per line; blank lines are skipped. Read as UTF-8 bytes, one
    /// line at a time, straight into the parser: a 50 MB line or a million lines cost one pass.
    mutating func readJSONLines(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            bytes.forEachLine { line, number in readJSONLine(line, number: number) }
        }
    }

    /// One line: JSON's own whitespace (space, tab, CR) around the value is skipped.
    private mutating func readJSONLine(_ line: UnsafeBufferPointer<UInt8>, number: Int) {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        var first = 0
        var last = line.count
        while first < last, isSpace(line[first]) { first += 1 }
        while last > first, isSpace(line[last - 1]) { last -= 1 }
        guard first < last else { return }
        // What was trimmed (spaces and tabs) is one byte and one column each.
        let column = first + 1
        let hint = "each line holds one case: {\"inputs\": {…}, \"expect\": {…}}"
        do {
            let value = try JSONValue(
                parsingUTF8: UnsafeBufferPointer(rebasing: line[first..<last]), options: .userInput, line: number,
                column: column)
            raw.append(try rawCase(value, line: number, column: column, number: number))
        } catch let error as LoadProblem {
            problem(error, line: number, column: column)
        } catch let error as JSONParseError {
            problem("invalid JSON: \(error.reason)", line: error.line, column: error.column, hint: hint)
        } catch {
            problem("not a JSON object: \(error)", line: number, column: column, hint: hint)
        }
    }

    /// YAML (or JSON): `cases:` with optional `checks:` and `judge:`, or just a list of cases.
    mutating func readYAML(_ text: String) {
        let isJSON = path.lowercased().hasSuffix(".json")
        if isJSON {
            // libyaml accepts what JSON does not (a trailing comma, comments); repeated keys are
            // left to the composer below, which reports every one.
            do { _ = try JSONValue(parsing: text, options: JSONParseOptions(duplicateKeys: .firstWins)) } catch let
                error as JSONParseError
            {
                problem(
                    "invalid JSON: \(error.reason)", line: error.line, column: error.column,
                    hint: "a `.json` cases file is strict JSON: no trailing commas or comments")
                return
            } catch {}
        }
        let composed: YAMLComposer.Composed
        do {
            composed = try YAMLComposer(language: isJSON ? "JSON" : "YAML", document: "a cases file").compose(text)
        } catch {
            problem(error.message, line: error.location?.line, column: error.location?.column, hint: error.hint)
            return
        }
        guard let root = composed.root else {
            problem(
                YAMLComposer.emptyMessage(text), line: 1, column: 1,
                hint:
                    "a cases file holds `cases:` with a list of cases, each `- inputs: {…}` with an optional `expect: {…}`"
            )
            return
        }
        // The tree keeps both entries of a repeated key; which one a case would use is a guess.
        for duplicate in composed.duplicates {
            problem(
                "the key `\(duplicate.key)` is given twice (first at line \(duplicate.first.line), column \(duplicate.first.column))",
                line: duplicate.second.line, column: duplicate.second.column, hint: "keep one of them")
        }
        switch root {
        case .sequence(let items):
            readCases(items)
        case .mapping(let mapping):
            for (key, value) in mapping {
                let name = key.string ?? ""
                switch name {
                case "cases":
                    guard case .sequence(let items) = value else {
                        problem("`cases` must be a list of cases", line: value.mark?.line, column: value.mark?.column)
                        continue
                    }
                    readCases(items)
                case "checks":
                    checksLine = key.mark?.line
                    do { checks = try ExpectationParser.parse(YAMLValue.json(value)) } catch {
                        problem(error, line: value.mark?.line, column: value.mark?.column)
                    }
                case "judge":
                    guard let alias = YAMLValue.json(value).stringValue else {
                        problem(
                            "`judge` must be a model alias", line: value.mark?.line, column: value.mark?.column,
                            hint: "e.g. judge: default")
                        continue
                    }
                    judge = alias
                    judgeLine = key.mark?.line
                default:
                    let hint =
                        Suggestions.didYouMean(name, in: ["cases", "checks", "judge"])
                        ?? "a cases file has `cases`, `checks` and `judge`"
                    problem("unknown key `\(name)`", line: key.mark?.line, column: key.mark?.column, hint: hint)
                }
            }
        default:
            problem(
                "a cases file holds `cases:` (a list) or a list of cases", line: root.mark?.line,
                column: root.mark?.column)
        }
    }

    private mutating func readCases(_ items: Yams.Node.Sequence) {
        for (index, item) in items.enumerated() {
            let line = item.mark?.line ?? 0
            let column = item.mark?.column ?? 1
            do {
                raw.append(try rawCase(YAMLValue.json(item), line: line, column: column, number: index + 1))
            } catch {
                problem(error, line: line, column: column)
            }
        }
    }

    /// CSV: a header row; `id`, `expect.CHECK` and `expect.OUTPUT.CHECK` columns; every other
    /// column an input, converted from text to its declared type.
    mutating func readCSV(_ text: String) {
        let table: CSVTable
        do { table = try CSVTable(parsing: text) } catch {
            problem(
                error.message, line: error.line, column: error.column,
                hint: "quote fields holding commas, quotes or newlines; double quotes inside them (\"\")")
            return
        }
        guard let header = table.records.first else { return }
        enum Column {
            case id
            case input(String)
            case expect(output: String?, test: String)
            case ignored
        }
        var columns: [Column] = []
        var headerOK = true
        // A repeated column would silently lose one of its cells in every row.
        var seen: [String: CSVTable.Field] = [:]
        for field in header {
            let name = field.text.trimmingCharacters(in: .whitespaces)
            if let first = seen[name] {
                problem(
                    "column `\(name)` is named twice (first at line \(first.line), column \(first.column))",
                    line: field.line, column: field.column,
                    hint: "each column names one input, `id` or one expectation")
                columns.append(.ignored)
                headerOK = false
                continue
            }
            seen[name] = field
            if name == "id" {
                columns.append(.id)
            } else if name.hasPrefix("expect.") {
                let parts = name.dropFirst("expect.".count).split(separator: ".", omittingEmptySubsequences: false).map(
                    String.init)
                let test = parts.last ?? ""
                guard parts.count <= 2, Expectation.Test.keys.contains(test) else {
                    let hint =
                        Suggestions.didYouMean(test, in: Expectation.Test.keys).map {
                            "\($0) (columns are expect.CHECK or expect.OUTPUT.CHECK)"
                        }
                        ?? "columns are expect.CHECK or expect.OUTPUT.CHECK, CHECK one of \(Expectation.Test.keys.joined(separator: ", "))"
                    problem("unknown expectation column `\(name)`", line: field.line, column: field.column, hint: hint)
                    columns.append(.ignored)
                    headerOK = false
                    continue
                }
                columns.append(.expect(output: parts.count == 2 ? parts[0] : nil, test: test))
            } else if inputs.contains(where: { $0.name == name }) {
                columns.append(.input(name))
            } else {
                let known = inputs.map(\.name)
                let hint =
                    Suggestions.didYouMean(name, in: known)
                    ?? "the graph's inputs are: \(known.joined(separator: ", ")); expectations go in expect.CHECK columns"
                problem(
                    "column `\(name)` is not an input of the graph", line: field.line, column: field.column, hint: hint)
                columns.append(.ignored)
                headerOK = false
            }
        }
        guard headerOK else { return }
        for (index, record) in table.records.dropFirst().enumerated() {
            let first = record[0]
            guard record.count == header.count else {
                problem(
                    "this row has \(record.count) fields, the header has \(header.count)", line: first.line, column: 1,
                    hint: "quote fields that hold commas")
                continue
            }
            var item = RawCase(
                id: nil, inputs: [:], expectations: [], line: first.line, column: 1, number: index + 1, cells: [:])
            for (column, field) in zip(columns, record) {
                switch column {
                case .id: item.id = field.text.isEmpty ? nil : field.text
                case .input(let name):
                    item.inputs[name] = .string(field.text)
                    item.cells?[name] = (field.line, field.column)
                case .expect(let output, let test):
                    guard !field.text.isEmpty else { continue }
                    do {
                        item.expectations.append(Expectation(output: output, test: try Self.csvTest(test, field.text)))
                    } catch {
                        problem(error, line: field.line, column: field.column)
                    }
                case .ignored: break
                }
            }
            raw.append(item)
        }
    }

    /// An expectation from a CSV cell: schemas are JSON, everything else is text.
    private static func csvTest(_ key: String, _ text: String) throws(LoadProblem) -> Expectation.Test {
        if key == "schema" {
            do { return try ExpectationParser.test(key, try JSONValue(parsing: text, options: .userInput)) } catch let
                error as LoadProblem
            { throw error } catch {
                throw LoadProblem("the schema cell is not JSON: \(error)")
            }
        }
        return try ExpectationParser.test(key, .string(text))
    }
}

/// YAML nodes as JSON values, with the YAML 1.2 core schema for plain scalars.
enum YAMLValue {
    static func json(_ node: Yams.Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            return scalar.style == .plain ? plain(scalar.string) : .string(scalar.string)
        case .sequence(let items):
            return .array(items.map(json))
        case .mapping(let mapping):
            var object: [String: JSONValue] = [:]
            for (key, value) in mapping { object[key.string ?? ""] = json(value) }
            return .object(object)
        case .alias:
            return .null
        }
    }

    static func plain(_ s: String) -> JSONValue {
        switch s {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let first = s.unicodeScalars.first, "+-.0123456789".unicodeScalars.contains(first),
            s.range(of: #"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$"#, options: .regularExpression) != nil,
            let n = Double(s)
        {
            return .number(n)
        }
        return .string(s)
    }
}
