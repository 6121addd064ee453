import PatchbayEval
import PatchbayProviders

extension EvalDefaults {
    /// The eval defaults the config gives (`[eval]`, over the built-in values), read here only,
    /// so `patchbay eval` and the workbench's `:eval` (through `patchbay open`) run alike.
    /// Provider limits (`max_concurrency`, `requests_per_minute`, timeouts) apply beneath them
    /// through the model hub.
    init(config: ModelConfig) {
        self = .standard
        if let repeats = config.eval.repeats { self.repeats = repeats }
        if let concurrency = config.eval.concurrency { self.concurrency = concurrency }
    }
}
