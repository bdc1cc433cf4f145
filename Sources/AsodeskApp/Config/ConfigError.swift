/// A problem in a settings file (site configuration or a procedure file), said so that the
/// person at the desk can open the file at the right line and fix it:
/// `site.toml:12: sla.decision.high: expected a whole number of business minutes (1–100000), found "fast"`.
public struct ConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file as it was named to the loader (a path, or a label for text given directly).
    public let file: String
    /// 1-based line of the offending key or syntax error; nil when the problem is the file itself.
    public let line: Int?
    /// 1-based column, known only for TOML syntax errors.
    public let column: Int?
    /// Dotted path of the offending setting (`sla.decision.high`, `closure[2].from`); nil for
    /// problems that are not about one setting (syntax errors, unreadable files).
    public let key: String?
    /// What is wrong and what would be right.
    public let problem: String

    public init(file: String, line: Int?, column: Int? = nil, key: String?, problem: String) {
        self.file = file; self.line = line; self.column = column; self.key = key; self.problem = problem
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let line, let column, line > 0 { location += ":\(column)" }
        if let key { return "\(location): \(key): \(problem)" }
        return "\(location): \(problem)"
    }
}
