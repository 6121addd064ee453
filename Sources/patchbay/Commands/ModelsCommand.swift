import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayProviders

struct ModelsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "List the model aliases, what each resolves to, and whether it is reachable.",
        discussion:
            "Reachability asks each provider's model list with its key (5 s timeout); the local model counts as reachable when it is installed, since Patchbay starts it on first use."
    )

    @Option(help: "The project folder whose patchbay.toml applies (default: the one containing the current folder).")
    var project: String?

    @Flag(help: "Skip the reachability checks.")
    var offline = false

    @Flag(help: "Print one JSON object per alias.")
    var json = false

    @OptionGroup var modelOptions: ModelOptions

    func run() async throws {
        let root = project ?? Models.currentProjectRoot
        let models = try Models.load(projectRoot: root, options: modelOptions)
        try await models.using { hub in
            let names = models.config.aliases.keys.sorted()
            let states = await withTaskGroup(of: (String, Reachability?).self) { group in
                for name in names { group.addTask { (name, offline ? nil : await hub.probe(alias: name)) } }
                return await group.reduce(into: [String: Reachability?]()) { $0[$1.0] = $1.1 }
            }
            for name in names {
                let alias = models.config.aliases[name]!
                let target = "\(alias.provider):\(alias.model)"
                // How `schema:` answers are held to the schema (`none`: validated only).
                let constrain = models.config.constrainMode(forAlias: name)?.rawValue ?? "none"
                // How tool calls reach the model: its API's own, or the prompted protocol.
                let tools = models.config.toolMode(forAlias: name)?.rawValue ?? "native"
                // Shown offline too: it is a fact about the config, not the network.
                let state =
                    models.config.untrustedKeyUses[alias.provider].map { .needsTrust($0.summary) } ?? states[name]
                    ?? nil
                if json {
                    var o: [String: JSONValue] = [
                        "alias": .string(name), "provider": .string(alias.provider), "model": .string(alias.model),
                        "constrain": .string(constrain), "tools": .string(tools),
                    ]
                    if let state {
                        o["reachable"] = .bool(state.isReachable)
                        o["detail"] = .string(state.detail)
                        if case .needsTrust = state { o["needs_trust"] = true }
                    }
                    Console.json(JSONValue.object(o).compactJSON)
                } else {
                    let mark = state.map { $0.mark } ?? "-   "
                    Console.out(
                        "\(mark) \(name.padding(toLength: max(8, name.count), withPad: " ", startingAt: 0))  \("schema:\(constrain)".padding(toLength: 18, withPad: " ", startingAt: 0))\("tools:\(tools)".padding(toLength: 15, withPad: " ", startingAt: 0))\(target)\(state.map { "  (\($0.detail))" } ?? "")"
                    )
                }
            }
        }
    }
}

extension Reachability {
    var detail: String {
        switch self {
        case .reachable(let s), .unreachable(let s), .needsTrust(let s): s
        }
    }

    var mark: String {
        switch self {
        case .reachable: "ok  "
        case .unreachable: "FAIL"
        case .needsTrust: "TRUST"
        }
    }
}
