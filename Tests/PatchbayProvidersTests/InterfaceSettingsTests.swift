import Foundation
import Testing

@testable import PatchbayProviders

/// The workbench's `[ui]` and `[keys]` tables in the config files.
@Suite final class InterfaceSettingsTests {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-ui-\(UUID().uuidString)")

    deinit { try? FileManager.default.removeItem(at: folder) }

    func load(user: String, project: String = "") throws -> ModelConfig {
        try loadConfig(in: folder, user: user, project: project)
    }

    @Test func uiAndKeysAreRead() throws {
        let config = try load(
            user: """
                [ui]
                theme = "light"
                ascii = true
                mouse = true
                layout = "debug"

                [keys]
                "run.step" = ["x", "<F10>"]
                "app.help" = "H"
                """)
        #expect(config.interface.theme == "light")
        #expect(config.interface.ascii == true)
        #expect(config.interface.mouse == true)
        #expect(config.interface.layout == "debug")
        #expect(config.interface.keys["run.step"] == ["x", "<F10>"])
        #expect(config.interface.keys["app.help"] == ["H"])
    }

    @Test func theProjectFileOverridesTheUserFile() throws {
        let config = try load(user: "[ui]\ntheme = \"light\"\nmouse = true\n", project: "[ui]\ntheme = \"dark\"\n")
        #expect(config.interface.theme == "dark")
        #expect(config.interface.mouse == true)
    }

    @Test func nothingSetMeansDefaults() throws {
        let config = try load(user: "")
        #expect(config.interface == InterfaceSettings())
    }

    @Test func mistakesNameTheFileAndLine() throws {
        func error(_ text: String) -> ConfigError? {
            do {
                _ = try load(user: text)
                return nil
            } catch {
                return error as? ConfigError
            }
        }
        let theme = try #require(error("[ui]\ntheme = \"solarized\"\n"))
        #expect(theme.description.contains("config.toml:2"))
        #expect(theme.description.contains("unknown theme `solarized`"))
        let key = try #require(error("[ui]\nmouze = true\n"))
        #expect(key.description.contains("unknown key `mouze`"))
        #expect(key.description.contains("mouse"))
        let keys = try #require(error("[keys]\n\"run.step\" = 3\n"))
        #expect(keys.description.contains("must be a key or a list of keys"))
    }
}
