import PatchbayEval
import PatchbayProviders

extension EvalDefaults {
    /// The eval defaults a project's config gives, read here only, so `patchbay eval` and the
    /// workbench's `:eval` (through `patchbay open`) run alike. patchbay.toml has no eval table
    /// yet: these are the built-in values, and provider limits (`max_concurrency`,
    /// `requests_per_minute`, timeouts) apply beneath them through the model hub.
    init(config: ModelConfig) {
        self = .standard
    }
}
