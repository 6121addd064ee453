import PatchbayCore
import TOMLKit

/// Applies config files in order over the built-ins, then checks what only the whole can show
/// (an alias's provider may come from a later file).
struct ConfigBuilder {
    static let topLevelKeys = ["models", "providers", "prices", "ui", "keys", "limits", "eval", "mcp"]
    static let providerKeys = [
        "type", "base_url", "api_key_env", "api_key", "max_concurrency", "requests_per_minute", "max_retries",
        "raw_completions", "timeouts", "constrain", "tools",
    ]
    static let parameterKeys = ["temperature", "max_tokens", "seed", "top_p"]
    static let aliasKeys = ["provider", "model", "timeouts", "constrain", "tools"] + parameterKeys
    static let priceKeys = ["input", "output"]

    private(set) var config: ModelConfig
    /// The user file, named in hints about where keys belong.
    let userFile: String?
    /// Where each alias was last defined, for errors found once every file is in.
    private var aliasOrigins: [String: (file: String, line: Int?)] = [:]
    /// Timeouts an alias sets itself; the rest come from its provider once every file is in.
    private var aliasTimeouts: [String: PartialTimeouts] = [:]
    /// Providers whose key the project file redirects or names, by provider: whether that sends
    /// a key is known once every file is in (see `UntrustedKeyUse`).
    private var projectKeyChanges: [String: (file: String, line: Int?)] = [:]
    /// Limits the project file raises above the user's (or the defaults): a cloned project may
    /// lower them, but raising them needs trust, as keys do (see `finish`).
    private var projectLimitRaises: [(name: RunLimits.Name, from: Int, to: Int, file: String, line: Int?)] = []
    /// Whether the user trusts the project file as it is (`patchbay trust patchbay.toml`).
    var projectTrusted = false

    init(base: ModelConfig, userFile: String?) {
        config = base
        self.userFile = userFile
    }

