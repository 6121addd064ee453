import Foundation
import Testing

@testable import PatchbayProviders

/// `[eval]`: the defaults both front ends' evals take, the project over the user.
@Suite final class EvalConfigTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-eval-\(UUID().uuidString)")

    deinit { try? FileManager.default.removeItem(at: folder) }

    func load(user: String, project: String = "") throws -> ModelConfig {
        try loadConfig(in: folder, user: user, project: project)
    }

    @Test func settingsAreReadProjectOverUser() throws {
        #expect(try load(user: "").eval == EvalSettings())
        let config = try load(user: "[eval]\nrepeat = 3\nconcurrency = 2\n", project: "[eval]\nconcurrency = 6\n")
        #expect(config.eval == EvalSettings(repeats: 3, concurrency: 6))
    }

    @Test func mistakesAreRefusedAtTheirLine() throws {
        for (project, line) in [
            ("[eval]\nrepeat = 0\n", 2), ("\n[eval]\nconcurrency = \"many\"\n", 3), ("[eval]\nrepeats = 3\n", 2),
        ] {
            let error = #expect(throws: ConfigError.self) { try self.load(user: "", project: project) }
            #expect(error?.line == line, "\(project)")
        }
    }
}
