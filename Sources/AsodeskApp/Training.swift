import AsodeskDomain
import Foundation

/// How a procedure was practised. Only practice on a sample case is recorded; walking through a
/// procedure on its own is reading, not training. New modes are new cases (an older asodesk then
/// reads the entry as newer history and stops writing, as it does for any entry it cannot decode).
public enum TrainingMode: String, Codable, CaseIterable, Sendable {
    case practice
}

/// One completed practice run of a procedure: who, in which role, which procedure and version,
/// when, and how many steps they confirmed. A training entry is not a complaint and touches none.
public struct TrainingEntry: Codable, Sendable, Hashable {
    /// The operator id of the person who practised.
    public var person: String
    public var role: Role
    public var procedure: String
    /// The procedure's version when it was practised: a newer version is to be practised again.
    public var version: Int
    public var mode: TrainingMode
    public var completedAt: Date
    /// Steps confirmed (every mandatory step, plus the optional ones not skipped).
    public var steps: Int

    public init(person: String, role: Role, procedure: String, version: Int, mode: TrainingMode,
                completedAt: Date, steps: Int) {
        self.person = person; self.role = role; self.procedure = procedure; self.version = version
        self.mode = mode; self.completedAt = completedAt; self.steps = steps
    }
}

/// What the training record shows for one person and one procedure: the latest practice and
/// whether the procedure changed since.
public struct TrainingStatus: Sendable, Hashable {
    public var latest: TrainingEntry
    /// How many times the person practised this procedure (any version).
    public var count: Int
    /// The library's current version when it is newer than the one last practised.
    public var newerVersion: Int?
    public var isToRepeat: Bool { newerVersion != nil }
}

public extension DeskState {
    /// Per person (ids in the given order first, then the rest by id), each procedure they
    /// practised with its latest entry, sorted by procedure id.
    func trainingRecord(library: ProcedureLibrary, peopleFirst: [String] = []) -> [(person: String, procedures: [TrainingStatus])] {
        let byPerson = Dictionary(grouping: training, by: \.person)
        let others = byPerson.keys.filter { !peopleFirst.contains($0) }.sorted()
        return (peopleFirst.filter { byPerson[$0] != nil } + others).map { person in
            let byProcedure = Dictionary(grouping: byPerson[person]!, by: \.procedure)
            let statuses = byProcedure.keys.sorted().map { id -> TrainingStatus in
                let entries = byProcedure[id]!
                let latest = entries.max { ($0.version, $0.completedAt) < ($1.version, $1.completedAt) }!
                let current = library.procedure(id: id)?.version
                return TrainingStatus(latest: latest, count: entries.count,
                                      newerVersion: current.flatMap { $0 > latest.version ? $0 : nil })
            }
            return (person, statuses)
        }
    }
}

/// Why a training entry cannot be recorded, for the person at the desk.
public enum TrainingError: Error, Sendable, CustomStringConvertible {
    case noSuchProcedure(id: String, known: [String])
    case versionChanged(id: String, practised: Int, current: Int)
    case stepCount(id: String, steps: Int, available: Int)

    public var description: String {
        switch self {
        case .noSuchProcedure(let id, let known):
            return "There is no procedure '\(SafeText.singleLine(id, maxCharacters: 48))'. Known procedures: \(known.joined(separator: ", "))."
        case .versionChanged(let id, let practised, let current):
            return "Procedure '\(id)' changed to version \(current) during the practice (it was \(practised)); practise it again from the start."
        case .stepCount(let id, let steps, let available):
            return "A practice of '\(id)' confirms \(available == 1 ? "1 step" : "1 to \(available) steps"), not \(steps); practise it again from the start."
        }
    }
}
