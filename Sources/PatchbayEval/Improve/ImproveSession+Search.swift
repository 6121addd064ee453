import Foundation
import PatchbayCore

extension ImproveSession {
    /// One run of the search: its meter, its clock and what it found so far.
    struct Search: Sendable {
        let session: ImproveSession
        let meter: ModelMeter
        let started: Date

        /// What one eval of one graph came to.
        struct Measured: Sendable {
            var rate: ImproveReport.Rate
            var complete: Bool
            var calls: Int
            var cost: Double
            /// Why the graph could not be run at all (its plan did not build); nothing was measured.
            var problem: String?
        }

        /// A move tried on `graph` and judged against `rate`; nil when the search must stop (a
        /// budget, Ctrl-C) and `stop` says why.
        func attempt(
            _ move: ImproveMove, on graph: Candidate, against rate: ImproveReport.Rate, phase: String,
            repeats: Int
        ) async -> (row: ImproveReport.Candidate, changed: Candidate, measured: Measured)? {
            let changed = move.apply(to: graph)
            let measured = await measure(changed, on: session.split.dev, repeats: repeats)
            if let problem = measured.problem {
                return (
                    ImproveReport.Candidate(
                        phase: phase, kind: move.kind, node: move.node, label: move.label, dev: nil, calls: 0,
                        cost: 0, accepted: false, reason: "not run: \(problem)"), changed, measured
                )
            }
            guard measured.complete else { return nil }
            return (judge(move, phase: phase, measured, against: rate), changed, measured)
        }

        func run(progress: @Sendable (ImproveProgress) -> Void) async -> ImproveReport {
            var report = ImproveReport(
                id: session.id, graphPath: session.path, startedAt: started, finishedAt: started,
                trainCases: session.split.train.count, devCases: session.split.dev.count,
                testCases: session.split.test.count, testCaseIDs: session.split.test.map(\.id),
                repeats: max(1, session.options.repeats),
                baselineDev: .init(passed: 0, total: 0), candidates: [], accepted: [],
                winnerDev: .init(passed: 0, total: 0), notes: [], calls: 0, cost: 0)
            func finish(_ report: inout ImproveReport) {
                report.finishedAt = Date()
                report.calls = meter.calls
                report.cost = meter.cost
            }
            func tell(
                _ phase: ImproveProgress.Phase, _ candidate: ImproveReport.Candidate? = nil, _ changed: Candidate? = nil
            ) {
                progress(
                    ImproveProgress(
                        phase: phase, candidate: candidate, graph: changed?.graph,
                        subgraphs: changed.map(session.changedSubgraphs) ?? [:], best: report.winnerDev,
                        accepted: report.accepted, calls: meter.calls))
            }

            // Train: what passing runs of the original answered, for examples and the schema.
            let harvest = Harvest()
            tell(.train)
            let original = session.original
            _ = await measure(original, on: session.split.train, repeats: 1, observe: harvest.take(original))
            let base = await measure(original, on: session.split.dev, repeats: report.repeats)
            report.baselineDev = base.rate
            report.winnerDev = base.rate
            tell(.baseline)
            var stop = base.complete ? nil : interruption()

            let proposals = Proposals(session: session, harvest: harvest)
            report.notes = proposals.notes
            var helpful: [(move: ImproveMove, measured: Measured)] = []
            for move in proposals.moves where stop == nil {
                if let reason = overBudget(reserve: testReserve(base)) {
                    stop = reason
                    break
                }
                guard
                    let (candidate, changed, measured) = await attempt(
                        move, on: original, against: base.rate, phase: "single", repeats: report.repeats)
                else {
                    stop = interruption()
                    break
                }
                report.candidates.append(candidate)
                if candidate.accepted { helpful.append((move, measured)) }
                tell(.single, candidate, changed)
            }

            // Combine: the best single move first, then each other helpful one on top of the best so far.
            helpful.sort { $0.measured.rate.value > $1.measured.rate.value }
            var winner = original
            var best = base
            var used: Set<String> = []
            for (index, entry) in helpful.enumerated() where stop == nil {
                let key = entry.move.node + "/" + entry.move.kind
                guard !used.contains(key) else { continue }
                if index == 0 {
                    winner = entry.move.apply(to: winner)
                    best = entry.measured
                } else {
                    if let reason = overBudget(reserve: testReserve(best)) {
                        stop = reason
                        break
                    }
                    guard
                        let (candidate, changed, measured) = await attempt(
                            entry.move, on: winner, against: best.rate, phase: "combined", repeats: report.repeats)
                    else {
                        stop = interruption()
                        break
                    }
                    report.candidates.append(candidate)
                    tell(.combined, candidate, changed)
                    guard candidate.accepted else { continue }
                    winner = changed
                    best = measured
                }
                used.insert(key)
                report.accepted.append(entry.move.label)
                report.winnerDev = best.rate
            }
            report.stopped = stop

            // Test, once: the original and the winner, neither chosen by it.
            if !Task.isCancelled {
                tell(.test)
                let before = await measure(original, on: session.split.test, repeats: report.repeats)
                if before.complete { report.baselineTest = before.rate }
                if winner != original {
                    let final = await measure(winner, on: session.split.test, repeats: report.repeats)
                    if final.complete { report.winnerTest = final.rate }
                } else {
                    report.winnerTest = report.baselineTest
                }
            }
            if winner != original { (report.improvedGraph, report.improvedSubgraphs) = session.files(winner) }
            finish(&report)
            return report
        }

