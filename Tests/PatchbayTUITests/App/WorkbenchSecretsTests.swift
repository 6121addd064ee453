import Foundation
import PatchbayPresentation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// Whatever path a configured key takes to the screen (a notice, a history row written before
/// masking existed), the workbench never draws it.
@Suite struct WorkbenchSecretsTests {
    typealias F = AppFixtures
    static let key = "sk-live-0123456789abcdef"

    @Test func aKeyInANoticeIsCovered() async throws {
        var environment = EngineEnvironment()
        environment.masker = SecretMasker(secrets: [Self.key])
        var setup = F.setup(try F.textStats().graph, environment: environment)
        setup.notices = ["layouts.toml: cannot use Authorization: Bearer \(Self.key)"]
        let workbench = HeadlessWorkbench(setup, width: 120, height: 40, now: F.now)
        await workbench.settle()

        let screen = workbench.buffer.text
        #expect(!screen.contains(Self.key))
        #expect(!screen.contains("0123456789"))
        #expect(screen.contains("Bearer ••••"))
    }

    @Test func coveringKeepsColumnsAndWideNeighbours() {
        var buffer = CellBuffer(width: 40, height: 2)
        buffer.put("界 \(Self.key) 界 end", x: 0, y: 0)
        let before = buffer.line(0)
        buffer.maskSecrets(SecretMasker(secrets: [Self.key]))
        let after = buffer.line(0)
        #expect(
            after == "界 " + String(repeating: "•", count: Self.key.count) + " 界 end" + String(repeating: " ", count: 6))
        #expect(DisplayWidth.of(after) == DisplayWidth.of(before))
    }
}
