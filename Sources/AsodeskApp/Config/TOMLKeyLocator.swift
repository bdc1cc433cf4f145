import Foundation

// TOMLKit reports line numbers only for syntax errors, yet a person fixing a setting needs the
// line of the offending key. This scanner reads the text once and records, for every key it can
// see, the line where it is written: table headers, array-of-tables elements and `key = value`
// lines. Keys inside inline tables and values inside arrays map to the line of their parent key.

/// Maps dotted key paths to the 1-based line where they are written. Elements of an array of
/// tables are numbered from 1, as people count them: the second `[[closure]]` is `closure[2]`.
struct TOMLKeyLocator: Sendable {
    private var lines: [String: Int] = [:]

    init(text: String) {
        var scanner = Scanner()
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            scanner.scan(line: Substring(rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine),
                         number: lineNumber, into: &lines)
        }
    }

    /// The line of `path`, or of its nearest written ancestor (a value inside an inline table
    /// reports the line of the table's key); nil when nothing on the path appears in the text.
    func line(of path: String) -> Int? {
        var candidate = Substring(path)
        while true {
            if let line = lines[String(candidate)] { return line }
            guard let cut = TOMLKeyLocator.parentCut(of: candidate) else { return nil }
            candidate = candidate[..<cut]
        }
    }

    /// Whether `path` itself is written in the text (not only an ancestor of it).
    func hasOwnLine(_ path: String) -> Bool { lines[path] != nil }

    /// Where the last component of a path starts (its "." or "["), so the parent is the prefix.
    private static func parentCut(of path: Substring) -> Substring.Index? {
        guard let last = path.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
        return last
    }

    /// Line-by-line state: the current table and whether a value (a multi-line string or an
    /// array / inline table spanning lines) is still open from an earlier line.
    private struct Scanner {
        var currentTable: [String] = []
        var arrayTableCounts: [String: Int] = [:]
        var openMultilineString: String? = nil
        var bracketDepth = 0

        mutating func scan(line: Substring, number: Int, into lines: inout [String: Int]) {
            if openMultilineString != nil || bracketDepth > 0 {
                scanValue(line[...])
                return
            }
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            guard let first = trimmed.first, first != "#" else { return }
            if trimmed.hasPrefix("[[") {
                let (keys, _) = Scanner.parseKey(trimmed.dropFirst(2))
                currentTable = resolve(keys, countingArrayTable: true)
                // The array as a whole (`step`, for "5 to 9 steps") is reported at its first element.
                record(Array(currentTable.dropLast()) + [keys.last ?? ""], line: number, into: &lines)
                record(currentTable, line: number, into: &lines)
            } else if first == "[" {
                let (keys, _) = Scanner.parseKey(trimmed.dropFirst())
                currentTable = resolve(keys, countingArrayTable: false)
                record(currentTable, line: number, into: &lines)
            } else {
                let (keys, rest) = Scanner.parseKey(trimmed)
                guard !keys.isEmpty, rest.first == "=" else { return }
                record(currentTable + keys, line: number, into: &lines)
                scanValue(rest.dropFirst())
            }
        }

        /// Replaces every prefix that names an array of tables with its latest element, so that
        /// `[closure.note]` after the second `[[closure]]` lands in `closure[2].note`.
        private mutating func resolve(_ keys: [String], countingArrayTable: Bool) -> [String] {
            var resolved: [String] = []
            for (index, key) in keys.enumerated() {
                let isLast = index == keys.count - 1
                let plainPath = (resolved + [key]).joined(separator: ".")
                if isLast && countingArrayTable {
                    let count = (arrayTableCounts[plainPath] ?? 0) + 1
                    arrayTableCounts[plainPath] = count
                    resolved.append("\(key)[\(count)]")
                } else if let count = arrayTableCounts[plainPath] {
                    resolved.append("\(key)[\(count)]")
                } else {
                    resolved.append(key)
                }
            }
            return resolved
        }

        private func record(_ keys: [String], line: Int, into lines: inout [String: Int]) {
            guard !keys.isEmpty else { return }
            let path = keys.joined(separator: ".")
            if lines[path] == nil { lines[path] = line }
        }

        /// Reads a dotted key (bare or quoted parts) and returns the rest of the line after it,
        /// with leading blanks removed.
        static func parseKey(_ text: Substring) -> ([String], Substring) {
            var keys: [String] = []
            var rest = text
            while true {
                rest = rest.drop(while: { $0 == " " || $0 == "\t" })
                guard let first = rest.first else { return (keys, rest) }
                if first == "\"" || first == "'" {
                    rest = rest.dropFirst()
                    var key = ""
                    while let char = rest.first, char != first {
                        if first == "\"" && char == "\\" {
                            rest = rest.dropFirst()
                            if let escaped = rest.first { key.append(escaped) }
                        } else {
                            key.append(char)
                        }
                        rest = rest.dropFirst()
                    }
                    rest = rest.dropFirst()
                    keys.append(key)
                } else {
                    let bare = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" })
                    guard !bare.isEmpty else { return (keys, rest) }
                    keys.append(String(bare))
                    rest = rest.dropFirst(bare.count)
                }
                rest = rest.drop(while: { $0 == " " || $0 == "\t" })
                guard rest.first == "." else { return (keys, rest) }
                rest = rest.dropFirst()
            }
        }

        /// Follows strings, comments and brackets through a value so the next line is read in
        /// the right state.
        private mutating func scanValue(_ text: Substring) {
            var rest = text
            while !rest.isEmpty {
                if let delimiter = openMultilineString {
                    guard let end = rest.range(of: delimiter) else { return }
                    rest = rest[end.upperBound...]
                    openMultilineString = nil
                    continue
                }
                let char = rest.first!
                if rest.hasPrefix("\"\"\"") || rest.hasPrefix("'''") {
                    openMultilineString = String(rest.prefix(3))
                    rest = rest.dropFirst(3)
                } else if char == "\"" || char == "'" {
                    rest = rest.dropFirst()
                    while let inner = rest.first, inner != char {
                        rest = rest.dropFirst(char == "\"" && inner == "\\" ? 2 : 1)
                    }
                    rest = rest.dropFirst()
                } else if char == "#" {
                    return
                } else {
                    if char == "[" || char == "{" { bracketDepth += 1 }
                    if char == "]" || char == "}" { bracketDepth = max(0, bracketDepth - 1) }
                    rest = rest.dropFirst()
                }
            }
        }
    }
}
