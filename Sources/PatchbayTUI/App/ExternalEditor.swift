import Foundation

/// Runs `$VISUAL` or `$EDITOR` on a temporary file holding the text, in the real terminal
/// (the caller suspends curses around it), and reads the file back.
enum ExternalEditor {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The edited text, or nil when the editor left it unchanged. A `name` ending in `.json`
    /// names the file so (editors colour it); others get `.txt`.
    static func edit(_ text: String, name: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Result<String?, Failure>
    {
        let editor = [environment["VISUAL"], environment["EDITOR"]].compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
        let safeName = name.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-" ? $0 : "_" }
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent(
                "patchbay-\(UUID().uuidString.prefix(8))-\(String(safeName))" + (name.hasSuffix(".json") ? "" : ".txt"))
        defer { try? FileManager.default.removeItem(at: file) }
        do {
            try Data(text.utf8).write(to: file)
        } catch {
            return .failure(
                Failure(description: "Cannot write a temporary file for the editor: \(error.localizedDescription)"))
        }
        // Through the shell, as other tools do, so `EDITOR="code --wait"` works.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\(editor) \"$1\"", "patchbay-editor", file.path]
        do {
            try process.run()
            process.waitUntilExit()
        } catch {
            return .failure(
                Failure(
                    description:
                        "Cannot start the editor `\(editor)`: \(error.localizedDescription); set $VISUAL or $EDITOR"))
        }
        guard process.terminationStatus == 0 else {
            return .failure(
                Failure(
                    description:
                        "The editor `\(editor)` exited with status \(process.terminationStatus); nothing changed"
                ))
        }
        guard let data = try? Data(contentsOf: file), var edited = String(data: data, encoding: .utf8) else {
            return .failure(Failure(description: "Cannot read the edited text back"))
        }
        // Editors add a final newline; the prompt did not have one unless it did.
        if edited.hasSuffix("\n") && !text.hasSuffix("\n") { edited.removeLast() }
        return .success(edited == text ? nil : edited)
    }
}
