import AsodeskLog

/// A small JSON payload for record `index`, padded to vary record sizes.
public func payload(_ index: Int, padding: Int = 0) -> [UInt8] {
    Array("{\"complaint\":\(index),\"text\":\"\(String(repeating: "x", count: padding))\"}".utf8)
}

/// Builds a log of `count` single-record appends and returns its records.
@discardableResult
public func makeLog(at path: String, count: Int, padding: Int = 0) throws -> [LogRecord] {
    let log = try EventLog(path: path, create: true)
    var records: [LogRecord] = []
    for index in 1...count {
        records += try log.append { _ in [payload(index, padding: padding)] }
    }
    return records
}
