import CJq

// Native conversion between JSONValue and jq's jv, without printing and re-parsing text.
// jv ownership (jq 1.6): most jv_* functions consume their jv arguments; jv_get_kind,
// jv_number_value, jv_string_value and the jv_object_iter* family only borrow.
extension JSONValue {
    /// A new jv owned by the caller (who must hand it to a consuming call or jv_free it).
    func makeJv() -> jv {
        switch self {
        case .null: return jv_null()
        case .bool(let b): return jv_bool(b ? 1 : 0)
        case .number(let n): return jv_number(n)
        case .string(let s): return Self.makeJvString(s)
        case .array(let items):
            var result = jv_array_sized(Int32(clamping: items.count))
            for item in items { result = jv_array_append(result, item.makeJv()) }
            return result
        case .object(let fields):
            var result = jv_object()
            for (key, value) in fields {
                result = jv_object_set(result, Self.makeJvString(key), value.makeJv())
            }
            return result
        }
    }

    static func makeJvString(_ string: String) -> jv {
        var string = string
        return string.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                pb_jv_string_bytes($0.baseAddress, Int32(clamping: $0.count))
            }
        }
    }

    /// Reads a jv the caller still owns (this does not free it). Arrays and objects nested
    /// deeper than parsed JSON may be (`JSONParser.maxDepth`) are refused: a program can build
    /// one 200,000 deep, and reading or releasing it recurses once per level.
    init(borrowing value: jv, depth: Int = 0) throws(JqError) {
        let kind = jv_get_kind(value)
        if (kind == JV_KIND_ARRAY || kind == JV_KIND_OBJECT) && depth >= JSONParser.maxDepth {
            throw JqError("the result nests arrays and objects more than \(JSONParser.maxDepth) levels deep")
        }
        switch kind {
        case JV_KIND_NULL: self = .null
        case JV_KIND_TRUE: self = .bool(true)
        case JV_KIND_FALSE: self = .bool(false)
        case JV_KIND_NUMBER: self = .number(jv_number_value(value))
        case JV_KIND_STRING: self = .string(Self.string(borrowing: value))
        case JV_KIND_ARRAY:
            let count = Int(jv_array_length(jv_copy(value)))
            var items: [JSONValue] = []
            items.reserveCapacity(count)
            for index in 0..<count {
                let item = jv_array_get(jv_copy(value), Int32(index))
                defer { jv_free(item) }
                items.append(try JSONValue(borrowing: item, depth: depth + 1))
            }
            self = .array(items)
        case JV_KIND_OBJECT:
            var fields: [String: JSONValue] = [:]
            var iterator = jv_object_iter(value)
            while jv_object_iter_valid(value, iterator) != 0 {
                let key = jv_object_iter_key(value, iterator)
                let item = jv_object_iter_value(value, iterator)
                defer {
                    jv_free(key)
                    jv_free(item)
                }
                fields[Self.string(borrowing: key)] = try JSONValue(borrowing: item, depth: depth + 1)
                iterator = jv_object_iter_next(value, iterator)
            }
            self = .object(fields)
        default:
            self = .null
        }
    }

    static func string(borrowing value: jv) -> String {
        let length = Int(jv_string_length_bytes(jv_copy(value)))
        guard length > 0, let bytes = jv_string_value(value) else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self)
    }
}
