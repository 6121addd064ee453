import PatchbayCore

extension ProviderHub {
    /// The prompted tool protocol for this call, when the request offers tools and the alias
    /// calls them by prompt (`tools = "prompted"`); nil: tools go to the back end natively.
    func promptedTools(for request: ModelRequest, site: CallSite) -> PromptedTools? {
        guard !request.tools.isEmpty, config.toolMode(forAlias: site.alias.alias) == .prompted else { return nil }
        return PromptedTools(tools: request.tools, answerSchema: request.schema, raw: site.provider.rawCompletions)
    }
}

extension ProviderHub {
    /// The request as `complete` sends it: the alias's defaults, and for a prompted-tools alias
    /// the tools and their instruction written into the prompt. An alias that does not resolve
    /// sends nothing, so the request is given back as it is.
    public func outgoing(_ request: ModelRequest, model: ResolvedModel) -> ModelRequest {
        guard let (alias, provider) = try? lookup(model.alias) else { return request }
        let site = CallSite(provider: provider, alias: alias)
        let filled = request.withDefaults(from: alias)
        return promptedTools(for: request, site: site)?.request(from: filled) ?? filled
    }
}
