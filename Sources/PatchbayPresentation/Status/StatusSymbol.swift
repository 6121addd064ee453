/// How one status is drawn: a glyph for Unicode terminals, one for plain ASCII, and a colour role.
public struct StatusSymbol: Sendable, Hashable {
    public var unicode: String
    public var ascii: String
    public var role: ColorRole

    public init(_ unicode: String, ascii: String, role: ColorRole) {
        self.unicode = unicode
        self.ascii = ascii
        self.role = role
    }

    public func glyph(ascii useASCII: Bool) -> String { useASCII ? ascii : unicode }
}
