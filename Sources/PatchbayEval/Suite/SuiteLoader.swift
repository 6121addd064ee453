import Foundation
import PatchbayCore

/// Reads cases from any of the three formats, then checks them against the graph.
struct SuiteLoader {
    /// A case as read, before ids, inputs and outputs are checked.
    struct RawCase {
        var id: String?
        var inputs: [String: JSONValue]
        var expectations: [Expectation]
        var line: Int
        var column: Int
        /// The default id's number: item (YAML), line (JSONL) or record (CSV).
        var number: Int
        /// CSV: inputs are text to convert, each with its cell's place.
        var cells: [String: (line: Int, column: Int)]?
    }

    let path: String
    let inputs: [PortSpec]
    let outputs: [PortSpec]
    var raw: [RawCase] = []
    var checks: [Expectation] = []
    var checksLine: Int?
    var judge: String?
    var judgeLine: Int?
    var problems: [EvalSuiteError.Problem] = []
    /// Problems past `maxProblems`, counted, not kept: a million bad lines must not become a
    /// million messages.
    var problemsNotKept = 0
    static let maxProblems = 100

    init(path: String, inputs: [PortSpec], outputs: [PortSpec]) {
        self.path = path
        self.inputs = inputs
        self.outputs = outputs
    }

    mutating func problem(_ message: String, line: Int?, column: Int? = nil, hint: String? = nil) {
        guard problems.count < Self.maxProblems else {
            problemsNotKept += 1
            return
        }
        problems.append(.init(path: path, line: line, column: column, message: message, hint: hint))
    }

    mutating func problem(_ p: LoadProblem, line: Int?, column: Int? = nil) {
        problem(p.message, line: line, column: column, hint: p.hint)
    }

    /// A case from its JSON form (`{id?, inputs, expect?}`, or `{id?, expect?, NAME: VALUE…}`).
    func rawCase(_ value: JSONValue, line: Int, column: Int, number: Int) throws(LoadProblem) -> RawCase {
        guard let fields = value.objectValue else {
            throw LoadProblem("a case must be a map with `inputs` and `expect`, got \(value.typeName)")
        }
        var id: String?
        switch fields["id"] {
        case nil, .null?: id = nil
        case .string(let s)?: id = s
        case .number?: id = fields["id"]!.compactJSON
        case let other?: throw LoadProblem("`id` must be text, got \(other.typeName)")
        }
        let caseInputs: [String: JSONValue]
        if let given = fields["inputs"] {
            guard let object = given.objectValue else {
                throw LoadProblem("`inputs` must be a map of input names to values, got \(given.typeName)")
            }
            caseInputs = object
            // The first unknown key by name; no sort of every case's keys when there is none.
            if let extra = fields.keys.filter({ $0 != "id" && $0 != "inputs" && $0 != "expect" }).min() {
                throw LoadProblem(
                    "unknown key `\(extra)` in a case",
                    hint: "a case has `id`, `inputs` and `expect`; put graph inputs under `inputs`")
            }
        } else {
            caseInputs = fields.filter { $0.key != "id" && $0.key != "expect" }
        }
        let expectations = try ExpectationParser.parse(fields["expect"] ?? .null)
        return RawCase(
            id: id, inputs: caseInputs, expectations: expectations, line: line, column: column, number: number)
    }

