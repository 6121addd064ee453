/// How eval numbers read as text, shared by the CLI and the workbench so both show the same.
public enum EvalFormat {
    /// A rate in 0…1 as a whole percentage, halves rounded away from zero: 0.125 → `13%`.
    public static func percent(_ rate: Double) -> String {
        guard rate.isFinite else { return "-" }
        return "\(Int((rate * 100).rounded()))%"
    }
}
