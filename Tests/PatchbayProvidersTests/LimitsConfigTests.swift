import Foundation
import PatchbayCore
import Testing

@testable import PatchbayProviders

/// `[limits]` in the config files: read over the defaults, the project over the user, every
/// mistake refused at its line (a limit that silently stays at its default is a limit nobody set).
@Suite final class LimitsConfigTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-limits-\(UUID().uuidString)")

    deinit { try? FileManager.default.removeItem(at: folder) }

    func load(user: String, project: String = "") throws -> ModelConfig {
        try loadConfig(in: folder, user: user, project: project)
    }

    func error(project: String) -> ConfigError? {
        do {
            _ = try load(user: "", project: project)
            return nil
        } catch {
            return error as? ConfigError
        }
    }

    @Test func limitsAreReadOverTheDefaults() throws {
        let config = try load(
            user: "[limits]\nsteps = 500\nmap_items = 7\n",
            project: "[limits]\nsteps = 300\nloop_passes = 3\nvalue_bytes = \"2MiB\"\n")
        #expect(config.limits == RunLimits(steps: 300, valueBytes: 2 << 20, mapItems: 7, loopPasses: 3))
        #expect(try load(user: "").limits == RunLimits())
        #expect(try load(user: "[limits]\nvalue_bytes = 4096\n").limits.valueBytes == 4096)
    }

    @Test("an untrusted project file may lower limits but not raise them, over the defaults or the user's")
    func aProjectFileRaisesLimitsOnlyWhenTrusted() throws {
        let overDefault = try #require(error(project: "[limits]\nsteps = 100\n\nmap_items = 50000\n"))
        #expect(overDefault.line == 4)
        #expect(
            overDefault.message
                == "`limits.map_items` raises the limit from 10000 to 50000; a project file may lower limits, but raising them needs your trust"
        )
        #expect(overDefault.hint?.description.contains("patchbay trust ") == true)
        do {
            _ = try load(user: "[limits]\nsteps = 500\n", project: "[limits]\nsteps = 900\n")
            Issue.record("a raise over the user's own limit must need trust too")
        } catch let error as ConfigError {
            #expect(error.message.hasPrefix("`limits.steps` raises the limit from 500 to 900"))
        }
        // The user's own file raises freely.
        #expect(try load(user: "[limits]\nmap_items = 50000\n").limits.mapItems == 50000)
    }

    @Test func mistakesAreRefusedAtTheirLine() throws {
        let unknown = try #require(error(project: "[models]\n\n[limits]\nloop_pases = 3\n"))
        #expect(unknown.line == 4)
        #expect(unknown.description.contains("unknown key `loop_pases` in `[limits]`"), "\(unknown)")
        #expect(unknown.description.contains("loop_passes"))

        let zero = try #require(error(project: "[limits]\nsteps = 0\n"))
        #expect(zero.line == 2)
        #expect(zero.message == "`limits.steps` must be between 1 and 1000000000, not 0")

        let negative = try #require(error(project: "[limits]\n\nmap_items = -1\n"))
        #expect(negative.line == 3 && negative.message.contains("not -1"))

        let huge = try #require(error(project: "[limits]\nloop_passes = 1000000000\n"))
        #expect(huge.message == "`limits.loop_passes` must be between 1 and 100000000, not 1000000000")

        let text = try #require(error(project: "[limits]\nsteps = \"many\"\n"))
        #expect(text.message == "`limits.steps` must be an integer, not a string")

        let size = try #require(error(project: "[limits]\nvalue_bytes = \"16 megs\"\n"))
        #expect(size.line == 2 && size.message.contains("is not a size"))
        #expect(size.hint?.description.contains("128MiB") == true)

        let table = try #require(error(project: "limits = 5\n"))
        #expect(table.message.contains("`limits` must be a table"))
    }
}
