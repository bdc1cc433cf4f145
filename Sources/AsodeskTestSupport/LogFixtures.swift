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

/// The payload of a test log's header (`asodesk init --test`): the first record of a log that
/// tests write to with a pinned clock (ASODESK_NOW), as `LogHeader` encodes it.
public func testHeaderPayload(createdAtMilliseconds: Int64 = 1_795_000_000_000) -> [UInt8] {
    Array("{\"header\":{\"createdAt\":\(createdAtMilliseconds),\"kind\":\"test\"},\"v\":1}".utf8)
}

/// Creates the log at `path` as a test log: its first record is a test header, so the CLI with a
/// pinned clock (`CLI`, which sets ASODESK_NOW) may write to it. The log must be new or empty.
public func makeTestLog(at path: String) throws {
    let log = try EventLog(path: path, create: true)
    _ = try log.append(encoding: LogFormat.Encoding.json) { unseen in
        precondition(unseen.isEmpty && log.lastSequence == 0, "a test header goes first in a new log")
        return [testHeaderPayload()]
    }
}