    mutating func apply(text: String, file: String, role: ConfigDocument.Role) throws {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(
                file: file, line: error.source.begin.line, column: error.source.begin.column,
                message: "invalid TOML: \(error.description)")
        }
        let document = ConfigDocument(file: file, role: role, lines: TOMLLineIndex(text: text))
        try document.checkKeys(root, allowed: Self.topLevelKeys, at: [])
        // Providers first: an alias in the same file may name one it defines.
        if let providers = root["providers"] {
            for (name, value) in try document.table(providers, at: ["providers"]) {
                try applyProvider(name, value, document)
            }
        }
        if let models = root["models"] {
            for (alias, value) in try document.table(models, at: ["models"]) { try applyAlias(alias, value, document) }
        }
        if let prices = root["prices"] {
            for (model, value) in try document.table(prices, at: ["prices"]) { try applyPrice(model, value, document) }
        }
        if let servers = root["mcp"] {
            for (name, value) in try document.table(servers, at: ["mcp"]) {
                config.mcpServers[name] = try Self.mcpServer(name, value, document)
            }
        }
        config.interface = try Self.interface(root, document, onto: config.interface)
        config.eval = try Self.eval(root, document, onto: config.eval)
        let limits = try Self.limits(root, document, onto: config.limits)
        if role == .project {
            for name in RunLimits.Name.allCases where limits[name] > config.limits[name] {
                projectLimitRaises.append(
                    (name, config.limits[name], limits[name], file, document.lines.line(of: ["limits", name.rawValue])))
            }
        }
        config.limits = limits
        config.sources.append(file)
    }

    /// Every alias's provider exists; aliases get their provider's timeouts under their own.
    mutating func finish() throws -> ModelConfig {
        for name in config.aliases.keys.sorted() {
            let alias = config.aliases[name]!
            guard let provider = config.providers[alias.provider] else {
                let origin = aliasOrigins[name]
                throw ConfigError(
                    file: origin?.file, line: origin?.line,
                    message: "alias `\(name)` uses unknown provider `\(alias.provider)`",
                    hint: .text(
                        Suggestions.hint(for: alias.provider, in: config.providers.keys).description
                            + " (or define it in a `[providers.\(ConfigDocument.dotted([alias.provider]))]` table)"))
            }
            config.aliases[name]!.timeouts = (aliasTimeouts[name] ?? PartialTimeouts()).applied(to: provider.timeouts)
        }
        if !projectTrusted, let raise = projectLimitRaises.first {
            // Everything in the project is refused rather than run with other limits than written.
            throw ConfigError(
                file: raise.file, line: raise.line,
                message:
                    "`limits.\(raise.name.rawValue)` raises the limit from \(raise.from) to \(raise.to); a project file may lower limits, but raising them needs your trust",
                hint:
                    "if you wrote this file or agree with it, trust it: patchbay trust \(raise.file) (an edit revokes the trust); or lower the value"
            )
        }
        if !projectTrusted {
            for (name, change) in projectKeyChanges {
                guard let provider = config.providers[name], provider.kind != .local,
                    provider.apiKeyEnv != nil || config.keys[name] != nil
                else { continue }
                config.untrustedKeyUses[name] = UntrustedKeyUse(
                    provider: name, file: change.file, line: change.line, variable: provider.apiKeyEnv,
                    host: UntrustedKeyUse.host(of: provider.baseURL))
            }
        }
        return config
    }

    // MARK: - Providers

    private mutating func applyProvider(_ name: String, _ value: TOMLValueConvertible, _ document: ConfigDocument)
        throws
    {
        let path = ["providers", name]
        let table = try document.table(value, at: path)
        // Before anything else, so the project file's key is refused even beside other mistakes.
        if table.contains(key: "api_key"), document.role == .project {
            let env = config.providers[name]?.apiKeyEnv ?? ModelConfig.defaultKeyEnv(forProvider: name)
            let userFileHint =
                userFile.map { "in the user config `\($0)` (mode 600)" } ?? "in the user config (mode 600)"
            throw document.error(
                at: path + ["api_key"],
                "`api_key` is not allowed in the project file: it is shared, and keys must not be",
                hint: "keys belong in environment variables (`export \(env)=…`) or \(userFileHint)")
        }
        try document.checkKeys(table, allowed: Self.providerKeys, at: path)
        guard !name.isEmpty, !name.contains(":") else {
            throw document.error(
                at: path, "provider name `\(name)` may not be empty or contain `:`",
                hint: "`:` separates provider and model in `PROVIDER:MODEL`")
        }

        let existing = config.providers[name]
        var kind = existing?.kind ?? .openai
        if let value = table["type"] {
            let text = try document.string(value, at: path + ["type"])
            guard let parsed = ProviderKind(rawValue: text) else {
                throw document.error(
                    at: path + ["type"], "unknown provider type `\(text)` for provider `\(name)`",
                    hint: Suggestions.hint(for: text, in: ProviderKind.allCases.map(\.rawValue)))
            }
            kind = parsed
        }
        var settings =
            existing
            ?? ProviderSettings(
                name: name, kind: kind, baseURL: "", apiKeyEnv: ModelConfig.defaultKeyEnv(forProvider: name),
                timeouts: kind == .local ? ModelConfig.localTimeouts : ModelConfig.hostedTimeouts)
        settings.kind = kind

        if let value = table["base_url"] {
            let url = try document.string(value, at: path + ["base_url"])
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw document.error(
                    at: path + ["base_url"], "`base_url` of provider `\(name)` must start with http:// or https://",
                    hint: "e.g. base_url = \"http://127.0.0.1:8000/v1\" (up to and including the version segment)")
            }
            settings.baseURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        } else if existing == nil, kind != .local {
            throw document.error(
                at: path, "new provider `\(name)` needs a `base_url`",
                hint: .text(
                    "e.g. base_url = \"http://127.0.0.1:8000/v1\"; built-in providers are "
                        + Suggestions.list(config.providers.keys.sorted())))
        }
        if let value = table["api_key_env"] {
            let env = try document.string(value, at: path + ["api_key_env"])
            // Never echo the value: a common slip is pasting the key itself here.
            guard env.isEmpty || ModelConfig.isEnvironmentVariableName(env) else {
                throw document.error(
                    at: path + ["api_key_env"],
                    "`api_key_env` of provider `\(name)` must name an environment variable (letters, digits and `_`)",
                    hint:
                        "it holds the variable's name, e.g. \"OPENAI_API_KEY\"; put the key itself in `api_key` in the user config, or in that variable"
                )
            }
            settings.apiKeyEnv = env.isEmpty ? nil : env
        }
        if let value = table["api_key"] {
            let key = try document.string(value, at: path + ["api_key"])
            guard !key.isEmpty else {
                throw document.error(at: path + ["api_key"], "`api_key` of provider `\(name)` is empty")
            }
            config.keys[name] = Secret(key)
        }
        if let value = table["max_concurrency"] {
            settings.maxConcurrency = try document.integer(value, at: path + ["max_concurrency"], atLeast: 1)
        }
        if let value = table["requests_per_minute"] {
            // 0 lifts a built-in limit.
            let limit = try document.integer(value, at: path + ["requests_per_minute"], atLeast: 0)
            settings.requestsPerMinute = limit == 0 ? nil : limit
        }
        if let value = table["max_retries"] {
            settings.maxRetries = try document.integer(value, at: path + ["max_retries"], atLeast: 0)
        }
        if let value = table["raw_completions"] {
            settings.rawCompletions = try document.bool(value, at: path + ["raw_completions"])
        }
        if let value = table["timeouts"] {
            settings.timeouts = try document.timeouts(value, at: path + ["timeouts"]).applied(to: settings.timeouts)
        }
        if let value = table["constrain"] { settings.constrain = try document.constrainMode(value, at: path) }
        if let value = table["tools"] { settings.tools = try document.toolMode(value, at: path) }
        if document.role == .project { noteKeyChange(name, before: existing, after: settings, table: table, document) }
        config.providers[name] = settings
    }

    /// A project file that names a new key variable for a provider, or moves a provider to
    /// another scheme, host or port, may be sending the user's key somewhere they never chose.
    private mutating func noteKeyChange(
        _ name: String, before: ProviderSettings?, after: ProviderSettings, table: TOMLTable, _ document: ConfigDocument
    ) {
        let path = ["providers", name]
        if table.contains(key: "api_key_env"), after.apiKeyEnv != nil, after.apiKeyEnv != before?.apiKeyEnv {
            projectKeyChanges[name] = (document.file, document.lines.line(of: path + ["api_key_env"]))
        } else if before.map({ UntrustedKeyUse.origin(of: $0.baseURL) }) != UntrustedKeyUse.origin(of: after.baseURL) {
            projectKeyChanges[name] = (document.file, document.lines.line(of: path + ["base_url"]))
        }
    }

    // MARK: - Aliases

    private mutating func applyAlias(_ alias: String, _ value: TOMLValueConvertible, _ document: ConfigDocument) throws
    {
        let path = ["models", alias]
        let origin = (file: document.file, line: document.lines.line(of: path))
        // A shorthand defines the alias afresh.
        if let text = value.string {
            guard let (provider, model) = ModelConfig.splitTarget(text) else {
                throw document.error(
                    at: path, "`\(ConfigDocument.dotted(path))` = \"\(text)\" is not PROVIDER:MODEL",
                    hint:
                        "e.g. \(ConfigDocument.dotted([alias])) = \"openai:gpt-4o-mini\", or a `[\(ConfigDocument.dotted(path))]` table"
                )
            }
            config.aliases[alias] = ModelAlias(alias: alias, provider: provider, model: model)
            aliasTimeouts[alias] = nil
            aliasOrigins[alias] = origin
            return
        }
        guard let table = value.table else {
            throw document.error(
                at: path,
                "`\(ConfigDocument.dotted(path))` must be a string \"PROVIDER:MODEL\" or a table, not \(ConfigDocument.article(value.type.description))"
            )
        }
        // A table changes only the fields it names.
        try document.checkKeys(table, allowed: Self.aliasKeys, at: path)
        let provider = try table["provider"].map { try document.string($0, at: path + ["provider"]) }
        let model = try table["model"].map { try document.string($0, at: path + ["model"]) }
        for (key, given) in [("provider", provider), ("model", model)] where given?.isEmpty == true {
            throw document.error(at: path + [key], "`\(key)` of alias `\(alias)` is empty")
        }
        var entry: ModelAlias
        if let existing = config.aliases[alias] {
            if let provider, provider != existing.provider, model == nil {
                throw document.error(
                    at: path + ["provider"],
                    "alias `\(alias)` moves to provider `\(provider)` but keeps model `\(existing.model)` of `\(existing.provider)`",
                    hint: "set `model` too")
            }
            entry = existing
            entry.provider = provider ?? existing.provider
            entry.model = model ?? existing.model
        } else {
            guard let provider, let model else {
                throw document.error(
                    at: path, "new alias `\(alias)` needs `provider` and `model`",
                    hint:
                        "e.g. provider = \"openai\" and model = \"gpt-4o-mini\", or the shorthand \(ConfigDocument.dotted([alias])) = \"openai:gpt-4o-mini\" under [models]"
                )
            }
            entry = ModelAlias(alias: alias, provider: provider, model: model)
            aliasTimeouts[alias] = nil
        }
        for key in Self.parameterKeys {
            guard let value = table[key] else { continue }
            let number: Double
            switch key {
            case "temperature": number = try document.number(value, at: path + [key], in: 0...2)
            case "top_p": number = try document.number(value, at: path + [key], in: 0...1)
            case "max_tokens": number = Double(try document.integer(value, at: path + [key], atLeast: 1))
            default: number = Double(try document.integer(value, at: path + [key], atLeast: 0))
            }
            entry.parameters[key] = .number(number)
        }
        if let value = table["timeouts"] {
            let timeouts = try document.timeouts(value, at: path + ["timeouts"])
            aliasTimeouts[alias] = (aliasTimeouts[alias] ?? PartialTimeouts()).merging(timeouts)
        }
        if let value = table["constrain"] { entry.constrain = try document.constrainMode(value, at: path) }
        if let value = table["tools"] { entry.tools = try document.toolMode(value, at: path) }
        config.aliases[alias] = entry
        aliasOrigins[alias] = origin
    }

    // MARK: - Prices

    private mutating func applyPrice(_ model: String, _ value: TOMLValueConvertible, _ document: ConfigDocument) throws
    {
        let path = ["prices", model]
        let table = try document.table(value, at: path)
        try document.checkKeys(table, allowed: Self.priceKeys, at: path)
        let input = try table["input"].map { try document.number($0, at: path + ["input"], in: 0...Double.infinity) }
        let output = try table["output"].map { try document.number($0, at: path + ["output"], in: 0...Double.infinity) }
        if let existing = config.prices[model] {
            config.prices[model] = Price(input: input ?? existing.input, output: output ?? existing.output)
        } else {
            guard let input, let output else {
                throw document.error(
                    at: path, "price of new model `\(model)` needs both `input` and `output`",
                    hint: "US dollars per million tokens, e.g. input = 0.15 and output = 0.60")
            }
            config.prices[model] = Price(input: input, output: output)
        }
        config.listPriced.remove(model)
    }
}
