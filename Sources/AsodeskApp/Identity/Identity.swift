import AsodeskDomain

/// Who is at the keyboard, worked out from the operating system, never from what is typed alone.
/// Pure: the account and whether it is root come from the caller (`getuid()` and `getpwuid` in
/// the program), the PIN from a provider that is asked only when a PIN is needed; the answer is
/// an actor or a structured refusal that the command line and the dashboard put into words.
public enum Identity {
    /// Everything the decision rests on.
    public struct Request: Sendable {
        /// The name of the process's real user id (`getpwuid(getuid())`), never USER or LOGNAME.
        public var account: String
        /// The real user id is 0: root may act as any configured operator (it could become any
        /// account anyway), a PIN is still asked where the operator has one.
        public var isRoot: Bool
        /// The site config's operators; empty on a one-person desk.
        public var operators: [Operator]
        /// `--as`: which operator, when the account may be several (or root acts for someone).
        public var requestedID: String?
        /// `--role`: may equal or lower the role, never raise it.
        public var requestedRole: Role?
        /// The ids the log already knows as authors (`desk.state.recordedRoles.keys`): a new id
        /// confusable with one of them is refused.
        public var knownIDs: Set<String>

        public init(account: String, isRoot: Bool, operators: [Operator], requestedID: String? = nil,
                    requestedRole: Role? = nil, knownIDs: Set<String> = []) {
            self.account = account; self.isRoot = isRoot; self.operators = operators
            self.requestedID = requestedID; self.requestedRole = requestedRole; self.knownIDs = knownIDs
        }
    }

    /// Why nobody may act (nothing is written then).
    public enum Refusal: Error, Sendable, Equatable {
        /// `--as` is not an id at all (uppercase, a non-ASCII look-alike, a path, too long).
        case invalidID(id: String, problem: OperatorID.Problem)
        /// No operators are configured and the account's own name is not a valid id.
        case accountNotAnID(account: String, problem: OperatorID.Problem)
        /// The id differs from, yet looks like, an id the log or the config knows.
        case confusable(id: String, with: String)
        /// Operators are configured and none has `login` = this account.
        case notAnOperator(account: String)
        /// Root asked for an id that is not a configured operator.
        case unknownOperator(id: String, known: [String])
        /// `--as` names someone this account is not: `mine` are the operators it may be.
        case cannotActAsAnother(account: String, mine: [String], requested: String)
        /// No operators are configured and `--as` names another id than the account's own.
        case oneDeskCannotActAsAnother(account: String, requested: String)
        /// Several operators share this account: `--as` must say which.
        case chooseOperator(account: String, candidates: [String])
        /// The operator has a PIN and none was given.
        case pinMissing(operatorID: String)
        /// The PIN given is not the operator's (the caller waits about a second before saying so).
        case wrongPIN(operatorID: String)
        /// `--role` above the configured role.
        case roleAboveConfigured(id: String, configured: Role, requested: Role)
    }

    /// Asked for the PIN of the operator about to act; nil when none could be read.
    public typealias PINProvider = (Operator) throws -> String?

    public static func resolve(_ request: Request, pin: PINProvider) throws(Refusal) -> Actor {
        if let id = request.requestedID, let problem = OperatorID.problem(id) {
            throw .invalidID(id: id, problem: problem)
        }
        if request.operators.isEmpty { return try oneDesk(request) }
        let chosen = try chooseOperator(request)
        if let role = request.requestedRole, !chosen.role.includes(role) {
            throw .roleAboveConfigured(id: chosen.id, configured: chosen.role, requested: role)
        }
        if let stored = chosen.pinHash {
            let given: String?
            do { given = try pin(chosen) } catch { given = nil }
            guard let given, !given.isEmpty else { throw .pinMissing(operatorID: chosen.id) }
            guard (try? Passphrase.matches(given, stored)) == true else { throw .wrongPIN(operatorID: chosen.id) }
        }
        return Actor(id: chosen.id, role: request.requestedRole ?? chosen.role)
    }

    /// With operators configured: the operator this account is (or root asks for).
    private static func chooseOperator(_ request: Request) throws(Refusal) -> Operator {
        let configured = request.operators.map(\.id)
        if let id = request.requestedID, !configured.contains(id),
           let alike = (configured + request.knownIDs.sorted()).first(where: { OperatorID.confusable(id, $0) }) {
            throw .confusable(id: id, with: alike)
        }
        if request.isRoot, let id = request.requestedID {
            guard let chosen = request.operators.first(where: { $0.id == id }) else {
                throw .unknownOperator(id: id, known: configured)
            }
            return chosen
        }
        let mine = request.operators.filter { $0.login == request.account }
        guard !mine.isEmpty else { throw .notAnOperator(account: request.account) }
        if let id = request.requestedID {
            guard let chosen = mine.first(where: { $0.id == id }) else {
                throw .cannotActAsAnother(account: request.account, mine: mine.map(\.id), requested: id)
            }
            return chosen
        }
        guard mine.count == 1 else { throw .chooseOperator(account: request.account, candidates: mine.map(\.id)) }
        return mine[0]
    }

    /// No operators configured: one person's desk, every event the account's own (root may name
    /// any valid id), in the lead's role unless `--role` lowers it.
    private static func oneDesk(_ request: Request) throws(Refusal) -> Actor {
        let id: String
        if let requested = request.requestedID, requested != request.account {
            guard request.isRoot else { throw .oneDeskCannotActAsAnother(account: request.account, requested: requested) }
            id = requested
        } else {
            if let problem = OperatorID.problem(request.account) {
                throw .accountNotAnID(account: request.account, problem: problem)
            }
            id = request.account
        }
        if let alike = request.knownIDs.sorted().first(where: { OperatorID.confusable(id, $0) }) {
            throw .confusable(id: id, with: alike)
        }
        return Actor(id: id, role: request.requestedRole ?? .lead)
    }
}
