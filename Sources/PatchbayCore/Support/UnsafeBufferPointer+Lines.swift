extension UnsafeBufferPointer<UInt8> {
    /// Calls `body` with each `\n`-separated line (without the newline) and its 1-based number:
    /// one pass over the bytes, no copies, so a 50 MB line costs its length once.
    public func forEachLine(_ body: (_ line: UnsafeBufferPointer<UInt8>, _ number: Int) throws -> Void) rethrows {
        var number = 0
        var start = 0
        while start <= count {
            number += 1
            var end = start
            while end < count, self[end] != UInt8(ascii: "\n") { end += 1 }
            try body(UnsafeBufferPointer(rebasing: self[start..<end]), number)
            start = end + 1
        }
    }
}
