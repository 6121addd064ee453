import Foundation
import Testing

@testable import PatchbayCore
@testable import PatchbayTUI

/// A captured case is appended to the `cases:` list as written: the rest of the file (comments,
/// a `checks:` after the list, the items' indentation) is kept as it was.
@Suite struct CaseFileTextTests {
    static let draft = CaseDraft(
        casesPath: "/p/gate.cases.yaml", inputs: ["text": "abc"], output: "out", textual: false)

    @Test func theCaseGoesAfterTheListsLastItemKeepingEverythingElse() throws {
        let existing = """
            # Gate cases.
            cases:
                - { id: tiny, inputs: { text: abc } }   # short
                - id: captured-4
                  inputs: { text: xyz }

            checks:
              - { name: small, output: out, jq: '.n < 9' }
            """
        let (text, id) = try CaseFileText.appending(Self.draft, expected: ["n": 3], to: existing)
        #expect(id == "captured-5")
        #expect(
            text == """
                # Gate cases.
                cases:
                    - { id: tiny, inputs: { text: abc } }   # short
                    - id: captured-4
                      inputs: { text: xyz }
                    - { id: captured-5, inputs: {"text":"abc"}, expect: { output: out, equals: {"n":3} } }

                checks:
                  - { name: small, output: out, jq: '.n < 9' }

                """)
    }

    @Test func aMissingFileOrListIsCreatedAndAnInlineListRefused() throws {
        let (created, id) = try CaseFileText.appending(Self.draft, expected: nil, to: nil)
        #expect(id == "captured-1")
        #expect(created == "cases:\n  - { id: captured-1, inputs: {\"text\":\"abc\"} }\n")
        let (added, _) = try CaseFileText.appending(Self.draft, expected: "x", to: "judge: default\n")
        #expect(added.hasPrefix("judge: default\ncases:\n  - { id: captured-1,"))
        #expect(throws: CaseFileText.Refusal.self) {
            try CaseFileText.appending(Self.draft, expected: nil, to: "cases: []\n")
        }
    }
}
