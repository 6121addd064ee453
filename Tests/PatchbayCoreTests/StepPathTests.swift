import Testing

@testable import PatchbayCore

/// Step paths name every step, tool-loop turns and calls included, and read back from their text.
@Suite struct StepPathTests {
    @Test func callsCarryTheirToolAndReadBack() {
        let call = StepPath(node: "agent").appending("turn", index: 2).appending(
            "call", index: 1, label: "get_current_time")
        #expect(call.description == "agent/turn[2]/call[1]:get_current_time")
        #expect(StepPath(parsing: call.description) == call)
        #expect(call.nodePath == "agent/turn/call")
        #expect(call.labelledNodePath == "agent/turn/call:get_current_time")
        #expect(StepPath(parsing: "review/refine[2]/critique").labelledNodePath == nil)
    }

    @Test func toolsFieldEntries() throws {
        #expect(
            try ToolSource.parse([["mcp": "time"], ["mcp": "git/git_log"]])
                == [.mcp(server: "time", tool: nil), .mcp(server: "git", tool: "git_log")])
        #expect(throws: NodeError.self) { try ToolSource.parse("time") }
        #expect(throws: NodeError.self) { try ToolSource.parse([["graph": "x.graph.yaml", "mcp": "time"]]) }
        #expect(try ToolSource.parse(nil).isEmpty)
    }
}
