extension KindSpec {
    /// The one description of every kind: validation, docs, `patchbay nodes` and the JSON Schema
    /// all read it.
    public static let catalogue: [NodeKind: KindSpec] = Dictionary(
        uniqueKeysWithValues: all.map { ($0.kind, $0) })

    public static let all: [KindSpec] = [
        KindSpec(
            kind: .input, summary: "A value given to the graph when it runs.",
            fields: [
                FieldSpec(
                    "type", .portType,
                    "The value's type: any, string, number, integer, boolean, object or array (default any)."),
                FieldSpec("default", .json, "Used when the run gives no value; without it the input is required."),
            ],
            inputs: [], outputs: [PortSpec("value", .any, "The value given.")],
            example: """
                article: { kind: input, type: string, description: The text to summarize }
                """),
        KindSpec(
            kind: .output, summary: "A result of the graph, named by the node's id.",
            fields: [FieldSpec("type", .portType, "The type the result must have (default any).")],
            inputs: [PortSpec("value", .any, "The result.")], outputs: [],
            example: """
                summary: { kind: output }
                """),
        KindSpec(
            kind: .template, summary: "Renders a Mustache template to text; each `{{placeholder}}` is an input port.",
            fields: [
                FieldSpec("template", .text(template: true), required: true, "The Mustache text (no HTML escaping).")
            ],
            inputs: [], outputs: [PortSpec("text", .string, "The rendered text.")],
            example: """
                question:
                  kind: template
                  template: |
                    Question: {{question}}
                    Answer:
                """),
        KindSpec(
            kind: .llm, summary: "Asks a model: a chat (system + prompt or messages) or a raw completion prompt.",
            fields: [
                FieldSpec("model", .string, "A model alias from config (default `default`); never a key."),
                FieldSpec(
                    "mode", .oneOf(["chat", "complete"]), "`chat` (default) or `complete` for a raw completion prompt."),
                FieldSpec("system", .text(template: true), "System prompt (chat mode)."),
                FieldSpec("prompt", .text(template: true), "The user message, or the whole prompt in complete mode."),
                FieldSpec(
                    "messages", .messages,
                    "Chat messages `{role, content}` instead of `prompt`; contents are templates."),
                FieldSpec(
                    "temperature", .number,
                    range: FieldRange(0, 2, why: "OpenAI and most compatible servers accept 0 to 2, Anthropic 0 to 1"),
                    "Sampling temperature."),
                FieldSpec("max_tokens", .integer, range: FieldRange(1, 1_000_000), "Most tokens to generate."),
                FieldSpec("stop", .stringList, "Stop sequences."),
                FieldSpec("seed", .integer, "Sampling seed, where the provider supports one."),
                FieldSpec("json", .boolean, "JSON mode: ask for a JSON object and emit it parsed on `json`."),
                FieldSpec(
                    "schema", .json,
                    "A JSON Schema the answer must match, inline or `{$ref: FILE}` (.json/.yaml beside the graph): decoding is constrained to it where the alias can (`patchbay models`), and the answer is emitted parsed on `json` once it validates, else the step fails (see `on_error`). Keywords: `type`, `properties`, `required`, `additionalProperties` (true/false), `items`, `enum`, `const`, `minItems`, `maxItems`, `minLength`, `maxLength`, `minimum`, `maximum`, `anyOf`, `$defs` with `#/$defs/NAME` refs; `title`, `description` are allowed; any other is an error."
                ),
                FieldSpec(
                    "tools", .json,
                    "Tools the model may call (chat mode): a list of `{mcp: SERVER}` (every tool of a server declared as `[mcp.SERVER]` in config), `{mcp: SERVER/TOOL}`, or `{graph: FILE}` (a graph beside this one: its inputs are the parameters, its outputs the result; named after the file). The node runs model → calls → results → model until the model answers; each turn and call is a step below the node (`NODE/turn[1]/call[0]:TOOL`). docs/tools.md."
                ),
                FieldSpec(
                    "max_turns", .integer, range: FieldRange(1, 100),
                    "With `tools`: most model turns before the node fails (default 8)."),
                FieldSpec(
                    "examples", .json,
                    "Few-shot demonstrations, a list of `{inputs, output}` shown before the prompt: in complete mode each is `prompt` filled with its inputs followed by its output (after the prompt's trailing whitespace, or one space), a blank line between; in chat mode a user and an assistant message each. Needs `prompt`; each example gives every input the prompt uses, and the cache key covers them."
                ),
                FieldSpec(
                    "samples", .integer, range: FieldRange(1, 25),
                    "Ask N times and vote (`vote`): each sample is a step below the node (`NODE/sample[2]`), cached apart, with seed + index when `seed` is set. Useful above temperature 0."
                ),
                FieldSpec(
                    "vote", .oneOf(["majority"]),
                    "With `samples`: `majority` (default), the most common answer wins — text compared trimmed and case-folded, JSON (with `json` or `schema`) by value; a tie goes to the earlier sample."
                ),
            ],
            inputs: [],
            outputs: [
                PortSpec("text", .string, "The model's answer."),
                PortSpec("json", .any, "The answer parsed as JSON (with `json: true`, or validated with `schema`)."),
                PortSpec("usage", .object, "`{input_tokens, output_tokens}` (with `tools`: of every turn)."),
                PortSpec("messages", .array, "With `tools`: the whole conversation, tool calls and results included."),
                PortSpec(
                    "tool_calls", .array,
                    "With `tools`: every call made, `{turn, id, name, arguments, result, is_error}`."),
                PortSpec("agreement", .number, "With `samples`: the winning answer's share of the N samples (0 to 1)."),
            ],
            example: """
                summarize:
                  kind: llm
                  model: default
                  temperature: 0.2
                  prompt: |
                    Summarize in one sentence:
                    {{article}}
                """),
        KindSpec(
            kind: .parseJSON, summary: "Finds and parses JSON in text, tolerating code fences and prose around it.",
            fields: [],
            inputs: [PortSpec("text", .string, "Text that holds a JSON value.")],
            outputs: [PortSpec("value", .any, "The parsed value.")],
            example: """
                parse: { kind: parse-json }
                """),
        KindSpec(
            kind: .jq, summary: "Transforms JSON with a jq program; `.` is the `value` input.",
            fields: [
                FieldSpec("jq", .string, required: true, "The jq program."),
                FieldSpec(
                    "inputs", .stringList, "Names of extra input ports; `.` is then an object of all inputs by name."),
                FieldSpec("all", .boolean, "Emit every result as an array instead of the first one."),
            ],
            inputs: [PortSpec("value", .any, "The program's input.")],
            outputs: [PortSpec("value", .any, "The program's (first) result.")],
            example: """
                names: { kind: jq, jq: '[.people[].name]' }
                """),
        KindSpec(
            kind: .switch, summary: "Routes its value to the port of the first case whose jq condition is true.",
            fields: [
                FieldSpec(
                    "cases", .cases, required: true, "A list of `{port, when}`: `when` is a jq condition on the value."),
                FieldSpec(
                    "default", .boolean,
                    "Emit on `default` when no case matches (default true); false makes that an error."),
            ],
            inputs: [PortSpec("value", .any, "The value to route.")],
            outputs: [PortSpec("default", .any, "The value, when no case matched.")],
            example: """
                route:
                  kind: switch
                  cases:
                    - { port: positive, when: '. == "positive"' }
                    - { port: negative, when: '. == "negative"' }
                """),
        KindSpec(
            kind: .merge, summary: "Joins branches: runs once every wire into `values` has a value or was skipped.",
            fields: [
                FieldSpec(
                    "mode", .oneOf(["first", "all", "object"]),
                    "`first` value in wire order (default), `all` as an array, or an `object` keyed by source node.")
            ],
            inputs: [PortSpec("values", .any, multiple: true, "Any number of wires.")],
            outputs: [PortSpec("value", .any, "The merged value.")],
            example: """
                answer: { kind: merge, mode: first }
                """),
        KindSpec(
            kind: .check, summary: "Tests a value; emits it on `pass` or `fail`, with the reason.",
            fields: [
                FieldSpec("contains", .string, "The text must contain this."),
                FieldSpec("icontains", .string, "The text must contain this, ignoring case."),
                FieldSpec(
                    "regex", .string,
                    "The text must match this regular expression. A search that takes over 10 s (a pattern that backtracks badly) fails the node."
                ),
                FieldSpec("equals", .json, "The value must equal this."),
                FieldSpec(
                    "schema", .json,
                    "The value must match this JSON Schema (type, properties, required, items, enum, const, minimum, maximum, minLength, maxLength, minItems, maxItems, pattern)."
                ),
                FieldSpec("jq", .string, "A jq predicate on the value that must be true."),
            ],
            inputs: [PortSpec("value", .any, "The value to check.")],
            outputs: [
                PortSpec("pass", .any, "The value, when every test passed."),
                PortSpec("fail", .any, "The value, when a test failed."),
                PortSpec("reason", .string, "Why it failed (only on failure)."),
                PortSpec("result", .object, "`{pass, reason}`, always."),
            ],
            example: """
                short: { kind: check, jq: 'length < 200' }
                """),
        KindSpec(
            kind: .map,
            summary:
                "Runs a sub-graph once per item of a list, with bounded concurrency; results keep the list's order.",
            fields: [
                FieldSpec(
                    "graph", .graphPath, required: true,
                    "The sub-graph file, relative to this file; inside the project folder unless this file is trusted."),
                FieldSpec("item", .string, "The sub-graph input that receives each item (default `item`)."),
                FieldSpec("concurrency", .integer, range: FieldRange(1, 256), "Items in flight at once (default 4)."),
            ],
            inputs: [PortSpec("items", .array, "The list to map over.")],
            outputs: [
                PortSpec("results", .array, "One result per item: the sub-graph's output, or an object of its outputs.")
            ],
            example: """
                summaries: { kind: map, graph: summarize-one.graph.yaml, concurrency: 4 }
                """),
        KindSpec(
            kind: .loop, summary: "Repeats a sub-graph until a jq condition on its outputs holds or a cap is reached.",
            fields: [
                FieldSpec(
                    "graph", .graphPath, required: true,
                    "The body, relative to this file; inside the project folder unless this file is trusted."),
                FieldSpec("until", .string, "A jq condition on the object of the body's outputs; true ends the loop."),
                FieldSpec(
                    "feedback", .json,
                    "Which body output feeds which body input on the next pass, as `{output: input}`."),
                FieldSpec("max", .integer, range: FieldRange(1), "Most passes (default 5)."),
            ],
            inputs: [],
            outputs: [PortSpec("iterations", .integer, "How many passes ran.")],
            example: """
                refine: { kind: loop, graph: critique-revise.graph.yaml, until: '.approved', max: 3, feedback: { revised: draft } }
                """),
        KindSpec(
            kind: .graph, summary: "Runs another graph file; its inputs and outputs become this node's ports.",
            fields: [
                FieldSpec(
                    "graph", .graphPath, required: true,
                    "The graph file, relative to this file; inside the project folder unless this file is trusted.")
            ],
            inputs: [], outputs: [],
            example: """
                review: { kind: graph, graph: review.graph.yaml }
                """),
        KindSpec(
            kind: .command,
            summary:
                "Runs a program with the value as JSON on stdin and reads JSON from stdout. Runs only when the file holding it is trusted.",
            fields: [
                FieldSpec("command", .stringList, required: true, "The program and its arguments (no shell)."),
                FieldSpec(
                    "timeout", .number, range: FieldRange(0, 86_400, minimumExcluded: true),
                    "Seconds before the program is stopped (default 60)."),
            ],
            inputs: [PortSpec("value", .any, "Written to stdin as JSON.")],
            outputs: [PortSpec("value", .any, "stdout parsed as JSON (or the text, when it is not JSON).")],
            example: """
                wc: { kind: command, command: [python3, scripts/count.py] }
                """),
        KindSpec(
            kind: .human, summary: "Pauses for a person's answer; placeholders in `question` are input ports.",
            fields: [
                FieldSpec("question", .text(template: true), required: true, "What to ask."),
                FieldSpec("type", .portType, "The answer's type (default string)."),
            ],
            inputs: [], outputs: [PortSpec("answer", .any, "The person's answer.")],
            example: """
                approve: { kind: human, question: 'Publish this summary? {{summary}}', type: boolean }
                """),
        KindSpec(
            kind: .readFile, summary: "Reads a file inside the graph's project folder.",
            fields: [
                FieldSpec(
                    "path", .text(template: true), required: true,
                    "Path relative to the project folder; may hold placeholders."),
                FieldSpec("format", .oneOf(["text", "json"]), "`text` (default) or `json`."),
            ],
            inputs: [], outputs: [PortSpec("content", .any, "The file's text, or its parsed JSON.")],
            example: """
                notes: { kind: read-file, path: data/notes.txt }
                """),
        KindSpec(
            kind: .writeFile,
            summary:
                "Writes a file (atomically) under the project's out/ folder; a trusted graph anywhere in the project but .git/ and .patchbay/.",
            fields: [
                FieldSpec(
                    "path", .text(template: true), required: true,
                    "Path relative to the project folder, under out/ unless the graph is trusted (docs/security.md); may hold placeholders."
                ),
                FieldSpec(
                    "format", .oneOf(["text", "json"]), "`text` (default; non-strings as JSON) or `json` (pretty)."),
            ],
            inputs: [PortSpec("content", .any, "What to write.")],
            outputs: [PortSpec("path", .string, "The path written, relative to the project folder.")],
            example: """
                save: { kind: write-file, path: 'out/{{name}}.txt' }
                """),
        KindSpec(
            kind: .mcp,
            summary:
                "Calls one tool of an MCP server declared in config, with arguments from its inputs; never cached. A server command the project config declares runs only when the file holding the node is trusted.",
            fields: [
                FieldSpec("server", .string, required: true, "The server's name: a `[mcp.NAME]` table in config."),
                FieldSpec("tool", .string, required: true, "The tool to call."),
                FieldSpec("inputs", .stringList, "Names of input ports; each is the argument of the same name."),
                FieldSpec("arguments", .json, "Constant arguments (an object); an input port of the same name wins."),
            ],
            inputs: [],
            outputs: [
                PortSpec(
                    "result", .any,
                    "The tool's structured content, else its text parsed as JSON, else the text."),
                PortSpec("text", .string, "The text of the tool's answer."),
            ],
            example: """
                now: { kind: mcp, server: time, tool: get_current_time, arguments: { timezone: UTC } }
                """),
    ]
}
