import Foundation
import Testing

@testable import PatchbayCore
@testable import PatchbayPresentation
@testable import PatchbayTUI

/// A long status message reads at 80 and 120 columns: a refusal's status-line form is its
/// essential part, and `!` shows the whole message in a notice (issue 16, item 2's missing-key
/// hint was cut at 120 columns).
@Suite struct StatusMessageNoticeTests {
    typealias F = AppFixtures

    static let missingKey = Diagnostic(
        .error, .setup, "node `ask`: OPENAI_API_KEY is not set (needed by provider `openai` for alias `hosted`)",
        hint: .text(
            "export OPENAI_API_KEY=…, or put api_key = \"…\" under [providers.openai] in the user config (~/.config/patchbay/config.toml) with mode 600"
        ), node: "ask")

    @Test func theStatusLineFormIsTheEssentialPart() {
        let short = ReadinessText.statusLine([Self.missingKey], voice: HintText.workbench)
        #expect(short == "Not started: OPENAI_API_KEY is not set — export OPENAI_API_KEY=…")
        let detail = ReadinessText.detail([Self.missingKey, Self.missingKey], voice: HintText.workbench)
        #expect(detail.contains(Self.missingKey.message + "\n  hint: export OPENAI_API_KEY=…, or put api_key"))
        #expect(detail.hasSuffix("not started: 2 problems found before the run"))
        // Messages without a node or aside keep their words.
        #expect(
            ReadinessText.essential("command node `echo` would run `echo`") == "command node `echo` would run `echo`")
        #expect(ReadinessText.essential("nodes `a`, `b`: no model `x`") == "no model `x`")
    }

    /// The refusal at 80 columns: its short form whole, then the key that shows the rest.
    @Test(arguments: [80, 120])
    func aRefusalReadsWholeOnTheStatusLine(width: Int) throws {
        var state = try F.textStatsState(width: width, height: width == 80 ? 24 : 40)
        _ = AppReducer.reduce(
            &state,
            .run(
                .report(
                    .refused(
                        ReadinessText.statusLine([Self.missingKey], voice: HintText.workbench),
                        detail: ReadinessText.detail([Self.missingKey], voice: HintText.workbench)))))
        let buffer = Screen().render(state)
        let line = buffer.line(buffer.height - 1)
        #expect(line.contains("Not started: OPENAI_API_KEY is not set — export OPENAI_API_KEY=…  ! more"), "\(line)")

        // ! shows all of it; Esc closes the notice and the message stays.
        F.keys(&state, .char("!"))
        guard case .confirm(let notice, .notice)? = state.popups.stack.last else {
            Issue.record("no notice")
            return
        }
        #expect(notice.title == "Error")
        #expect(notice.message.contains("(needed by provider `openai` for alias `hosted`)"))
        #expect(notice.message.contains("with mode 600"))
        let shown = Screen().render(state).text
        #expect(shown.contains("─ Error ─") && shown.contains("mode 600"), "\(shown)")
        F.keys(&state, .escape)
        #expect(state.popups.stack.isEmpty)
        #expect(state.message?.detail != nil)
    }

    /// Any message too long for the line ends with the key that shows it whole.
    @Test func aCutMessageSaysHowToSeeItAll() throws {
        var state = try F.textStatsState(width: 80, height: 24)
        let long = "Cannot add the case: " + String(repeating: "a long reason ", count: 10) + "END"
        _ = AppReducer.reduce(&state, .message(long, .error))
        let line = Screen().render(state).line(23)
        #expect(line.contains("…  ! more"), "\(line)")
        #expect(!line.contains("END"))
        F.keys(&state, .char("!"))
        guard case .confirm(let notice, .notice)? = state.popups.stack.last else {
            Issue.record("no notice")
            return
        }
        #expect(notice.message.hasSuffix("END"))
        // A short one fits: no key after it.
        F.keys(&state, .escape, .escape)
        _ = AppReducer.reduce(&state, .message("Saved", .info))
        #expect(!Screen().render(state).line(23).contains("! more"))
    }
}
