import PatchbayCore

extension EvalRunner {
    /// The alias for judge checks that name none: `--judge`, else the file's `judge:`, else
    /// `judge` when it resolves, else `default`. Only that implicit `judge` falls back: an alias
    /// someone wrote is used as written (``checkJudges(configured:)`` refuses it up front).
    var defaultJudge: String {
        if let named = options.judgeAlias ?? suite.judge { return named }
        return (try? environment.models.resolve(alias: "judge")) != nil ? "judge" : "default"
    }

    /// Every judge alias the run will ask, once each, with what named it: for `RunReadiness`, so
    /// a judge whose key is not set refuses the eval before the first case, not in every case.
    public var judgeAliases: [(alias: String, namedBy: String)] {
        var found: [(alias: String, namedBy: String)] = []
        var seen: Set<String> = []
        let tests = suite.cases.flatMap { $0.expectations.map(\.test) } + suite.checks.map(\.test)
        for case .judge(_, let model) in tests where seen.insert(model ?? defaultJudge).inserted {
            found.append((model ?? defaultJudge, model == nil ? "the judge checks" : "a judge check's `model`"))
        }
        return found
    }

    /// Every judge alias named explicitly — `--judge`, the cases file's `judge:`, a judge
    /// check's `model` — must resolve; call this before ``run(progress:)``. The error names
    /// each unknown alias, where it was named, and `configured` (the aliases there are).
    public func checkJudges(configured: [String] = []) throws(EvalSuiteError) {
        var problems: [EvalSuiteError.Problem] = []
        var reported: Set<String> = []
        func require(_ alias: String, path: String, line: Int?, named: String) {
            guard (try? environment.models.resolve(alias: alias)) == nil,
                reported.insert("\(path):\(line ?? 0):\(alias)").inserted
            else { return }
            let known = configured.sorted()
            let hint =
                known.isEmpty
                ? "configure the alias in patchbay.toml, or name a configured one"
                : (Suggestions.didYouMean(alias, in: known).map { $0 + "; " } ?? "")
                    + "the configured aliases are: \(known.joined(separator: ", "))"
            problems.append(
                .init(
                    path: path, line: line, message: "judge model alias `\(alias)` (\(named)) is not configured",
                    hint: hint))
        }
        if let alias = options.judgeAlias { require(alias, path: "--judge", line: nil, named: "given to --judge") }
        if let alias = suite.judge {
            require(alias, path: suite.path, line: suite.judgeLine, named: "the file's `judge:`")
        }
        for evalCase in suite.cases {
            for case .judge(_, let model?) in evalCase.expectations.map(\.test) {
                require(
                    model, path: suite.path, line: evalCase.line == 0 ? nil : evalCase.line,
                    named: "case `\(evalCase.id)`'s judge `model`")
            }
        }
        for case .judge(_, let model?) in suite.checks.map(\.test) {
            require(model, path: suite.path, line: suite.checksLine, named: "a judge `model` in `checks:`")
        }
        if !problems.isEmpty { throw EvalSuiteError(problems: problems) }
    }
}
