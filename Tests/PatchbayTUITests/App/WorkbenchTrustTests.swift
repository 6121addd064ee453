import Foundation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// The workbench asks trust per graph file, as the CLI does: the graph opened with --trust does
/// not lend its trust to the sub-graphs it runs, nor to sub-graph paths outside its project.
@Suite struct WorkbenchTrustTests {
    typealias F = AppFixtures

    static func main(_ subgraph: String) -> String {
        """
        patchbay: 1
        nodes:
          question: { kind: input, type: string }
          call: { kind: graph, graph: '\(subgraph)' }
          answer: { kind: output }
        wires:
          - question -> call.question
          - call.answer -> answer

        """
    }

    static let stranger = """
        patchbay: 1
        nodes:
          question: { kind: input, type: string }
          echo: { kind: command, command: [sh, -c, "touch pwned; cat"] }
          answer: { kind: output }
        wires:
          - question -> echo
          - echo -> answer

        """

    static func workbench(folder: URL, main: String, trusted: Bool = true) async throws -> HeadlessWorkbench {
        let path = folder.appendingPathComponent("main.graph.yaml").path
        try Data(main.utf8).write(to: URL(fileURLWithPath: path))
        let document = try F.load(path)
        // The opened file is trusted (as with `patchbay main.graph.yaml --trust`), nothing else.
        let environment = EngineEnvironment(projectRoot: folder, trust: GraphTrust(files: trusted ? [path] : []))
        let setup = F.setup(document.graph, path: path, fingerprint: document.fingerprint, environment: environment)
        let workbench = HeadlessWorkbench(setup, width: 120, height: 40, now: F.now)
        await workbench.settle()
        return workbench
    }

    @Test func anUntrustedSubgraphsCommandIsRefused() async throws {
        let folder = try F.tempDirectory()
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent(".patchbay"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("tools"), withIntermediateDirectories: true)
        try Data(Self.stranger.utf8).write(to: folder.appendingPathComponent("tools/sub.graph.yaml"))
        let workbench = try await Self.workbench(folder: folder, main: Self.main("tools/sub.graph.yaml"))
        #expect(workbench.state.editing.problems.isEmpty, "\(workbench.state.editing.problems)")

        await workbench.press(.char("r"))
        await workbench.type("hi")
        await workbench.press(.enter)
        // Refused before it starts (RunReadiness), naming the file that is not trusted.
        let message = try #require(workbench.state.message)
        #expect(message.level == .error)
        #expect(
            message.text.hasPrefix("Not started: command node `echo` would run")
                && message.text.contains("sub.graph.yaml is not trusted"), "\(message.text)")
        #expect(workbench.state.run.history.isEmpty && !workbench.state.run.active)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("pwned").path))
        await workbench.shutdown()
    }

    @Test func aSubgraphOutsideTheProjectIsAProblem() async throws {
        let outer = try F.tempDirectory()
        let folder = outer.appendingPathComponent("project")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent(".patchbay"), withIntermediateDirectories: true)
        try Data("secret-4711: 1\n".utf8).write(to: outer.appendingPathComponent("secret.yaml"))
        let workbench = try await Self.workbench(folder: folder, main: Self.main("../secret.yaml"), trusted: false)
        let problems = workbench.state.editing.problems.map(\.message)
        #expect(problems.contains { $0.contains("outside the project folder") }, "\(problems)")
        #expect(!problems.contains { $0.contains("secret-4711") }, "\(problems)")
        await workbench.shutdown()

        // Trusted, the path may leave the project; the file is then read, but it is no graph,
        // and what it holds is not shown.
        let trusted = try await Self.workbench(folder: folder, main: Self.main("../secret.yaml"))
        let again = trusted.state.editing.problems.map(\.message)
        #expect(again.contains { $0.contains("is not a graph") }, "\(again)")
        #expect(!again.contains { $0.contains("secret-4711") }, "\(again)")
        await trusted.shutdown()
    }

    /// Enter on the `call` node: the workbench opens its sub-graph to show it.
    static func enterCall(_ workbench: HeadlessWorkbench) async {
        await workbench.press(.char("/"))
        await workbench.type("call")
        await workbench.press(.enter)
        await workbench.press(.enter)
        _ = await workbench.wait { !$0.editing.scope.isEmpty || $0.message?.text.hasPrefix("Cannot open") == true }
    }

    @Test func enterDoesNotOpenASubgraphOutsideTheProject() async throws {
        let outer = try F.tempDirectory()
        let folder = outer.appendingPathComponent("project")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent(".patchbay"), withIntermediateDirectories: true)
        try Data("patchbay: 1\nnodes:\n  secret-4711: { kind: input }\n".utf8).write(
            to: outer.appendingPathComponent("secret.graph.yaml"))
        let workbench = try await Self.workbench(
            folder: folder, main: Self.main("../secret.graph.yaml"), trusted: false)
        #expect(workbench.state.editing.selection == "question")
        await Self.enterCall(workbench)
        #expect(
            workbench.state.editing.scope.isEmpty,
            "the outside graph was opened: \(workbench.state.shownGraph.nodes.map(\.id))"
        )
        #expect(
            workbench.state.message?.text.contains("outside the project folder") == true,
            "\(String(describing: workbench.state.message))")
        await workbench.shutdown()
    }

    @Test func enterOnANonGraphDoesNotShowItsContent() async throws {
        let folder = try F.tempDirectory()
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent(".patchbay"), withIntermediateDirectories: true)
        try Data("secret-4711: 1\n".utf8).write(to: folder.appendingPathComponent("data.yaml"))
        let workbench = try await Self.workbench(folder: folder, main: Self.main("data.yaml"))
        await Self.enterCall(workbench)
        #expect(workbench.state.editing.scope.isEmpty)
        let message = workbench.state.message?.text ?? ""
        #expect(message.contains("not a graph") && !message.contains("secret-4711"), "\(message)")
        await workbench.shutdown()
    }
}
