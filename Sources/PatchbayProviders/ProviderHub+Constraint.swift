import PatchbayCore

extension ProviderHub {
    /// How this call enforces the request's schema, by the alias's `constrain` mode. Made before
    /// the first attempt, so a grammar is converted once per call (and cached across calls).
    func constraint(for request: ModelRequest, site: CallSite) async throws -> SchemaConstraint? {
        guard let schema = request.schema else { return nil }
        switch config.constrainMode(forAlias: site.alias.alias) ?? .none {
        case .grammar: return .grammar(try await grammars.grammar(for: schema))
        case .llamaCpp: return .llamaCppSchema
        case .jsonSchema: return .jsonSchema
        case .tool: return .tool
        case .none: return nil
        }
    }
}
