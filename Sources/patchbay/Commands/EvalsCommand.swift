import ArgumentParser
import Foundation
import PatchbayCore
import PatchbayEval
import PatchbayPresentation
import PatchbayStore

/// `patchbay evals`: past evals of a project, one report, or two compared.
struct EvalsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evals",
        abstract: "List past evals, show one, or compare two.",
        subcommands: [EvalsListCommand.self, EvalsShowCommand.self, EvalsCompareCommand.self],
        defaultSubcommand: EvalsListCommand.self)

    /// A stored eval's report, read back.
    static func report(_ record: EvalRecord) throws -> EvalReport {
        if record.improveReport != nil {
            throw CLIError(
                "eval \(record.id.prefix(8)) is an improve search, not an eval\n  hint: patchbay improve --show \(record.id.prefix(8))"
            )
        }
        do { return try EvalReport.decode(Data(record.report.utf8)) } catch {
            throw CLIError("eval \(record.id.prefix(8)) has no readable report: \(error.localizedDescription)")
        }
    }
}

struct EvalsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Recent evals, newest first.")

    @Option(parsing: .unconditional, help: OptionRange.runsLimit.help("How many to list."))
    var limit = 20

    func validate() throws {
        try OptionRange.runsLimit.check(limit)
    }

    @Flag(help: "Print them as JSON lines.")
    var json = false

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let runStore = try ProjectStore.reading(project: store.project)
        let records = try ProjectStore.storeCall { try runStore.evals(limit: limit) }
        if json {
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            for record in records {
                Console.json(String(decoding: (try? encoder.encode(record)) ?? Data(), as: UTF8.self))
            }
            return
        }
        if records.isEmpty {
            Console.err("no evals yet: run `patchbay eval GRAPH --cases FILE`")
            return
        }
        let header = ["ID", "WHEN", "PASS", "95% INTERVAL", "PASSED", "CASES×N", "GRAPH (VS VARIANTS)"]
        let rows = records.map { r in
            let graph = EvalText.clean(URL(fileURLWithPath: r.graphPath).lastPathComponent)
            let variants =
                r.variants.isEmpty
                ? ""
                : " vs "
                    + r.variants.map { EvalText.clean(URL(fileURLWithPath: $0).lastPathComponent) }.joined(
                        separator: ", ")
            return [
                String(r.id.prefix(8)), HistoryFormat.when(r.startedAt), EvalText.percent(r.passRate),
                "[\(EvalText.percent(r.lower)), \(EvalText.percent(r.upper))]", "\(r.passed)/\(r.samples)",
                "\(r.cases)×\(r.repeats)",
                graph + variants,
            ]
        }
        for line in TextTable().lines([header] + rows) { Console.out(line) }
        if records.contains(where: { !$0.variants.isEmpty }) {
            Console.err("PASS is the first graph's; `patchbay evals show ID` has every variant")
        }
    }
}

struct EvalsShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "The report of a stored eval.")

    @Argument(help: "An eval id, a unique prefix of one, or `last`.")
    var eval: String

    @Flag(help: "Print the report as JSON.")
    var json = false

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let runStore = try ProjectStore.reading(project: store.project)
        let record = try ProjectStore.storeCall { try runStore.eval(eval) }
        let report = try EvalsCommand.report(record)
        if json {
            Console.json(String(decoding: try EvalText.json(report), as: UTF8.self))
        } else {
            Console.out(EvalReportText.report(report, title: URL(fileURLWithPath: record.graphPath).lastPathComponent))
        }
    }
}

struct EvalsCompareCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Two stored evals side by side: per-case k/N and the difference in pass rate B − A.")

    @Argument(help: "The first eval (A): an id, a unique prefix, or `last`.")
    var a: String

    @Argument(help: "The second eval (B).")
    var b: String

    @Flag(help: "Print the comparison as JSON.")
    var json = false

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let runStore = try ProjectStore.reading(project: store.project)
        let records = try [a, b].map { ref in try ProjectStore.storeCall { try runStore.eval(ref) } }
        let reports = try records.map(EvalsCommand.report)
        var summaries = reports.map { $0.summary() }
        // Label each side by its eval, so a graph compared with itself still reads A and B apart.
        for i in 0..<2 { summaries[i].variant = "\(["A", "B"][i]) \(records[i].id.prefix(8))" }
        let comparison = EvalComparison(a: summaries[0], b: summaries[1])
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            Console.json(String(decoding: try encoder.encode(comparison), as: UTF8.self))
            return
        }
        if reports[0].suiteHash != reports[1].suiteHash {
            Console.err("note: the two evals ran different cases files; only cases with the same id line up")
        }
        func cell(_ t: EvalSummary.CaseTally?) -> String { t.map { "\($0.passed)/\($0.total)" } ?? "-" }
        let rows = comparison.rows.map { [EvalText.clean($0.id), cell($0.a), cell($0.b)] }
        let table = TextTable(alignments: [.left, .right, .right], minimumWidths: [4, 5, 5])
        for line in table.lines([["case", "A", "B"]] + rows) { Console.out(line) }
        Console.out("")
        for (label, s, r) in [("A", summaries[0], records[0]), ("B", summaries[1], records[1])] {
            Console.out(
                "\(label) \(r.id.prefix(8)) \(EvalText.clean(URL(fileURLWithPath: r.graphPath).lastPathComponent)): \(EvalText.rate(s))"
            )
        }
        Console.out(EvalReportText.verdict(comparison))
        if reports.contains(where: { $0.repeats > 1 }) { Console.out(EvalReportText.differenceNote) }
    }
}
