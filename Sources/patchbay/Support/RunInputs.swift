import ArgumentParser
import Foundation
import PatchbayCore

/// `--input NAME=VALUE`, `--input NAME=@FILE` and `--inputs FILE.json`, shared by `run` and `step`.
struct RunInputOptions: ParsableArguments {
    @Option(name: .customLong("input"), help: ArgumentHelp("A graph input: NAME=VALUE, or NAME=@FILE to read the value from a file.", valueName: "name=value"))
    var pairs: [String] = []

    @Option(name: .customLong("inputs"), help: ArgumentHelp("A JSON file with an object of inputs (the sample's .inputs.json).", valueName: "file"))
    var file: String?

    /// Values for the plan's inputs. A string-typed input takes the text as is; other inputs
    /// take it as JSON when it parses (`3`, `true`, `[1,2]`), else as text.
    func values(for plan: ExecutionPlan) throws -> [String: JSONValue] {
        try values(types: Dictionary(plan.inputs.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a }))
    }

    /// Values by input name, given each input's declared type.
    func values(types: [String: PortType]) throws -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        if let file {
            let text = try read(file, what: "--inputs")
            let parsed: JSONValue
            do {
                parsed = try JSONValue(parsing: text)
            } catch let error as JSONParseError {
                throw CLIError("\(file): \(error)\n  hint: fix the JSON there; --inputs takes a file holding one object of input values, like {\"article\": \"…\"}")
            }
            guard case .object(let object) = parsed else {
                throw CLIError("--inputs \(file) must hold a JSON object of input values, like {\"article\": \"…\"}")
            }
            values = object
        }
        for pair in pairs {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                throw CLIError("--input \(pair): expected NAME=VALUE or NAME=@FILE")
            }
            let name = String(pair[..<eq])
            var raw = String(pair[pair.index(after: eq)...])
            if raw.hasPrefix("@") { raw = try read(String(raw.dropFirst()), what: "--input \(name)") }
            if types[name] == .string {
                values[name] = .string(raw)
            } else {
                values[name] = (try? JSONValue(parsing: raw)) ?? .string(raw)
            }
        }
        return values
    }

    private func read(_ path: String, what: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("\(what): cannot read \(path): no such file")
        }
        switch UTF8Text.decode(data) {
        case .success(let text): return text
        case .failure(let problem): throw CLIError("\(what): \(path):\(problem.line):\(problem.column): \(problem.message)\n  hint: \(problem.hint)")
        }
    }
}
