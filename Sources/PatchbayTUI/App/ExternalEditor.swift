import CNcursesw
import Foundation
import PatchbayCore

/// Runs `$VISUAL` or `$EDITOR` (else `vi`) on a temporary file holding the text, in the real
/// terminal, and reads the file back. The caller leaves curses first and comes back after
/// (`EventLoop`'s one hand-off).
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
        let status: Int32
        do {
            status = try run(editor, file: file.path, environment: environment)
        } catch {
            return .failure(
                Failure(description: "Cannot start the editor `\(editor)`: \(error); set $VISUAL or $EDITOR"))
        }
        guard status == 0 else {
            return .failure(
                Failure(description: "The editor `\(editor)` exited with status \(status); nothing changed"))
        }
        guard let data = try? Data(contentsOf: file), var edited = String(data: data, encoding: .utf8) else {
            return .failure(Failure(description: "Cannot read the edited text back"))
        }
        // Editors add a final newline; the prompt did not have one unless it did.
        if edited.hasSuffix("\n") && !text.hasSuffix("\n") { edited.removeLast() }
        return .success(edited == text ? nil : edited)
    }

    /// `EDITOR FILE` through the shell, as git does (`code --wait`, `nvim -u NONE` hold
    /// arguments), in our own process group: the terminal's foreground group, so the editor may
    /// read keys (a child in a group of its own is stopped by SIGTTIN/SIGTTOU). Ctrl-C is the
    /// editor's meanwhile; after, the terminal is ours again whatever the editor did with it.
    private static func run(_ editor: String, file: String, environment: [String: String]) throws -> Int32 {
        pb_hold_interrupts()
        defer {
            pb_take_terminal()
            pb_release_interrupts()
        }
        let child = try ChildProcess(
            executable: "/bin/sh", arguments: ["-c", editor + " \"$@\"", "editor", file], environment: environment,
            stdin: STDIN_FILENO, stdout: STDOUT_FILENO, stderr: STDERR_FILENO, lifetime: .foreground)
        return child.waitUntilExit()
    }
}
