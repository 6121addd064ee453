import Foundation
import MCP
import PatchbayCore

/// Values cross between Patchbay's `JSONValue` and the SDK's `Value` here, and nowhere else.
extension JSONValue {
    init(_ value: MCP.Value) {
        switch value {
        case .null: self = .null
        case .bool(let bool): self = .bool(bool)
        case .int(let int): self = .number(Double(int))
        case .double(let double): self = .number(double)
        case .string(let string): self = .string(string)
        // Binary data travels as a data: URL, as the SDK encodes it on the wire.
        case .data(let mimeType, let data):
            self = .string("data:\(mimeType ?? "application/octet-stream");base64,\(data.base64EncodedString())")
        case .array(let items): self = .array(items.map(JSONValue.init))
        case .object(let fields): self = .object(fields.mapValues(JSONValue.init))
        }
    }

    /// Whole numbers go as integers: servers validate `integer` parameters strictly, and JSON
    /// from a graph has only doubles.
    var mcpValue: MCP.Value {
        switch self {
        case .null: .null
        case .bool(let bool): .bool(bool)
        case .number(let number):
            number.rounded() == number && abs(number) < 9.0e15 ? .int(Int(number)) : .double(number)
        case .string(let string): .string(string)
        case .array(let items): .array(items.map(\.mcpValue))
        case .object(let fields): .object(fields.mapValues(\.mcpValue))
        }
    }
}
