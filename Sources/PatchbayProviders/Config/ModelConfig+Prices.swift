extension ModelConfig {
    /// What a call through `alias` costs per million tokens: zero for the bundled model; on
    /// another server on this machine (a loopback address, such as Ollama) zero unless a config
    /// file prices its model (a local proxy may forward to a paid API), since list prices are
    /// for the hosted APIs; elsewhere the price, or nil when the model has none (the cost is then
    /// unknown, not zero).
    public func price(forAlias alias: String) -> Price? {
        guard let entry = aliases[alias] else { return nil }
        if let provider = providers[entry.provider], provider.runsOnThisMachine {
            if provider.kind == .local { return Price(input: 0, output: 0) }
            let configured = prices.filter { !listPriced.contains($0.key) }
            return PriceTable.lookup(entry.model, in: configured) ?? Price(input: 0, output: 0)
        }
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
