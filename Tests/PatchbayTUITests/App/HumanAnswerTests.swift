import Foundation
import PatchbayPresentation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// `human` nodes ask in the workbench: the question appears as an input line, Enter answers,
/// Esc declines and the node fails.
@Suite struct HumanAnswerTests {
    typealias F = AppFixtures

    static let ask = """
        patchbay: 1
        nodes:
          name: { kind: human, question: 'Who is asking?' }
          hello: { kind: template, template: 'Hello, {{name}}!' }
          out: { kind: output, type: string }
        wires:
          - name.answer -> hello.name
          - hello.text -> out
        """

    func workbench() async throws -> HeadlessWorkbench {
        let workbench = HeadlessWorkbench(F.setup(try F.graph(Self.ask)), width: 120, height: 40, now: F.now)
        await workbench.settle()
        return workbench
    }

    /// Waits until the run is waiting for the person.
    func question(_ workbench: HeadlessWorkbench) async -> Bool {
        await workbench.wait {
            if case .input(_, .humanAnswer)? = $0.popups.stack.last { true } else { false }
        }
    }

    @Test func anAnswerFlowsDownstream() async throws {
        let workbench = try await workbench()
        await workbench.send(.key(.char("r")))
        #expect(await question(workbench))
        #expect(workbench.buffer.text.contains("`name` asks: Who is asking?"))
        await workbench.type("Ada")
        await workbench.press(.enter)
        #expect(await workbench.wait { $0.run.result != nil })
        #expect(workbench.state.run.result?.status == .succeeded)
        #expect(workbench.state.run.result?.outputs["out"] == .string("Hello, Ada!"))
        await workbench.shutdown()
    }

    @Test func escDeclinesAndTheNodeFails() async throws {
        let workbench = try await workbench()
        await workbench.send(.key(.char("r")))
        #expect(await question(workbench))
        await workbench.press(.escape)
        #expect(await workbench.wait { $0.run.result != nil })
        #expect(workbench.state.run.result?.status == .failed)
        #expect(workbench.state.run.statuses["name"] == .failed)
        #expect(workbench.state.run.lastStep(of: "name")?.error?.message.contains("dismissed") == true)
        await workbench.shutdown()
    }
}
