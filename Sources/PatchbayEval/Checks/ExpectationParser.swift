import Foundation
import PatchbayCore

/// Reads expectations from their file form: a map of tests (`{contains: Paris, regex: "^P"}`,
/// optionally with `output:` and `name:`) or a list of such maps.
enum ExpectationParser {
    /// Throws a message (without location: the caller adds file and line).
    static func parse(_ value: JSONValue) throws(LoadProblem) -> [Expectation] {
        switch value {
        case .null: return []
        case .array(let items):
            var all: [Expectation] = []
            for (i, item) in items.enumerated() {
                do { all += try parseMap(item) } catch {
                    throw LoadProblem("item \(i + 1): \(error.message)", hint: error.hint)
                }
            }
            return all
        case .object: return try parseMap(value)
        default:
            throw LoadProblem(
                "expectations must be a map of tests or a list of them, got \(value.typeName)",
                hint: "e.g. expect: {contains: Paris} or expect: [{output: answer, regex: \"^[A-Z]\"}]")
        }
    }

    private static func parseMap(_ value: JSONValue) throws(LoadProblem) -> [Expectation] {
        guard let fields = value.objectValue else {
            throw LoadProblem("an expectation must be a map like {contains: Paris}, got \(value.typeName)")
        }
        let output = try optionalText(fields, "output")
        let name = try optionalText(fields, "name")
        let keys = fields.keys.filter { $0 != "output" && $0 != "name" }.sorted {
            (Expectation.Test.keys.firstIndex(of: $0) ?? 99, $0) < (Expectation.Test.keys.firstIndex(of: $1) ?? 99, $1)
        }
        if keys.isEmpty {
            throw LoadProblem(
                "an expectation has no test", hint: "use one of \(Expectation.Test.keys.joined(separator: ", "))")
        }
        return try keys.map { key throws(LoadProblem) in
            Expectation(
                name: keys.count == 1 ? name : name.map { "\($0) (\(key))" }, output: output,
                test: try test(key, fields[key]!))
        }
    }

    /// One test from its key and value, checked (regexes and jq programs compile, schemas are usable).
    static func test(_ key: String, _ value: JSONValue) throws(LoadProblem) -> Expectation.Test {
        func text() throws(LoadProblem) -> String {
            guard let s = value.stringValue else { throw LoadProblem("`\(key)` needs text, got \(value.typeName)") }
            return s
        }
        switch key {
        case "contains": return .contains(try text())
        case "icontains": return .icontains(try text())
        case "regex":
            let pattern = try text()
            if (try? NSRegularExpression(pattern: pattern)) == nil {
                throw LoadProblem(
                    "regex `\(pattern)` does not compile", hint: "check the pattern's brackets and escapes")
            }
            return .regex(pattern)
        case "equals": return .equals(value)
        case "schema":
            if let problem = SchemaCheck.schemaProblem(value) { throw LoadProblem("schema: \(problem)") }
            return .schema(value)
        case "jq":
            let program = try text()
            do { _ = try JqProgram.compile(program) } catch {
                throw LoadProblem("jq `\(program)` does not compile: \(error)")
            }
            return .jq(program)
        case "judge":
            if let rubric = value.stringValue { return .judge(rubric: rubric, model: nil) }
            guard let rubric = value["rubric"]?.stringValue else {
                throw LoadProblem(
                    "`judge` needs a rubric", hint: "e.g. judge: {rubric: \"The answer names a colour\", model: judge}")
            }
            return .judge(rubric: rubric, model: value["model"]?.stringValue)
        default:
            let hint =
                Suggestions.didYouMean(key, in: Expectation.Test.keys)
                ?? "use one of \(Expectation.Test.keys.joined(separator: ", "))"
            throw LoadProblem("unknown test `\(key)`", hint: hint)
        }
    }

    private static func optionalText(_ fields: [String: JSONValue], _ key: String) throws(LoadProblem) -> String? {
        guard let value = fields[key] else { return nil }
        guard let s = value.stringValue else { throw LoadProblem("`\(key)` needs text, got \(value.typeName)") }
        return s
    }
}
