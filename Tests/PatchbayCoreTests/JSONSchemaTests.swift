import PatchbayTestSupport
import Testing

@testable import PatchbayCore

@Suite struct JSONSchemaTests {
    let person: JSONValue = [
        "type": "object",
        "title": "A person",
        "required": ["name", "age"],
        "properties": [
            "name": ["type": "string", "minLength": 1, "maxLength": 20, "description": "Full name"],
            "age": ["type": "integer", "minimum": 0, "maximum": 150],
            "city": ["type": ["string", "null"]],
            "tags": ["type": "array", "items": ["enum": ["a", "b", "c"]], "minItems": 1, "maxItems": 2],
            "kind": ["const": "person"],
        ],
        "additionalProperties": false,
    ]

    func violations(_ value: JSONValue, _ schema: JSONValue? = nil) throws -> [String] {
        try JSONSchema(schema ?? person).validate(value).map(\.description)
    }

    func problem(_ schema: JSONValue) -> SchemaProblem? {
        do {
            _ = try JSONSchema(schema)
            return nil
        } catch { return error }
    }

    @Test func aConformingValueHasNoViolations() throws {
        #expect(try violations(["name": "Ann", "age": 31, "city": "Lyon", "tags": ["a"], "kind": "person"]) == [])
        #expect(try violations(["name": "Bo", "age": 0, "city": .null]) == [], "a list of types allows null")
    }

    @Test func everyViolationIsReportedWithItsPath() throws {
        let found = try violations(["name": "", "age": 31.5, "tags": ["a", "z", "b"], "extra": true])
        #expect(
            found == [
                "$.age: expected integer, got number 31.5",
                "$.extra: property is not allowed (additionalProperties is false; allowed: `age`, `city`, `kind`, `name`, `tags`)",
                "$.name: 0 characters, fewer than minLength 1",
                "$.tags: 3 items, more than maxItems 2",
                "$.tags[1]: expected one of \"a\", \"b\", \"c\", got \"z\"",
            ])
        #expect(
            try violations(["age": 200]) == [
                #"$: missing required property "name""#, "$.age: 200 is more than the maximum 150",
            ])
        #expect(
            try violations(["name": "A", "age": 1, "kind": "robot"]) == [#"$.kind: expected "person", got "robot""#])
        #expect(try violations([1]) == ["$: expected object, got array [1]"])
    }

    @Test func anyOfAndLocalRefs() throws {
        let schema: JSONValue = [
            "$defs": [
                "node": [
                    "type": "object",
                    "properties": [
                        "value": ["type": "integer"], "next": ["anyOf": [["$ref": "#/$defs/node"], ["type": "null"]]],
                    ],
                ]
            ],
            "$ref": "#/$defs/node",
        ]
        #expect(try violations(["value": 1, "next": ["value": 2, "next": .null]], schema) == [])
        let found = try violations(["value": 1, "next": ["value": "two"]], schema)
        #expect(
            found.count == 1
                && found[0].hasPrefix(
                    "$.next: matches none of the 2 `anyOf` alternatives (first: $.next.value: expected integer"),
            "\(found)")
    }

    @Test func unsupportedKeywordsAreNamedWithTheirPlace() {
        #expect(
            problem(["type": "string", "pattern": "^a"])?.description.hasPrefix(
                "at `pattern`: keyword `pattern` is not supported") == true)
        #expect(problem(["properties": ["a": ["oneOf": [true]]]])?.keyPath == "properties.a.oneOf")
        #expect(problem(["type": ["string", "int"]])?.steps == [.key("type"), .index(1)])
        #expect(problem(["type": "strng"])?.message.contains("did you mean") == true)
        #expect(problem(["additionalProperties": ["type": "string"]])?.keyPath == "additionalProperties")
        #expect(problem(["items": [["type": "string"]]])?.keyPath == "items")
        #expect(problem(["$ref": "other.json"])?.keyPath == "$ref")
        #expect(
            problem(["$ref": "#/$defs/missing"])?.message
                == "`#/$defs/missing` is not defined; the schema has no `$defs`")
        #expect(problem(["minItems": -1])?.keyPath == "minItems")
        #expect(problem("object")?.message == "a schema must be an object (or true/false), not string")
        #expect(
            problem(["$schema": "https://json-schema.org/draft/2020-12/schema", "description": "x", "examples": [1]])
                == nil)
    }

    @Test func aRefCycleThatNeverEntersTheValueStops() throws {
        let schema: JSONValue = ["$defs": ["a": ["$ref": "#/$defs/a"]], "$ref": "#/$defs/a"]
        #expect(try violations(1, schema).first?.contains("loop") == true)
    }

    /// Over many generated schemas: each parses; a value generated to conform has no violation;
    /// a value broken at one place is reported at that place.
    @Test func generatedSchemasAcceptTheirValuesAndRefuseBrokenOnes() throws {
        for seed in UInt64(1)...400 {
            var generator = SchemaGenerator(seed: seed)
            let json = generator.objectSchema()
            let schema = try JSONSchema(json)
            for _ in 0..<5 {
                let value = generator.valid(json)
                #expect(schema.validate(value) == [], "seed \(seed): \(value.compactJSON) against \(json.compactJSON)")
                guard let broken = generator.invalid(json) else { continue }
                let found = schema.validate(broken.value)
                #expect(
                    found.contains { $0.path == broken.path },
                    "seed \(seed): \(broken.value.compactJSON) should fail at \(broken.path), got \(found) for \(json.compactJSON)"
                )
            }
        }
    }
}
