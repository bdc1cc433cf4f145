import AsodeskDomain
import Foundation

extension Desk {
    /// Who a complaint may be given to: with operators in the site config, they are who works at
    /// this site (in the config's order; an id only the log knows is someone who left, or a typo an
    /// older asodesk let through); without, the desk is one account's, so the ids the log knows
    /// (authors of events and owners of complaints held in full), sorted, with `actor` among them.
    /// The dashboard offers exactly these, and `perform` refuses anyone else.
    public func assignees(for actor: Actor) -> [String] {
        if !config.operators.isEmpty { return config.operators.map(\.id) }
        var ids = Set(state.recordedRoles.keys)
        ids.insert(actor.id)
        for complaint in state.complaints.inFull { if let owner = complaint.owner { ids.insert(owner) } }
        return ids.sorted()
    }

    /// Refuses giving a complaint to someone `assignees` does not name, saying whom they may have meant.
    func refuseUnknownAssignee(in actions: [ComplaintAction], by actor: Actor) throws {
        for case .assign(let to?, _) in actions {
            let known = assignees(for: actor)
            guard !known.contains(to) else { continue }
            throw DeskError.unknownAssignee(id: to, closest: OperatorID.closest(to: to, among: known), known: known,
                                            configured: !config.operators.isEmpty)
        }
    }
}

// MARK: Names

extension Desk {
    /// How a person is shown on every surface (dashboard, `show`, letters, JSON names): the name
    /// the site config gives the operator, else the id. The site config is the one registry of
    /// operators (their names, roles, logins and keys; docs/security.md), shared by every terminal
    /// of the desk beside the log; the log records ids only, so a name is never a second truth.
    public func personName(_ id: String) -> String { config.personName(id) }

    /// `Piotr Wiśniewski (pwisniewski)` where the id is also wanted (the command line, choices),
    /// or the id alone when the config gives no name.
    public func personLabel(_ id: String) -> String {
        let name = personName(id)
        return name == id ? id : "\(name) (\(id))"
    }

    /// People the log names whom this site config does not list, so this terminal shows their ids
    /// where the desk's other terminals show names: with operators configured, any such id (an
    /// operator whose entry was deleted); without, everyone, once the log holds two or more people
    /// (a one-person desk has nobody to name). Empty when every terminal shows the same names.
    public var unlistedPeople: [String] {
        let ids = Set(state.recordedRoles.keys)
        if config.operators.isEmpty { return ids.count >= 2 ? ids.sorted() : [] }
        let listed = Set(config.operators.map(\.id))
        return ids.subtracting(listed).sorted()
    }
}

extension OperatorID {
    /// The known ids nearest to what was typed, nearest first: those that look alike (the same
    /// skeleton), start with it, or are at most a third of its letters away (`mkaminsky` →
    /// `mkaminski`). Empty when none is near: a list of everyone says more then.
    public static func closest(to typed: String, among known: [String]) -> [String] {
        let typedSkeleton = skeleton(typed)
        let limit = max(2, typed.count / 3)
        let near: [(id: String, distance: Int)] = known.compactMap { id in
            if skeleton(id) == typedSkeleton { return (id, 0) }
            if typed.count >= 2, id.hasPrefix(typed) { return (id, 1) }
            let distance = editDistance(typed, id)
            return distance <= limit ? (id, distance) : nil
        }
        guard let best = near.map(\.distance).min() else { return [] }
        return near.filter { $0.distance == best }.map(\.id).sorted().prefix(3).map { $0 }
    }

    /// Letters inserted, deleted or replaced to turn one id into the other (ids are ASCII).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
