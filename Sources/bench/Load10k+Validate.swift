import PatchbayCore

// TODO(bench): switch to GraphValidator.validate(document, loader: GraphLoader()) once it lands.
extension LoadWorkload {
    static let validates = false

    func validate(_ document: GraphDocument) -> [String] { [] }
}
