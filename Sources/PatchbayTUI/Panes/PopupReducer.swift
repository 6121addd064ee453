import PatchbayCore

/// Popups: opening help, the palette and the `:` line, and keys while one is open.
enum PopupReducer {
    static func reduce(_ state: inout AppState, _ action: PopupAction) -> [Effect] {
        switch action {
        case .help: state.popups.stack.append(.help(helpModel(state)))
        case .palette: state.popups.stack.append(.palette(Palette(items: paletteItems(state))))
        case .commandLine:
            state.popups.stack.append(.command(CommandLineModel(history: state.popups.commandHistory)))
        case .message:
            guard let message = state.message else {
                state.info("No message to show")
                return []
            }
            state.popups.stack.append(.confirm(Confirm.notice(message), purpose: .notice))
        case .key(let key): return self.key(&state, key)
        }
        return []
    }

    /// Keys go to the top overlay. Esc closes it; `q` closes the ones where nothing is typed.
    static func key(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard let top = state.popups.stack.popLast() else { return [] }
        switch top {
        case .help(var help):
            if key == .char("?") { return [] }
            if help.perform(key) == .pending { state.popups.stack.append(.help(help)) }
        case .palette(var palette):
            switch palette.perform(key) {
            case .pending: state.popups.stack.append(.palette(palette))
            case .cancelled: break
            case .chosen(let id):
                guard let action = ActionID(rawValue: id) else { return [] }
                return AppReducer.reduce(&state, .perform(action))
            }
        case .command(var line):
            switch line.perform(key, commands: AppReducer.commandSpecs(state)) {
            case .pending: state.popups.stack.append(.command(line))
            case .cancel: break
            case .submit(let text):
                state.popups.commandHistory = line.history
                return AppReducer.command(&state, text)
            }
        case .input(var line, let purpose):
            switch line.perform(key) {
            case .pending: state.popups.stack.append(.input(line, purpose: purpose))
            case .cancel:
                if case .humanAnswer(let id, _) = purpose { return [.answerHuman(id: id, nil)] }
            case .submit(let text): return GraphEditingReducer.entered(&state, text, for: purpose)
            }
        case .choice(var list, let purpose):
            switch list.perform(key) {
            case .pending: state.popups.stack.append(.choice(list, purpose: purpose))
            case .cancelled: break
            case .chosen(let id):
                guard let item = list.items.first(where: { $0.id == id }) else { return [] }
                return GraphEditingReducer.chose(&state, item, for: purpose)
            }
        case .confirm(var confirm, let purpose):
            switch confirm.perform(key) {
            case .pending: state.popups.stack.append(.confirm(confirm, purpose: purpose))
            case .cancelled: return confirmed(&state, "cancel", purpose: purpose)
            case .chosen(let id): return confirmed(&state, id, purpose: purpose)
            }
        case .form(var form, let purpose):
            switch form.perform(key) {
            case .pending: state.popups.stack.append(.form(form, purpose: purpose))
            case .cancelled: break
            case .submitted: return submitted(&state, form, purpose: purpose)
            }
        }
        return []
    }

    static func confirmed(_ state: inout AppState, _ answer: String, purpose: ConfirmPurpose) -> [Effect] {
        switch (purpose, answer) {
        case (.quitUnsaved, "yes"):
            state.quit = true
            return [.quit]
        case (.quitUnsaved, "save"):
            state.quitAfterSave = true
            return GraphEditingReducer.save(&state, force: false)
        case (.changedOnDisk, "reload"):
            return state.editing.document.path.map { [.reload(path: $0)] } ?? []
        case (.changedOnDisk, "overwrite"):
            return GraphEditingReducer.save(&state, force: true)
        case (.changedOnDisk, _):
            state.warn("Kept your version; the file on disk differs (:reload or :w! settles it)")
        default: break
        }
        return []
    }

    static func submitted(_ state: inout AppState, _ form: FormModel, purpose: FormPurpose) -> [Effect] {
        var values: [String: JSONValue] = [:]
        for field in form.fields {
            let text = field.value.text
            if text.isEmpty && !field.required { continue }
            values[field.name] = field.typeHint == "string" ? .string(text) : FieldText.inputValue(text)
        }
        switch purpose {
        case .runInputs(let mode):
            return RunReducer.launch(&state, mode, inputs: values)
        case .pausedInputs:
            // A tool call's arguments are JSON or nothing: text is not turned into a string.
            if RunReducer.pausedCall(state) != nil,
                let text = form.fields.first(where: { $0.name == "arguments" })?.value.text
            {
                do {
                    values["arguments"] = try JSONValue(parsing: text)
                } catch {
                    state.popups.stack.append(.form(form, purpose: purpose))
                    state.fail("The arguments are not JSON (\(error)); nothing changed")
                    return []
                }
            }
            // Shown at once (inspector, preview, the next `I`), as the engine merges them.
            state.run.pause?.inputs.merge(values) { _, new in new }
            state.info("Inputs changed; the node runs with them (n steps)")
            return [.debug(.editInputs(values))]
        }
    }

    static func paletteItems(_ state: AppState) -> [PaletteItem] {
        ActionID.allCases.map { id in
            // An action bound in several panes (view.up in six) shows each key once.
            var keys: [String] = []
            for key in state.keymap.bindings.filter({ $0.action == id }).flatMap(\.keys)
            where !keys.contains(key.description) {
                keys.append(key.description)
            }
            return PaletteItem(id: id.rawValue, title: id.summary, keys: keys.joined(separator: " "))
        }
    }

    /// Help from the keymap table: the focused pane's keys first, then the global ones, then
    /// the other panes', then the prompt editor's editing keys.
    static func helpModel(_ state: AppState) -> HelpModel {
        func entries(_ scope: Keymap.Scope) -> [(keys: String, text: String)] {
            state.keymap.bindings.filter { $0.scope == scope && !$0.keys.isEmpty }
                .map { ($0.keys.map(\.description).joined(separator: " "), $0.action.summary) }
        }
        var sections = [HelpSection(title: state.focus.title, entries: entries(.pane(state.focus)))]
        sections.append(HelpSection(title: "Everywhere", entries: entries(.global)))
        for pane in PaneID.allCases where pane != state.focus {
            let list = entries(.pane(pane))
            if !list.isEmpty { sections.append(HelpSection(title: pane.title, entries: list)) }
        }
        sections.append(HelpSection(title: "Editing a prompt", entries: EditorKeys.bindings.map { ($0.key, $0.help) }))
        return HelpModel(sections: sections.filter { !$0.entries.isEmpty })
    }
}
