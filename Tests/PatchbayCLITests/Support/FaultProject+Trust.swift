import Foundation
import PatchbayProviders
import Synchronization

extension FaultProject {
    /// Puts the project's `patchbay.toml`, as it is now, on the trust list of the default config
    /// folder (`CLI.emptyConfig`), as `patchbay trust patchbay.toml` would. Tests run in parallel
    /// in this process, so the list's read-modify-write is serialized here.
    func trustConfig() throws {
        let listPath = TrustList.file(
            besideUserConfig: try CLI.emptyConfig.get().appendingPathComponent("patchbay/config.toml").path)
        let text = try String(contentsOf: configFile, encoding: .utf8)
        try defaultTrustListLock.withLock { _ in
            var list = TrustList.load(path: listPath)
            list.add(config: configFile.path, text: text)
            try list.save()
        }
    }
}

private let defaultTrustListLock = Mutex(())
