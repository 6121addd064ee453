import Foundation
import Testing

@testable import PatchbayCore

/// `fmt` never changes what a file means: bytes that aren't UTF-8 and numbers a 64-bit float
/// can't hold are refused where they are, and whatever decodes formats to the same graph.
@Suite struct FmtMeaningTests {
    static let sampleFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("sample-graphs")

    @Test func aLatin1ByteIsLocatedNotReplaced() throws {
        let bytes = Data("patchbay: 1\ntitle: \"caf".utf8) + Data([0xE9]) + Data("\"\nnodes: {}\n".utf8)
        guard case .failure(let problem) = UTF8Text.decode(bytes) else {
            Issue.record("decoded")
            return
        }
        #expect((problem.line, problem.column, problem.offset) == (2, 12, 23))
        #expect(problem.message.contains("0xE9"))
    }

    @Test(arguments: [
        ([UInt8]([0xFF, 0xFE, 0x70, 0x00]), "UTF-16 little-endian"), ([0xFE, 0xFF, 0x00, 0x70], "UTF-16 big-endian"),
    ])
    func aUTF16FileIsNamed(bytes: [UInt8], name: String) {
        guard case .failure(let problem) = UTF8Text.decode(Data(bytes)) else {
            Issue.record("decoded")
            return
        }
        #expect(problem.message.contains(name) && problem.line == 1)
    }

    @Test func aUTF8ByteOrderMarkIsDropped() throws {
        #expect(try UTF8Text.decode(Data([0xEF, 0xBB, 0xBF]) + Data("a: 1\n".utf8)).get() == "a: 1\n")
    }

    @Test(arguments: [
        "1e999", "-1e999", "9999999999999999999999", "12345678901234567", "0.10000000000000000001",
        "0x7FFFFFFFFFFFFFFF",
    ])
    func aNumberThatDoesNotRoundTripIsRefused(number: String) {
        let text = "patchbay: 1\nnodes:\n  t: { kind: template, template: hi, n: \(number) }\n"
        #expect(throws: GraphFileError.self) { try GraphCodec.formatted(text, path: "n.graph.yaml") }
        do {
            _ = try GraphCodec.decode(text, path: "n.graph.yaml")
        } catch let error as GraphFileError {
            #expect(error.diagnostics.first?.location == SourceLocation(line: 3, column: 41), "\(error)")
        } catch { Issue.record("\(error)") }
    }

    @Test(arguments: ["0.25", "1e300", "-7", "9007199254740992", "1.5e-7", "0x1F", "0o17"])
    func numbersAFloatHoldsAreKept(number: String) throws {
        _ = try GraphCodec.formatted(
            "patchbay: 1\nnodes:\n  t: { kind: template, template: hi, n: \(number) }\n", path: "n.graph.yaml")
    }

    /// Every sample, and 3,000 seeded mutations of them: what decodes formats to a file that
    /// decodes to the same graph, and formatting that again changes nothing.
    @Test func formattingKeepsTheGraphOverSamplesAndMutations() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.sampleFolder.path).filter {
            $0.hasSuffix(".graph.yaml")
        }
        let texts = try files.sorted().map {
            try String(contentsOf: Self.sampleFolder.appendingPathComponent($0), encoding: .utf8)
        }
        #expect(texts.count >= 5)
        var random = SplitMix64(seed: 12)
        var decoded = 0
        for round in 0..<3_000 {
            var text = texts[round % texts.count]
            if round >= texts.count { text = Self.mutate(text, &random) }
            guard let first = try? GraphCodec.decode(text, path: "m.graph.yaml") else { continue }
            decoded += 1
            let formatted = try #require(
                try? GraphCodec.formatted(text, path: "m.graph.yaml"), "round \(round): decodes but fmt fails:\n\(text)"
            )
            let again = try #require(
                try? GraphCodec.decode(formatted, path: "m.graph.yaml"),
                "round \(round): fmt wrote a file that does not decode:\n\(formatted)")
            #expect(again.graph == first.graph, "round \(round): the graph changed:\n\(text)\n---\n\(formatted)")
            #expect(
                try GraphCodec.formatted(formatted, path: "m.graph.yaml") == formatted, "round \(round): not idempotent"
            )
        }
        print("fmt property: \(decoded) of 3,000 inputs decoded, each formatted to the same graph")
        #expect(decoded > 300)
    }

    static let insertions = [
        "1e999", "9999999999999999999999", "0.1", "\u{200B}", "é", "\"", "'", ": ", " #", "- ", "{", "]", "&a ", "*a",
        "\n", "  ", "~", "null", "-0", "1_000", ".5",
    ]

    static func mutate(_ text: String, _ random: inout SplitMix64) -> String {
        var lines = text.components(separatedBy: "\n")
        for _ in 0..<(1 + random.next(3)) {
            let i = random.next(lines.count)
            switch random.next(4) {
            case 0:
                var line = Array(lines[i])
                let at = random.next(line.count + 1)
                line.insert(contentsOf: insertions[random.next(insertions.count)], at: at)
                lines[i] = String(line)
            case 1:
                var line = Array(lines[i])
                if !line.isEmpty { line.remove(at: random.next(line.count)) }
                lines[i] = String(line)
            case 2: lines.swapAt(i, random.next(lines.count))
            default: lines.insert(lines[i], at: i)
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension SplitMix64 {
    mutating func next(_ bound: Int) -> Int { bound > 0 ? Int(next() % UInt64(bound)) : 0 }
}
