extension ModelConfig {
    /// What a call through `alias` costs per million tokens: zero on this machine (the bundled
    /// model, or any provider on a loopback address such as Ollama), else the configured price,
    /// or nil when the model has none (the cost is then unknown, not zero).
    public func price(forAlias alias: String) -> Price? {
        guard let entry = aliases[alias] else { return nil }
        if let provider = providers[entry.provider], provider.runsOnThisMachine { return Price(input: 0, output: 0) }
        return PriceTable.lookup(entry.model, in: prices)
    }
}

extension ProviderSettings {
    /// The bundled model, or a server on a loopback address.
    public var runsOnThisMachine: Bool {
        if kind == .local { return true }
        guard let rest = baseURL.split(separator: "://", maxSplits: 1).dropFirst().first else { return false }
        let authority = rest.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        let host: String
        if authority.hasPrefix("[") {  // [::1]:8080
            host = String(authority.dropFirst().prefix { $0 != "]" })
        } else {
            host = String(authority.prefix { $0 != ":" })
        }
        return host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
