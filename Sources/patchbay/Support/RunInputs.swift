import ArgumentParser
import Foundation
import PatchbayCore

/// `--input NAME=VALUE`, `--input NAME=@FILE` and `--inputs FILE.json`, shared by `run` and `step`.
struct RunInputOptions: ParsableArguments {
    @Option(
        name: .customLong("input"),
        help: ArgumentHelp(
            "A graph input: NAME=VALUE, or NAME=@FILE to read the value from a file (@- reads standard input).",
            valueName: "name=value"))
    var pairs: [String] = []

    @Option(
        name: .customLong("inputs"),
        help: ArgumentHelp(
            "A JSON file with an object of inputs (the sample's .inputs.json); - reads standard input.",
            valueName: "file"))
    var file: String?

    /// Values for the plan's inputs. A string-typed input takes the text as is; other inputs
    /// take it as `CommandLineValue` reads it.
    func values(for plan: ExecutionPlan, limits: RunLimits) throws -> [String: JSONValue] {
        try values(
            types: Dictionary(plan.inputs.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a }), limits: limits)
    }

    /// Values by input name, given each input's declared type. JSON given here is read strictly
    /// (`JSONParseOptions.userInput`): a repeated key, or a number a 64-bit float would change
    /// (`9999999999999999999999` read as 1e+22), is an error naming the input, never a guess.
    /// A file is read up to the `value_bytes` limit, which no value may pass anyway.
    func values(types: [String: PortType], limits: RunLimits) throws -> [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        var reader = InputFileReader(maxBytes: limits.valueBytes)
        if let file {
            let text = try reader.text(file, what: "--inputs")
            let parsed: JSONValue
            do {
                parsed = try JSONValue(parsing: text, options: .userInput)
            } catch let error as JSONParseError {
                let input = error.topLevelKey.map { "input `\($0)`: " } ?? ""
                throw CLIError(
                    "\(reader.name(file)):\(error.line):\(error.column): \(input)\(error.reason)\n  hint: fix the JSON there; --inputs takes a file holding one object of input values, like {\"article\": \"…\"}"
                )
            }
            guard case .object(let object) = parsed else {
                throw CLIError(
                    "--inputs \(reader.name(file)) must hold a JSON object of input values, like {\"article\": \"…\"}")
            }
            values = object
        }
        for pair in pairs {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                throw CLIError("--input \(pair): expected NAME=VALUE or NAME=@FILE")
            }
            let name = String(pair[..<eq])
            var raw = String(pair[pair.index(after: eq)...])
            var source: String?
            if raw.hasPrefix("@") {
                source = String(raw.dropFirst())
                raw = try reader.text(source!, what: "--input \(name)")
            }
            if types[name] == .string {
                values[name] = .string(raw)
            } else {
                do { values[name] = try CommandLineValue.parse(raw) } catch {
                    let place = source.map { "\(reader.name($0)):\(error.line):\(error.column): " } ?? ""
                    throw CLIError("--input \(name): \(place)\(error.reason)\n  hint: \(CommandLineValue.hint(error))")
                }
            }
        }
        return values
    }
}
