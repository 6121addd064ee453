/// The compare pane: the two runs asked for, their comparison once read, the row selected and
/// how far its diff is scrolled.
public struct CompareState: Sendable, Equatable {
    /// The runs asked for, as named, while the store reads them.
    public var loading: [String]?
    public var comparison: RunComparison?
    /// Index into the comparison's rows.
    public var selection = 0
    /// The first diff line shown of the selected row.
    public var detailScroll = 0
    /// The layout and pane before the compare layout opened: Esc goes back to them.
    public var returnLayout: String?
    public var returnFocus: PaneID?

    public init() {}

    public var selectedRow: RunComparison.Row? {
        guard let rows = comparison?.rows, rows.indices.contains(selection) else { return nil }
        return rows[selection]
    }
}
