import Foundation

/// `check`: runs every configured test; emits the value on `pass` or on `fail` with a reason.
struct CheckExecutor: NodeExecutor {
    let contains: String?
    let icontains: String?
    let regex: NSRegularExpression?
    let equals: JSONValue?
    let schema: JSONValue?
    let predicate: JqProgram?

    init(_ node: Node) throws {
        contains = try node.optionalString("contains")
        icontains = try node.optionalString("icontains")
        if let pattern = try node.optionalString("regex") {
            do { regex = try NSRegularExpression(pattern: pattern) } catch {
                throw NodeError("regex `\(pattern)` does not compile: \(error.localizedDescription)")
            }
        } else {
            regex = nil
        }
        equals = node["equals"]
        schema = node["schema"]
        predicate = try node.optionalString("jq").map { try JqProgram.compile($0) }
        if contains == nil, icontains == nil, regex == nil, equals == nil, schema == nil, predicate == nil {
            throw NodeError("a check needs at least one of contains, icontains, regex, equals, schema, jq")
        }
    }

    func run(_ inputs: NodeInputs) throws -> NodeResult {
        let value = try inputs.require("value")
        if let reason = try failure(value) {
            return NodeResult([
                "fail": value, "reason": .string(reason), "result": ["pass": false, "reason": .string(reason)],
            ])
        }
        return NodeResult(["pass": value, "result": ["pass": true, "reason": ""]])
    }

    /// The first failed test, described.
    private func failure(_ value: JSONValue) throws -> String? {
        let text = value.plainText
        if let contains, !text.contains(contains) {
            return "does not contain \(JSONValue.string(contains).compactJSON)"
        }
        if let icontains, text.range(of: icontains, options: .caseInsensitive) == nil {
            return "does not contain \(JSONValue.string(icontains).compactJSON) (ignoring case)"
        }
        if let regex {
            do { if try !regex.hasMatch(in: text) { return "does not match /\(regex.pattern)/" } } catch {
                throw NodeError(error.description)
            }
        }
        if let equals, value != equals { return "is not equal to \(equals.compactJSON)" }
        if let schema, let failure = SchemaCheck.validate(value, against: schema) { return failure.description }
        if let predicate, try !predicate.isTrue(value) { return "jq `\(predicate.text)` is not true" }
        return nil
    }
}
