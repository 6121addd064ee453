import Foundation

/// Timings of one measured operation, in seconds.
struct TUISamples {
    var values: [Double]

    /// Times `body` `count` times (the caller warms up first).
    static func time(_ count: Int, _ body: () -> Void) -> TUISamples {
        var values: [Double] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            let start = ContinuousClock.now
            body()
            values.append(seconds(ContinuousClock.now - start))
        }
        return TUISamples(values: values)
    }

    static func timeAsync(_ count: Int, _ body: () async -> Void) async -> TUISamples {
        var values: [Double] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            let start = ContinuousClock.now
            await body()
            values.append(seconds(ContinuousClock.now - start))
        }
        return TUISamples(values: values)
    }

    var median: Double { Measure.median(values) }
    var min: Double { values.min() ?? 0 }

    /// The nearest-rank 95th percentile.
    var p95: Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((0.95 * Double(sorted.count)).rounded(.up))
        return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank - 1))]
    }
}

/// The figures as a Markdown table, like scripts/bench.sh prints, with each target checked.
struct TUITable {
    private var rows: [String] = []
    private var notes: [String] = []
    private var verdicts: [Bool] = []

    mutating func note(_ text: String) { notes.append(text) }

    /// A timing row; the verdict is on the p95 (what a person notices), the target in ms.
    mutating func row(_ name: String, _ samples: TUISamples, target: Double, detail: String = "") {
        let ok = samples.p95 * 1e3 < target
        verdicts.append(ok)
        rows.append(
            "| \(name) | \(ms(samples.median)) | \(ms(samples.p95)) | \(ms(samples.min)) | \(samples.values.count) | < \(Int(target)) ms | \(ok ? "PASS" : "FAIL") | \(detail) |"
        )
    }

    mutating func memory(_ name: String, _ megabytes: Double, target: Double, detail: String = "") {
        let ok = megabytes < target
        verdicts.append(ok)
        rows.append(
            "| \(name) | \(String(format: "%.1f MB", megabytes)) | | | 1 | < \(Int(target)) MB | \(ok ? "PASS" : "FAIL") | \(detail) |"
        )
    }

    func print() {
        var out = ""
        for note in notes { out += note + "\n" }
        out +=
            "\n| figure | median | p95 | min | samples | target | verdict | notes |\n|---|---|---|---|---|---|---|---|\n"
        for row in rows { out += row + "\n" }
        out += "\n\(verdicts.filter { $0 }.count)/\(verdicts.count) targets met (timings judged on p95)\n"
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    private func ms(_ s: Double) -> String {
        s * 1e3 < 1 ? String(format: "%.3f ms", s * 1e3) : String(format: "%.2f ms", s * 1e3)
    }
}