        /// A candidate judged against the graph it changes: accepted when the lower bound of the
        /// difference's 95% interval (Newcombe) is above zero.
        func judge(_ move: ImproveMove, phase: String, _ measured: Measured, against base: ImproveReport.Rate)
            -> ImproveReport.Candidate
        {
            let (difference, low, high) = EvalStats.newcombeDifference(
                passedA: base.passed, totalA: base.total, passedB: measured.rate.passed, totalB: measured.rate.total)
            let accepted = low > 0
            let reason: String
            if accepted {
                reason = "better: the interval of the gain is above zero"
            } else if difference > 0 {
                reason = "not proven: the gain's interval reaches \(Self.percent(low))"
            } else {
                reason = difference == 0 ? "no change" : "worse"
            }
            return ImproveReport.Candidate(
                phase: phase, kind: move.kind, node: move.node, label: move.label, dev: measured.rate,
                difference: difference, low: low, high: high, calls: measured.calls, cost: measured.cost,
                accepted: accepted, reason: reason)
        }

        static func percent(_ value: Double) -> String { "\(Int((value * 100).rounded()))%" }

        /// Calls to keep for test: the dev measurement's calls per sample, for the original and
        /// the winner on every test case.
        func testReserve(_ measured: Measured) -> Int {
            let perSample = Double(measured.calls) / Double(max(1, measured.rate.total))
            return Int(
                (perSample * Double(session.split.test.count * 2 * max(1, session.options.repeats))).rounded(.up))
        }

        /// The budget reached, if it is: calls (leaving `reserve` for test), cost or time.
        func overBudget(reserve: Int = 0) -> String? {
            let budget = session.options.budget
            if let calls = budget.calls, meter.calls + reserve >= calls {
                return "the calls budget (\(calls)) left no room for another candidate and the test run"
            }
            // The test run's calls cost what the calls so far cost on average.
            if let cost = budget.cost, meter.cost + Double(reserve) * meter.cost / Double(max(1, meter.calls)) >= cost {
                return "the cost budget ($\(cost)) left no room for another candidate and the test run"
            }
            if let seconds = budget.seconds, Date().timeIntervalSince(started) >= seconds {
                return "the time budget (\(Int(seconds)) s)"
            }
            return nil
        }

        func interruption() -> String { overBudget() ?? "stopped (Ctrl-C)" }

        /// One eval of `graph` on `cases`; stopped part way when a budget is reached or the
        /// caller cancels, then `complete` is false.
        func measure(
            _ candidate: Candidate, on cases: [EvalCase], repeats: Int,
            observe: (@Sendable (SampleResult, RunResult) -> Void)? = nil
        ) async -> Measured {
            let plan: ExecutionPlan
            do { plan = try session.plan(candidate) } catch {
                return Measured(
                    rate: .init(passed: 0, total: 0), complete: false, calls: 0, cost: 0, problem: "\(error)")
            }
            var environment = session.environment
            environment.models = meter
            var suite = session.suite
            suite.cases = cases
            var runner = EvalRunner(
                evalID: session.id, suite: suite,
                variants: [EvalVariant(name: "candidate", plan: plan, graphHash: candidate.contentHash)],
                options: EvalOptions(repeats: repeats, concurrency: session.options.concurrency),
                environment: environment)
            runner.observe = observe
            let (calls, cost) = (meter.calls, meter.cost)
            let switcher = CancelSwitch()
            let task = Task { [runner, self] in
                await runner.run { _ in if overBudget() != nil { switcher.flip() } }
            }
            switcher.hold(task)
            let report = await withTaskCancellationHandler {
                await task.value
            } onCancel: {
                task.cancel()
            }
            let passed = report.samples.filter(\.passed).count
            return Measured(
                rate: .init(passed: passed, total: report.samples.count), complete: report.complete,
                calls: meter.calls - calls, cost: meter.cost - cost)
        }
    }
}
