import Testing

@testable import PatchbayTUI

@Suite struct EditorKeysTests {
    @Test func printableCharactersInsertThemselves() {
        #expect(EditorKeys.command(for: .char("x")) == .insert("x"))
        #expect(EditorKeys.command(for: .char(" ")) == .insert(" "))
        #expect(EditorKeys.command(for: .char("日")) == .insert("日"))
        #expect(EditorKeys.command(for: .char("\u{1b}")) == nil)
    }

    @Test func editingKeys() {
        #expect(EditorKeys.command(for: .enter) == .newline)
        #expect(EditorKeys.command(for: .tab) == .insert("  "))
        #expect(EditorKeys.command(for: .backspace) == .backspace)
        #expect(EditorKeys.command(for: .delete) == .deleteForward)
        #expect(EditorKeys.command(for: .ctrl("w")) == .deleteWordBackward)
        #expect(EditorKeys.command(for: .ctrl("z")) == .undo)
        #expect(EditorKeys.command(for: .ctrl("y")) == .redo)
        #expect(EditorKeys.command(for: .ctrl("x")) == .cut)
        #expect(EditorKeys.command(for: .ctrl("o")) == .copy)
        #expect(EditorKeys.command(for: .ctrl("v")) == .paste)
    }

    @Test func motionKeys() {
        #expect(EditorKeys.command(for: .left) == .move(.left, extend: false))
        #expect(EditorKeys.command(for: .shiftDown) == .move(.down, extend: true))
        #expect(EditorKeys.command(for: .shiftHome) == .move(.lineStart, extend: true))
        #expect(EditorKeys.command(for: .shiftEnd) == .move(.lineEnd, extend: true))
        #expect(EditorKeys.command(for: .ctrlLeft) == .move(.wordLeft, extend: false))
        #expect(EditorKeys.command(for: .ctrlRight) == .move(.wordRight, extend: false))
        #expect(EditorKeys.command(for: .ctrl("a")) == .move(.lineStart, extend: false))
        #expect(EditorKeys.command(for: .end) == .move(.lineEnd, extend: false))
        #expect(EditorKeys.command(for: .pageDown, pageSize: 17) == .move(.pageDown(17), extend: false))
        #expect(EditorKeys.command(for: .pageUp) == .move(.pageUp(EditorKeys.defaultPageSize), extend: false))
    }

    @Test func keysTheAppKeepsAreNotTaken() {
        #expect(EditorKeys.command(for: .ctrl("c")) == nil, "C-c cancels runs")
        #expect(EditorKeys.command(for: .escape) == nil, "Esc leaves editing")
        #expect(EditorKeys.command(for: .function(5)) == nil)
        #expect(EditorKeys.command(for: .resize) == nil)
    }

    @Test func bindingsListEveryKeyByItsParsableName() {
        #expect(EditorKeys.bindings.count == EditorKeys.table.count + 1)
        var seen = Set<Key>()
        for binding in EditorKeys.bindings.dropFirst() {
            #expect(binding.command.hasPrefix("editor."))
            #expect(!binding.help.isEmpty)
            for name in binding.key.split(separator: ", ") {
                let key = Key(name: String(name))
                #expect(key != nil, "\(name) does not parse")
                if let key {
                    #expect(seen.insert(key).inserted, "\(name) is bound twice")
                    #expect(EditorKeys.command(for: key) != nil)
                }
            }
        }
        #expect(Set(EditorKeys.bindings.map(\.command)).count == EditorKeys.bindings.count)
    }
}
