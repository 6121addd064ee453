import PatchbayCore

extension ProviderHub {
    /// The prompted tool protocol for this call, when the request offers tools and the alias
    /// calls them by prompt (`tools = "prompted"`); nil: tools go to the back end natively.
    func promptedTools(for request: ModelRequest, site: CallSite) -> PromptedTools? {
        guard !request.tools.isEmpty, config.toolMode(forAlias: site.alias.alias) == .prompted else { return nil }
        return PromptedTools(tools: request.tools, answerSchema: request.schema, raw: site.provider.rawCompletions)
    }
}
