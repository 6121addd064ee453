import Foundation
import PatchbayProviders

/// `patchbay trust FILE…`: a `.toml` file is a project config, trusted by path and content (so
/// that editing it revokes the trust); anything else is a graph.
extension TrustList {
    mutating func add(file: String) throws {
        guard Self.isConfig(file) else { return add(graph: file) }
        let text: String
        do { text = try String(contentsOfFile: file, encoding: .utf8) } catch {
            throw CLIError("cannot read \(file): trust a config file that exists (it is trusted as it is now)")
        }
        add(config: file, text: text)
    }

    mutating func remove(file: String) {
        if Self.isConfig(file) { remove(config: file) } else { remove(graph: file) }
    }

    static func isConfig(_ file: String) -> Bool { file.hasSuffix(".toml") }
}
