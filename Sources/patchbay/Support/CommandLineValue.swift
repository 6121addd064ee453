import PatchbayCore

/// A value typed on the command line (`--input NAME=…`, `rerun --set NODE.FIELD=…`): JSON when it
/// is JSON as written (`3`, `true`, `[1,2]`), else text. JSON that a parse would change (a key
/// given twice, a number a 64-bit float can't hold) is neither: it is an error, never a guess.
enum CommandLineValue {
    static func parse(_ raw: String) throws(JSONParseError) -> JSONValue {
        do {
            return try JSONValue(parsing: raw, options: .userInput)
        } catch let error as JSONParseError where (try? JSONValue(parsing: raw, options: .lenient)) != nil {
            throw error
        } catch {
            return .string(raw)
        }
    }

    /// What to do about such an error.
    static func hint(_ error: JSONParseError) -> String {
        error.kind == .duplicateKey
            ? "give each key once"
            : "a 64-bit float holds whole numbers exactly up to 2^53 (9007199254740992); pass larger ones as text, to an input of `type: string`"
    }
}
