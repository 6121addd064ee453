import ArgumentParser
import Foundation
import PatchbayCore

struct FmtCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Rewrite graph files in canonical form (stable key order, block-scalar prompts).",
        discussion:
            "With --check nothing is written: the files that would change are listed on stdout and the exit code is 1.")

    @Flag(help: "List files that are not canonical and exit 1 instead of rewriting them.")
    var check = false

    @Argument(help: "Graph files.")
    var files: [String]

    func run() async throws {
        var unformatted: [String] = []
        var invalid = false
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                Console.err("\(file): error: no such file")
                invalid = true
                continue
            }
            let text: String
            switch UTF8Text.decode(data) {
            case .success(let decoded): text = decoded
            case .failure(let problem):
                // Never rewritten: a lossy decode would write U+FFFD over the user's bytes.
                Console.err(Diagnostic(problem, file: file).description)
                invalid = true
                continue
            }
            let canonical: String
            do {
                canonical = try GraphCodec.formatted(text, path: file)
            } catch {
                Console.err(ErrorText.text(error))
                invalid = true
                continue
            }
            guard canonical != text else { continue }
            unformatted.append(file)
            if check {
                Console.out(file)
            } else {
                do {
                    try Data(canonical.utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
                    Console.err("formatted \(file)")
                } catch {
                    Console.err("\(file): error: cannot write: \(error.localizedDescription)")
                    invalid = true
                }
            }
        }
        if invalid { throw ExitStatus.invalid.code }
        if check, !unformatted.isEmpty {
            Console.err(
                "\(unformatted.count) file\(unformatted.count == 1 ? "" : "s") would be reformatted; run `patchbay fmt` on \(unformatted.count == 1 ? "it" : "them")"
            )
            throw ExitStatus.runFailed.code
        }
    }
}
