import Foundation

/// How Patchbay says what something cost, in US dollars.
public enum CostText {
    /// `-` for nothing (or an unknown, non-finite amount), `<$0.0001` for a trace of a cent,
    /// four decimals under a dollar (`$0.0001`, `$0.0420`: model calls are cheap, and two
    /// decimals would say `$0.00`), two from a dollar up (`$1.24`, `$12.50`).
    public static func compact(_ dollars: Double) -> String {
        guard dollars.isFinite, dollars > 0 else { return "-" }
        if dollars < 0.0001 { return "<$0.0001" }
        if dollars < 0.99995 { return String(format: "$%.4f", dollars) }  // not `$1.0000`
        return String(format: "$%.2f", dollars)
    }
}
