import PatchbayCore

extension EvalSession {
    /// The cases file does not fit one or more of the graphs given to ``loadSuite(path:for:)``.
    public struct SuiteMismatch: Error, Sendable {
        /// Each graph the cases don't fit (its index among the graphs given), with the problems.
        public var problems: [(graph: Int, error: EvalSuiteError)]
    }

    /// Reads the cases file against every graph: each must take the cases' inputs and give the
    /// outputs they expect (a variant, or a later improve candidate, is compared on the same
    /// cases). Returns the suite as the first graph reads it; throws ``SuiteMismatch`` naming
    /// every graph that does not fit, or the reading's error when it is not a cases problem.
    public static func loadSuite(path: String, for graphs: [Graph]) throws -> EvalSuite {
        var suite: EvalSuite?
        var problems: [(graph: Int, error: EvalSuiteError)] = []
        for (index, graph) in graphs.enumerated() {
            do {
                let read = try EvalSuite.load(path: path, inputs: graph.plan.inputs, outputs: graph.plan.outputs)
                if suite == nil { suite = read }
            } catch let error as EvalSuiteError {
                problems.append((index, error))
            }
        }
        guard let suite, problems.isEmpty else { throw SuiteMismatch(problems: problems) }
        return suite
    }
}
