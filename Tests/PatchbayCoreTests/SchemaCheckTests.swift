import Foundation
import Testing

@testable import PatchbayCore

@Suite struct SchemaCheckTests {
    let person: JSONValue = [
        "type": "object",
        "required": ["name", "age"],
        "properties": [
            "name": ["type": "string", "minLength": 1, "maxLength": 20],
            "age": ["type": "integer", "minimum": 0, "maximum": 150],
            "email": ["type": ["string", "null"], "pattern": "^[^@]+@[^@]+$"],
            "tags": [
                "type": "array", "items": ["type": "string", "enum": ["a", "b", "c"]], "minItems": 1, "maxItems": 3,
            ],
            "kind": ["const": "person"],
        ],
        "additionalProperties": false,
    ]

    func failure(_ value: JSONValue, _ schema: JSONValue? = nil) -> String? {
        SchemaCheck.validate(value, against: schema ?? person)?.description
    }

    @Test func validValuePasses() {
        #expect(
            failure(["name": "Ann", "age": 31, "email": "ann@example.org", "tags": ["a", "c"], "kind": "person"]) == nil
        )
        #expect(failure(["name": "Bo", "age": 0, "email": .null]) == nil, "a list of types allows null")
    }

    @Test func typeMismatchNamesPathAndTypes() {
        #expect(failure(["name": "Ann", "age": "31"]) == "$.age: expected integer, got string")
        #expect(failure(["name": "Ann", "age": 31.5]) == "$.age: expected integer, got number")
        #expect(failure([1]) == "$: expected object, got array")
        #expect(failure(["name": "Ann", "age": 1, "email": 5]) == "$.email: expected string or null, got integer")
    }

    @Test func required() {
        #expect(failure(["name": "Ann"]) == "$: missing required property \"age\"")
    }

    @Test func additionalPropertiesFalse() {
        #expect(
            failure(["name": "Ann", "age": 3, "nickname": "A"])
                == "$.nickname: property is not allowed (additionalProperties is false)")
    }

    @Test func additionalPropertiesSchema() {
        let schema: JSONValue = ["type": "object", "additionalProperties": ["type": "number"]]
        #expect(failure(["a": 1, "b": 2.5], schema) == nil)
        #expect(failure(["a": 1, "b c": "x"], schema) == #"$["b c"]: expected number, got string"#)
    }

    @Test func numberBounds() {
        #expect(failure(["name": "Ann", "age": -1]) == "$.age: -1 is less than the minimum 0")
        #expect(failure(["name": "Ann", "age": 200]) == "$.age: 200 is more than the maximum 150")
    }

    @Test func stringLengthCountsCharacters() {
        #expect(failure(["name": "", "age": 1]) == "$.name: string of 0 characters is shorter than minLength 1")
        #expect(failure(["name": .string(String(repeating: "é", count: 20)), "age": 1]) == nil)
        #expect(
            failure(["name": .string(String(repeating: "é", count: 21)), "age": 1])
                == "$.name: string of 21 characters is longer than maxLength 20")
    }

    @Test func pattern() {
        #expect(
            failure(["name": "Ann", "age": 1, "email": "nope"])
                == "$.email: \"nope\" does not match pattern \"^[^@]+@[^@]+$\"")
        #expect(failure("abc123", ["pattern": "[0-9]+"]) == nil, "patterns are not anchored")
    }

    @Test func arrayItemsAndCounts() {
        #expect(failure(["name": "A", "age": 1, "tags": []]) == "$.tags: array of 0 items has fewer than minItems 1")
        #expect(
            failure(["name": "A", "age": 1, "tags": ["a", "b", "c", "a"]])
                == "$.tags: array of 4 items has more than maxItems 3")
        #expect(
            failure(["name": "A", "age": 1, "tags": ["a", "z"]])
                == "$.tags[1]: expected one of \"a\", \"b\", \"c\", got \"z\"")
        #expect(failure(["name": "A", "age": 1, "tags": ["a", 2]]) == "$.tags[1]: expected string, got integer")
    }

    @Test func constAndEnumCompareJSONValues() {
        #expect(failure(["name": "A", "age": 1, "kind": "robot"]) == "$.kind: expected \"person\", got \"robot\"")
        #expect(failure(["x": 1.0, "y": [1, 2]], ["const": ["y": [1, 2], "x": 1]]) == nil)
        #expect(failure(3, ["enum": [1, 2]]) == "$: expected one of 1, 2, got 3")
    }

    @Test func nestedPaths() {
        let schema: JSONValue = ["properties": ["items": ["items": ["properties": ["name": ["type": "string"]]]]]]
        #expect(
            failure(["items": [["name": "a"], ["name": true]]], schema)
                == "$.items[1].name: expected string, got boolean")
    }

    @Test func numberAcceptsIntegersAndBooleanSchemas() {
        #expect(failure(3, ["type": "number"]) == nil)
        #expect(failure(3, true) == nil)
        #expect(failure(3, false) == "$: no value is allowed here")
    }

    @Test func schemaProblemsAreFound() {
        #expect(SchemaCheck.schemaProblem(person) == nil)
        #expect(SchemaCheck.schemaProblem(["type": "strng"])?.contains("unknown type \"strng\"") == true)
        #expect(
            SchemaCheck.schemaProblem(["properties": ["a": ["minLength": "3"]]])
                == "$.properties.a.minLength: must be a non-negative integer")
        #expect(SchemaCheck.schemaProblem(["pattern": "("]) == "$.pattern: not a valid regular expression")
        #expect(SchemaCheck.schemaProblem("object")?.contains("must be an object") == true)
    }
}
