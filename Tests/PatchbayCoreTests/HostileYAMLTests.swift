import Foundation
import Testing

@testable import PatchbayCore

/// Small files that stand for unbounded work: nested aliases ("billion laughs").
@Suite struct HostileYAMLTests {
    /// `levels` anchors, each a list of nine aliases of the one before, used by a node field.
    static func laughs(levels: Int) -> String {
        var lines = ["patchbay: 1", "x0: &a0 [x,x,x,x,x,x,x,x,x]"]
        for i in 1..<levels {
            lines.append("x\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ",") + "]")
        }
        lines += ["nodes:", "  a: { kind: input, type: string, description: *a\(levels - 1) }"]
        return lines.joined(separator: "\n") + "\n"
    }

    // Before the fix: 7 levels took 11 s and 183 MB (debug CLI), 9 levels ran for minutes past 250 MB.
    @Test(arguments: [7, 9])
    func nestedAliasesAreRefusedQuickly(levels: Int) {
        let text = Self.laughs(levels: levels)
        let start = ContinuousClock.now
        do {
            _ = try GraphCodec.decode(text, path: "l.graph.yaml")
            Issue.record("\(levels) levels of aliases decoded")
        } catch let error as GraphFileError {
            let first = error.diagnostics.first
            #expect(first?.message.contains("anchors and aliases") == true, "\(error)")
            // At the aliases that cross the cap: `x6: &a6 [*a5, …]` holds 9^7 nodes.
            #expect(first?.location == SourceLocation(line: 8, column: 10), "\(error)")
        } catch { Issue.record("\(error)") }
        let elapsed = ContinuousClock.now - start
        print("billion laughs, \(levels) levels (\(text.utf8.count) bytes): refused in \(elapsed)")
        #expect(elapsed < .seconds(5))
    }
}
