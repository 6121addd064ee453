import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayPresentation
import PatchbayStore

extension EffectRunner {
    /// Starts an `improve` search of `graph` in the background, built as `:eval`'s session is:
    /// the same environment (so the store's journal and cache), the cases resolved the same way,
    /// concurrency and repeats from the config unless typed, the other options as typed (files
    /// they name found as the cases file is). Every candidate comes back as an `.improve`
    /// progress report, the search as a whole at the end (stored as `patchbay improve` stores it).
    func startImprove(_ graph: Graph, casesPath: String, arguments: ImproveArguments) {
        guard improveTask == nil else {
            send(.improve(.report(.refused("A search is running already: wait for it, or stop it (C-c)"))))
            return
        }
        let plan: ExecutionPlan
        do {
            plan = try ExecutionPlan.build(graph, path: documentPath, resolver: loader)
        } catch {
            send(.improve(.report(.refused("Fix the graph first: " + Self.firstLine(error)))))
            return
        }
        let main = EvalSession.Graph(path: documentPath, plan: plan, graphHash: graph.contentHash)
        func load(_ path: String) -> EvalSuite? {
            do {
                return try EvalSession.loadSuite(path: Self.resolveCases(path, documentPath: documentPath), for: [main])
            } catch {
                let problem = (error as? EvalSession.SuiteMismatch)?.problems.first?.error ?? error
                self.send(.improve(.report(.refused(Self.firstLine(problem)))))
                return nil
            }
        }
        var defaults = ImproveOptions()
        defaults.repeats = evalDefaults.repeats
        defaults.concurrency = evalDefaults.concurrency
        let options: ImproveOptions
        do {
            options = try arguments.options(defaults) { [documentPath] in
                try String(contentsOfFile: Self.resolveCases($0, documentPath: documentPath), encoding: .utf8)
            }
        } catch {
            send(.improve(.report(.refused(error.text { $0 }))))
            return
        }
        if let aliases = modelAliases {
            do { try arguments.checkModels(known: aliases) } catch {
                send(.improve(.report(.refused(error.text { $0 }))))
                return
            }
        }
        if let refusal = unready(graph, aliases: options.models.map { ($0, "models") }) {
            send(.improve(.report(.refused(refusal.message, detail: refusal.detail))))
            return
        }
        guard let suite = load(casesPath) else { return }
        var split: CaseSplit?
        if let dev = arguments.dev, let test = arguments.test {
            guard let dev = load(dev), let test = load(test) else { return }
            split = CaseSplit(train: suite.cases, dev: dev.cases, test: test.cases)
        }
        let session = ImproveSession(
            graph: graph, path: documentPath, suite: suite, split: split, options: options,
            environment: environment, resolver: loader)
        guard !session.split.dev.isEmpty else {
            send(.improve(.report(.refused("\(casesPath) has too few cases to split into train, dev and test"))))
            return
        }
        send(
            .improve(
                .report(
                    .started(
                        id: session.id, casesPath: casesPath, train: session.split.train.count,
                        dev: session.split.dev.count, test: session.split.test.count, repeats: options.repeats))))
        let send = self.send
        let store = self.store
        let graphPath = documentPath.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? ""
        improveTask = Task.detached { [self] in
            let report = await session.run(progress: { send(.improve(.report(.progress($0)))) })
            var saved = false
            if let store {
                // The candidates' runs first, so the record never names runs the store lacks.
                store.flush()
                do {
                    try store.saveEval(EvalRecord(report, graphPath: graphPath))
                    saved = true
                } catch {
                    send(.message("The search was not saved: \(Self.firstLine(error))", .warning))
                }
            }
            await self.improveEnded()
            send(.improve(.report(.finished(report, saved: saved))))
        }
    }

    func improveEnded() {
        improveTask = nil
    }
}
