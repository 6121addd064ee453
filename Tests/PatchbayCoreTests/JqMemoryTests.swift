import Foundation
import Testing

@testable import PatchbayCore

/// Runs 100,000 evaluations and checks resident memory stays flat: a leaked jv per
/// evaluation (hundreds of bytes) would add tens of MB between the 10k and 100k marks.
@Suite struct JqMemoryTests {
    @Test func hundredThousandEvaluationsKeepMemoryFlat() throws {
        let shape = try JqProgram.compile("{a: .x, b: [.y[] * 2], s: (.s + \"!\"), k: (.x | keys)}")
        let stream = try JqProgram.compile(".y[]")
        let failing = try JqProgram.compile(".s | error")
        let input: JSONValue = ["x": ["k": "v", "n": [1, 2, 3]], "y": [1, 2, 3, 4], "s": "hello wörld"]
        let expected: JSONValue = [
            "a": ["k": "v", "n": [1, 2, 3]], "b": [2, 4, 6, 8], "s": "hello wörld!", "k": ["k", "n"],
        ]

        func evaluate(_ count: Int) throws {
            for i in 0..<count {
                switch i % 10 {
                case 8: _ = try stream.first(input)  // stops mid-output
                case 9: _ = try? failing.run(input)  // runtime error path
                default:
                    let result = try shape.first(input)
                    if result != expected { throw JqError("wrong result at \(i)") }
                }
            }
        }

        // Other suites run in the same process at the same time; a real leak grows on every
        // attempt, noise from others does not, so only fail when all attempts grew.
        var growths: [Int] = []
        for _ in 0..<3 {
            try evaluate(10_000)
            let before = residentBytes()
            try evaluate(90_000)
            let growth = residentBytes() - before
            growths.append(growth)
            if growth < 4 << 20 { break }
        }
        #expect(
            growths.last! < 4 << 20, "resident memory grew by \(growths.map { $0 >> 10 }) KiB over 90,000 evaluations")
    }

    private func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        return (fields.count > 1 ? Int(fields[1]) ?? 0 : 0) * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
