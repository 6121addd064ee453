import Foundation
import PatchbayCore
import Testing

@testable import PatchbayProviders

/// Which project-file settings need the user's trust before a key is sent, decided when the
/// config is read (`ModelConfig.untrustedKeyUses`), and how the trust list records config files.
@Suite final class ProjectKeyTrustRuleTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("patchbay-keytrust-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("user/patchbay"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("project"), withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var userPath: String { folder.appendingPathComponent("user/patchbay/config.toml").path }
    var projectPath: String { folder.appendingPathComponent("project/patchbay.toml").path }

    func load(project: String, user: String? = nil) throws -> ModelConfig {
        try project.write(toFile: projectPath, atomically: false, encoding: .utf8)
        if let user {
            try user.write(toFile: userPath, atomically: false, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: userPath)
        }
        return try ConfigLoader.load(ConfigLocations(userFile: userPath, projectFile: projectPath))
    }

    @Test func renamingTheKeyVariableOfABuiltInNeedsTrustEvenAtItsOwnHost() throws {
        let config = try load(
            project:
                "[providers.openai]\napi_key_env = \"AWS_SECRET_ACCESS_KEY\"\n\n[models]\nfast = \"openai:gpt-4o-mini\"\n"
        )
        let use = try #require(config.untrustedKeyUses["openai"])
        #expect(use.variable == "AWS_SECRET_ACCESS_KEY" && use.host == "api.openai.com" && use.line == 2)
        #expect {
            try ProviderHub(config: config, environment: [:]).resolve(alias: "fast")
        } throws: { error in
            "\(error)".contains("$AWS_SECRET_ACCESS_KEY to api.openai.com")
                && "\(error)".contains("patchbay trust \(self.projectPath)")
        }
    }

    @Test func restatingTheSameVariableOrHostNeedsNoTrust() throws {
        let config = try load(
            project: "[providers.openai]\napi_key_env = \"OPENAI_API_KEY\"\nbase_url = \"https://api.openai.com/v2\"\n")
        #expect(config.untrustedKeyUses.isEmpty)
    }

    @Test func movingAKeylessProviderNeedsNoTrustButAUserFileKeyCounts() throws {
        let keyless = try load(project: "[providers.ollama]\nbase_url = \"http://gpu-box:11434/v1\"\n")
        #expect(keyless.untrustedKeyUses.isEmpty)
        let keyed = try load(
            project: "[providers.ollama]\nbase_url = \"http://gpu-box:11434/v1\"\n",
            user: "[providers.ollama]\napi_key = \"sk-user-file-key\"\n")
        let use = try #require(keyed.untrustedKeyUses["ollama"])
        #expect(use.variable == nil && use.host == "gpu-box:11434" && use.keyName.contains("user config"))
    }

    @Test func theUserFileMayMoveABuiltInAnywhere() throws {
        let config = try load(project: "", user: "[providers.anthropic]\nbase_url = \"https://proxy.example/v1\"\n")
        #expect(config.untrustedKeyUses.isEmpty)
    }

    @Test func trustIsByPathAndContent() throws {
        let text = "[providers.x]\nbase_url = \"https://x.example/v1\"\n"
        var list = TrustList(path: TrustList.file(besideUserConfig: userPath))
        list.add(config: projectPath, text: text)
        try list.save()
        #expect(try load(project: text).untrustedKeyUses.isEmpty)
        let edited = try load(project: text + "# edited\n")
        #expect(edited.untrustedKeyUses["x"]?.variable == "X_API_KEY", "an edit revokes the trust")
        #expect(list.graphFiles.isEmpty, "a config entry trusts no graph")
        #expect(
            list.trusts(config: projectPath, text: text) && !list.trusts(config: projectPath + ".other", text: text))
    }

    @Test func maskerCoversKeyValuesAndURLCredentials() throws {
        let config = try load(
            project:
                "[providers.creds]\nbase_url = \"https://user:hunter22@h.example/v1?key=abcdef12\"\napi_key_env = \"\"\n"
        )
        let masker = config.secretMasker(environment: ["OPENAI_API_KEY": "sk-openai-value"])
        #expect(masker.mask("a sk-openai-value b hunter22 c abcdef12") == "a •••• b •••• c ••••")
        #expect(
            masker.mask("at https://user:hunter22@h.example/v1?key=abcdef12") == "at https://••••@h.example/v1?key=••••"
        )
        #expect(config.providers["creds"]?.displayURL == "https://••••@h.example/v1?key=••••")
    }
}
