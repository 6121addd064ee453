/// libyaml's error messages in plain words, at the place a person should look.
///
/// libyaml names what its parser expected ("did not find expected key", "while parsing a flow
/// mapping"); the common ones are said here as what the file got wrong. An unclosed quote or
/// bracket points where it opened, since the end of the file is where the scanner noticed.
/// Messages not listed keep libyaml's words, with the place its context started.
struct YAMLSyntaxWording {
    var language: String
    var document: String
    /// The character at the problem's place, when known.
    var found: Unicode.Scalar?
    /// The last character before the problem's place on its line, not a space: a closing quote
    /// or bracket there means text follows a finished value.
    var before: Unicode.Scalar?

    var hint: String {
        language == "JSON"
            ? "check the brackets, commas and quotes around here"
            : "check the indentation and quoting here; text containing `: ` or ` #`, or starting with one of [ ] { } , & * ! | > ' \" % @ `, must be quoted"
    }

    private var afterAValue: Bool { before.map { "\"']}".unicodeScalars.contains($0) } == true }

    func error(_ problem: String, at mark: SourceLocation, context: String?, contextAt start: SourceLocation)
        -> YAMLComposeError
    {
        let prefix = "\(language) syntax error: "
        let opened = "line \(start.line), column \(start.column)"
        func plain(_ message: String, at location: SourceLocation = mark, hint: String? = nil) -> YAMLComposeError {
            YAMLComposeError(message: prefix + message, hint: hint ?? self.hint, location: location)
        }
        switch (context ?? "", problem) {
        case ("while scanning a quoted scalar", "found unexpected end of stream"),
            ("while scanning a quoted scalar", "found unexpected document indicator"):
            return plain(
                "the quote opened here is never closed",
                at: start,
                hint: "end the text with the same quote; inside '…' write '' for a quote, inside \"…\" write \\\"")
        case (_, "found unknown escape character"):
            return plain(
                "unknown escape after `\\` in a double-quoted text",
                hint: "write `\\\\` for a backslash, or use single quotes")
        case ("while parsing a flow sequence", _):
            return plain(
                "expected `,` or `]` here, in the list opened with `[` at \(opened)",
                hint: "close the list with `]`, or separate its items with commas")
        case ("while parsing a flow mapping", _):
            return plain(
                "expected `,` or `}` here, in the mapping opened with `{` at \(opened)",
                hint: "close the mapping with `}`, or separate its entries with commas")
        case ("while parsing a block mapping", "did not find expected key") where afterAValue,
            ("while parsing a block collection", "did not find expected '-' indicator") where afterAValue:
            return plain(
                "unexpected text after the value on this line",
                hint: "quote the whole value if it holds quotes, brackets or `: `")
        case ("while scanning a simple key", "could not find expected ':'"):
            return plain(
                "the key that starts here has no `:` after it", at: start,
                hint: "write `key: value`; quote the text if it continues a value from the line above")
        case ("while scanning an anchor", _):
            return plain("`&` must be followed by an anchor name", hint: "quote the text if the `&` belongs to it")
        case ("while scanning an alias", _):
            return plain("`*` must be followed by an alias name", hint: "quote the text if the `*` belongs to it")
        case (_, "found undefined tag handle"), ("while scanning a tag", _), ("while parsing a tag", _):
            return plain("an unknown or malformed tag (`!…`)", hint: "quote the text if the `!` belongs to it")
        case ("while parsing a quoted scalar", "did not find expected hexdecimal number"):
            return plain(
                "`\\x`, `\\u` and `\\U` escapes need 2, 4 and 8 hex digits",
                hint: "write `\\\\` for a backslash, or use single quotes")
        case ("while parsing a block mapping", "did not find expected key"):
            return plain("this line does not line up with the keys of the mapping that starts at \(opened)")
        case ("while parsing a block collection", "did not find expected '-' indicator"):
            return plain("this line does not line up with the `- ` items of the list that starts at \(opened)")
        case (_, "mapping values are not allowed in this context"):
            return plain(
                "a `: ` here would start a mapping inside a value",
                hint: "quote the text if the `:` belongs to it, or put the mapping on its own indented lines")
        case (_, "block sequence entries are not allowed in this context"):
            return plain(
                "a `- ` list item cannot start here", hint: "start the list on the line after its key, indented")
        case (_, "found character that cannot start any token") where found == "\t":
            return plain("a tab in the indentation", hint: "indent with spaces; YAML does not allow tabs there")
        case (_, "found character that cannot start any token"):
            return plain(
                "this character cannot start a value", hint: "quote the text (`@` and `` ` `` are reserved in YAML)")
        case (_, "found a tab character that violates indentation"),
            (_, "found a tab character where an indentation space is expected"):
            return plain("a tab in the indentation", hint: "indent with spaces; YAML does not allow tabs there")
        case (_, "did not find expected node content"):
            return plain("a value is missing here")
        case (_, let problem) where problem.hasPrefix("Maximum nesting level reached"):
            return YAMLComposeError(
                message: "lists and mappings nest more than \(YAMLComposer.maxDepth) levels deep here",
                hint: "a value nested this deep is almost certainly generated by mistake; flatten it", location: mark)
        case (_, "did not find expected <document start>"):
            return plain(
                "text after the end of the top-level value; \(document) holds one",
                hint: language == "JSON"
                    ? "remove what follows the closing `}`"
                    : "remove it or indent it under a key; a `...` line also ends the document")
        case ("while scanning a block scalar", "did not find expected comment or line break"):
            return plain(
                "after `|` or `>` only an indentation digit, `+` or `-` and a comment may follow",
                hint: "start the text on the next line, indented")
        case (let context, _) where context.contains("directive"):
            return plain(
                "a line starting with `%` is a YAML directive, and this one is malformed",
                hint: "quote text that starts with `%`")
        case ("while scanning a plain scalar", "found unexpected ':'"):
            return plain("a `:` inside unquoted text in `[…]` or `{…}`", hint: "quote the text")
        default:
            var message = problem
            if let context, start != mark {
                message += " (\(context) at \(opened))"
            } else if let context {
                message += " (\(context))"
            }
            return plain(message)
        }
    }
}
