import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayPresentation
import PatchbayStore

extension EffectRunner {
    /// Starts an eval of `graph` in the background (this runner keeps doing other effects):
    /// every sample's run goes to the store through the environment's journal, the record at
    /// the end. Progress and the report come back as `.eval` reports.
    func startEval(_ graph: Graph, casesPath: String, repeats: Int) {
        guard evalTask == nil else {
            send(.runtime(.eval(.refused("An eval is running already: wait for it, or stop it (C-c)"))))
            return
        }
        let plan: ExecutionPlan
        do {
            plan = try ExecutionPlan.build(graph, path: documentPath, resolver: loader)
        } catch {
            send(.runtime(.eval(.refused("Fix the graph first: " + Self.firstLine(error)))))
            return
        }
        let path = Self.resolveCases(casesPath, documentPath: documentPath)
        let suite: EvalSuite
        do {
            suite = try EvalSuite.load(path: path, inputs: plan.inputs, outputs: plan.outputs)
        } catch {
            send(.runtime(.eval(.refused(Self.firstLine(error)))))
            return
        }
        let evalID = UUID().uuidString.lowercased()
        let name = documentPath.map { PathText.baseName($0) } ?? "graph"
        let variant = EvalVariant(name: name, plan: plan, graphHash: graph.contentHash)
        let runner = EvalRunner(
            evalID: evalID, suite: suite, variants: [variant], options: EvalOptions(repeats: repeats, concurrency: 4),
            environment: environment)
        do {
            try runner.checkJudges(configured: modelAliases.map { Array($0) } ?? [])
        } catch {
            send(.runtime(.eval(.refused(Self.firstLine(error)))))
            return
        }
        send(
            .runtime(
                .eval(
                    .started(
                        id: evalID, casesPath: casesPath, caseIDs: runner.cases.map(\.id), repeats: max(1, repeats)))))
        let send = self.send
        let store = self.store
        let graphPath = documentPath.map { URL(fileURLWithPath: $0).standardizedFileURL.path } ?? ""
        evalTask = Task.detached { [self] in
            let report = await runner.run { send(.runtime(.eval(.progress($0)))) }
            var saved = false
            if let store {
                // The samples' runs first, so the record never names runs the store lacks.
                store.flush()
                let record = EvalRecord(report, graphPath: graphPath)
                do {
                    try store.saveEval(record)
                    saved = true
                } catch {
                    send(.runtime(.message("The eval was not saved: \(Self.firstLine(error))", .warning)))
                }
            }
            await self.evalEnded()
            send(.runtime(.eval(.finished(report, saved: saved))))
        }
    }

    func evalEnded() {
        evalTask = nil
    }
}
