import Foundation

/// A terminal in memory: keys come from a queue the test fills, frames are kept as cell
/// buffers the test reads as text, and a resize is a new size plus a `.resize` key, as curses
/// reports it.
public final class TestBackend: TerminalBackend {
    public private(set) var size: (width: Int, height: Int)
    /// The last frame drawn; nil before the first.
    public private(set) var frame: CellBuffer?
    public private(set) var frameCount = 0
    public private(set) var mouse = false
    public private(set) var suspended = false
    public private(set) var restored = false
    /// Control sequences written between frames (OSC 52), in order.
    public private(set) var sequences: [[UInt8]] = []
    private var keys: [Key] = []

    public init(width: Int, height: Int) { size = (width, height) }

    /// Queues keys for the loop to read, in order.
    public func push(_ keys: Key...) { self.keys += keys }

    public var pendingKeys: Int { keys.count }

    /// Changes the size and queues the `.resize` key that tells the loop.
    public func resize(width: Int, height: Int) {
        size = (width, height)
        keys.append(.resize)
    }

    /// The last frame as text, one line per row.
    public var text: String { frame?.text ?? "" }

    public func readKey(timeout: Int) -> Key? {
        if keys.isEmpty {
            // An idle real terminal waits too; a short nap keeps a loop under test from spinning.
            if timeout > 0 { usleep(UInt32(min(timeout, 2)) * 1000) }
            return nil
        }
        return keys.removeFirst()
    }

    public func draw(_ buffer: CellBuffer) {
        frame = buffer
        frameCount += 1
    }

    public func invalidate() {}
    public func setMouse(_ on: Bool) { mouse = on }
    public func writeSequence(_ bytes: [UInt8]) { sequences.append(bytes) }
    public func suspend() { suspended = true }
    public func resume() { suspended = false }
    public func restore() { restored = true }
}
