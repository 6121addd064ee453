import Foundation
import PatchbayCore

/// A data set to evaluate a graph on: cases in file order, checks applied to every case, and the
/// default judge alias. Loaded from `NAME.cases.yaml`, `.jsonl` or `.csv`.
public struct EvalSuite: Sendable {
    public var path: String
    public var cases: [EvalCase]
    /// Expectations applied to every case (the file's `checks:`).
    public var checks: [Expectation]
    /// The file's `judge:` alias for judge expectations that name none.
    public var judge: String?
    /// Where `judge:` and `checks:` are written (1-based lines), for messages about them.
    public var judgeLine: Int?
    public var checksLine: Int?
    /// The SHA-256 of the file's bytes: shards and merges check they ran the same cases.
    public var hash: String

    public init(
        path: String = "memory", cases: [EvalCase], checks: [Expectation] = [], judge: String? = nil, hash: String
    ) {
        self.path = path
        self.cases = cases
        self.checks = checks
        self.judge = judge
        self.hash = hash
    }

    /// Reads and checks a cases file against the graph's inputs (names, required ones, types;
    /// CSV text converted to the declared types) and, when given, its outputs (the output each
    /// expectation checks). Throws `EvalSuiteError` with every problem at once.
    public static func load(path: String, inputs: [PortSpec], outputs: [PortSpec] = []) throws -> EvalSuite {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw EvalSuiteError(problems: [
                .init(
                    path: path, message: "cannot read the cases file: \(error.localizedDescription)",
                    hint: "check the path given to --cases")
            ])
        }
        let text: String
        switch UTF8Text.decode(data) {
        case .success(let decoded): text = decoded
        case .failure(let problem):
            throw EvalSuiteError(problems: [
                .init(
                    path: path, line: problem.line, column: problem.column, message: problem.message, hint: problem.hint
                )
            ])
        }
        var loader = SuiteLoader(path: path, inputs: inputs, outputs: outputs)
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") {
            loader.readJSONLines(text)
        } else if lower.hasSuffix(".csv") {
            loader.readCSV(text)
        } else if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") || lower.hasSuffix(".json") {
            loader.readYAML(text)
        } else {
            throw EvalSuiteError(problems: [
                .init(
                    path: path, message: "unknown cases file type",
                    hint: "name it NAME.cases.yaml, NAME.cases.jsonl or NAME.cases.csv")
            ])
        }
        let cases = loader.finish()
        if !loader.problems.isEmpty {
            // In file order (reading and checking find them in two passes); file-wide ones first.
            let sorted = loader.problems.enumerated().sorted {
                ($0.element.line ?? 0, $0.element.column ?? 0, $0.offset) < (
                    $1.element.line ?? 0, $1.element.column ?? 0, $1.offset
                )
            }
            throw EvalSuiteError(problems: sorted.map(\.element), notShown: loader.problemsNotKept)
        }
        var suite = EvalSuite(
            path: path, cases: cases, checks: loader.checks, judge: loader.judge,
            hash: FileFingerprint(bytes: data).sha256)
        suite.judgeLine = loader.judgeLine
        suite.checksLine = loader.checksLine
        return suite
    }
}
