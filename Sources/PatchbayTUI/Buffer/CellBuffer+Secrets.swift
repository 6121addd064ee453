import PatchbayCore

extension CellBuffer {
    /// Covers every configured secret on screen with `•`, cell for cell, whatever pane or notice
    /// put it there (history rows written before masking existed, an error a back end echoed).
    /// The engine masks what it records; this is the last check before the terminal. A secret
    /// wrapped across two rows is not found here.
    public mutating func maskSecrets(_ masker: SecretMasker) {
        guard !masker.isEmpty else { return }
        let needles = masker.replacements.map(\.text) + masker.secrets
        for row in 0..<height {
            // The row's text, and for each UTF-8 byte of it the cell it came from.
            var text = ""
            var cellOfByte: [Int] = []
            for column in 0..<width {
                let piece = self[column, row].text
                text += piece
                cellOfByte.append(contentsOf: repeatElement(column, count: piece.utf8.count))
            }
            guard needles.contains(where: text.contains) else { continue }
            for needle in needles {
                for range in text.ranges(of: needle) {
                    let first = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
                    let last = text.utf8.distance(from: text.startIndex, to: range.upperBound) - 1
                    for column in cellOfByte[first]...cellOfByte[last] {
                        self[column, row].text = "•"
                    }
                }
            }
        }
    }
}