    /// Ids, duplicates, inputs (names, types, required) and outputs; returns the cases.
    mutating func finish() -> [EvalCase] {
        let known = inputs.map(\.name)
        var seen: [String: Int] = [:]
        var cases: [EvalCase] = []
        for rawCase in raw {
            var item = rawCase
            let id = item.id ?? "case-\(item.number)"
            if let first = seen[id] {
                problem(
                    "case id `\(id)` is used twice (first at line \(first))", line: item.line, column: item.column,
                    hint: "give each case its own id")
                continue
            }
            seen[id] = item.line
            var ok = true
            for name in item.inputs.keys.sorted() where !known.contains(name) {
                let place = item.cells?[name]
                let hint =
                    Suggestions.didYouMean(name, in: known)
                    ?? "the graph's inputs are: \(known.joined(separator: ", "))"
                problem(
                    "case `\(id)`: `\(name)` is not an input of the graph", line: place?.line ?? item.line,
                    column: place?.column ?? item.column, hint: hint)
                ok = false
            }
            for port in inputs {
                guard let value = item.inputs[port.name] else {
                    if port.required {
                        let about = port.doc.isEmpty ? "" : " (\(port.doc))"
                        problem(
                            "case `\(id)` is missing the required input `\(port.name)`\(about)", line: item.line,
                            column: item.column, hint: "add `\(port.name)` to the case's inputs")
                        ok = false
                    }
                    continue
                }
                if let place = item.cells?[port.name], let text = value.stringValue {
                    do {
                        if let converted = try Self.convert(text, to: port) {
                            item.inputs[port.name] = converted
                        } else {
                            item.inputs[port.name] = nil
                        }
                    } catch {
                        problem(error, line: place.line, column: place.column)
                        ok = false
                    }
                } else if !port.type.accepts(value) {
                    problem(
                        "case `\(id)`: input `\(port.name)` must be \(port.type.rawValue), got \(value.typeName)",
                        line: item.line, column: item.column)
                    ok = false
                }
            }
            checkOutputs(item.expectations, line: item.line, column: item.column, what: "case `\(id)`")
            if ok {
                cases.append(EvalCase(id: id, inputs: item.inputs, expectations: item.expectations, line: item.line))
            }
        }
        checkOutputs(checks, line: checksLine, column: nil, what: "`checks`")
        return cases
    }

    /// Each expectation names an output the graph has, or the graph has only one.
    private mutating func checkOutputs(_ expectations: [Expectation], line: Int?, column: Int?, what: String) {
        guard !outputs.isEmpty else { return }
        let names = outputs.map(\.name)
        for expectation in expectations {
            if let output = expectation.output {
                if !names.contains(output) {
                    let hint =
                        Suggestions.didYouMean(output, in: names)
                        ?? "the graph's outputs are: \(names.joined(separator: ", "))"
                    problem(
                        "\(what): `\(output)` is not an output of the graph", line: line, column: column, hint: hint)
                }
            } else if names.count > 1 {
                problem(
                    "\(what): the graph has several outputs (\(names.joined(separator: ", "))); say which one `\(expectation.test.key)` checks",
                    line: line, column: column,
                    hint:
                        "add `output: \(names[0])` to the expectation (CSV: name the column expect.\(names[0]).\(expectation.test.key))"
                )
            }
        }
    }

    /// CSV text as the input's declared type; nil for an empty cell of an optional input.
    static func convert(_ text: String, to port: PortSpec) throws(LoadProblem) -> JSONValue? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty, !port.required, port.type != .string { return nil }
        switch port.type {
        case .any, .string: return .string(text)
        case .number, .integer:
            guard let n = Double(trimmed), n.isFinite else {
                throw LoadProblem("input `\(port.name)` must be a number, got \(JSONValue.string(text).compactJSON)")
            }
            if let why = JSONValue.numberProblem(written: trimmed, value: n) {
                throw LoadProblem(
                    "input `\(port.name)`: \(why)",
                    hint:
                        "a 64-bit float holds whole numbers exactly up to 2^53 (9007199254740992); pass larger ones as text, to an input of `type: string`"
                )
            }
            if port.type == .integer, n.rounded() != n {
                throw LoadProblem("input `\(port.name)` must be a whole number, got \(trimmed)")
            }
            return .number(n)
        case .boolean:
            switch trimmed.lowercased() {
            case "true", "yes", "1": return .bool(true)
            case "false", "no", "0": return .bool(false)
            default:
                throw LoadProblem(
                    "input `\(port.name)` must be true or false, got \(JSONValue.string(text).compactJSON)")
            }
        case .object, .array:
            let value: JSONValue
            do { value = try JSONValue(parsing: text, options: .userInput) } catch {
                throw LoadProblem(
                    "input `\(port.name)` must be a JSON \(port.type.rawValue): \(error)",
                    hint: "write the cell as JSON, quoted for CSV: \"{\"\"key\"\": 1}\"")
            }
            guard port.type.accepts(value) else {
                throw LoadProblem("input `\(port.name)` must be a JSON \(port.type.rawValue), got \(value.typeName)")
            }
            return value
        }
    }
}
