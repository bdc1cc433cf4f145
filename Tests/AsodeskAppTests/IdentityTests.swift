import AsodeskDomain
import Foundation
import Testing
@testable import AsodeskApp

/// Who acts, from the system account: the pure resolution, rule by rule.
@Suite struct IdentityTests {
    static let lead = Operator(id: "anowak", name: "Anna Nowak", role: .lead)
    static let advisor = Operator(id: "pwisniewski", name: "Piotr Wiśniewski", role: .advisor)
    static let trainee = Operator(id: "jlewandowska", name: "Julia Lewandowska", role: .trainee)
    static let operators = [lead, advisor, trainee]
    /// Cheap to derive: the tests ask many times.
    static let cheap = Passphrase.Cost(log2Rounds: 10, blockSize: 8, parallelism: 1)

    static func resolve(_ account: String, root: Bool = false, operators: [Operator] = operators, as id: String? = nil,
                        role: Role? = nil, known: Set<String> = [], pin: String? = nil) -> Result<Actor, Identity.Refusal> {
        Result { () throws(Identity.Refusal) -> Actor in
            try Identity.resolve(Identity.Request(account: account, isRoot: root, operators: operators, requestedID: id,
                                                  requestedRole: role, knownIDs: known), pin: { _ in pin })
        }
    }

    @Test func anAccountBoundToOneOperatorActsAsThatOperatorInTheConfiguredRole() {
        #expect(Self.resolve("jlewandowska") == .success(Actor(id: "jlewandowska", role: .trainee)))
        #expect(Self.resolve("jlewandowska", as: "jlewandowska") == .success(Actor(id: "jlewandowska", role: .trainee)))
    }

    @Test func anAccountThatIsNoOperatorIsRefused() {
        #expect(Self.resolve("intruder") == .failure(.notAnOperator(account: "intruder")))
    }

    @Test func asCannotActAsAnotherOperator() {
        #expect(Self.resolve("jlewandowska", as: "anowak")
                == .failure(.cannotActAsAnother(account: "jlewandowska", mine: ["jlewandowska"], requested: "anowak")))
    }

    @Test func roleMayBeLoweredNeverRaised() {
        #expect(Self.resolve("pwisniewski", role: .trainee) == .success(Actor(id: "pwisniewski", role: .trainee)))
        #expect(Self.resolve("pwisniewski", role: .advisor) == .success(Actor(id: "pwisniewski", role: .advisor)))
        #expect(Self.resolve("jlewandowska", role: .lead)
                == .failure(.roleAboveConfigured(id: "jlewandowska", configured: .trainee, requested: .lead)))
    }

    @Test func rootMayActAsAnyConfiguredOperatorButNotAsAnUnknownOne() {
        #expect(Self.resolve("root", root: true, as: "anowak") == .success(Actor(id: "anowak", role: .lead)))
        #expect(Self.resolve("root", root: true, as: "nobody") == .failure(.unknownOperator(id: "nobody", known: ["anowak", "pwisniewski", "jlewandowska"])))
        #expect(Self.resolve("root", root: true) == .failure(.notAnOperator(account: "root")))
    }

    @Test func aSharedAccountChoosesWithAsAndProvesItWithThePIN() throws {
        let hash = try Passphrase.hash("4711", cost: Self.cheap)
        let shared = [Operator(id: "ka", name: "K A", role: .advisor, login: "recepcja", pinHash: hash),
                      Operator(id: "kb", name: "K B", role: .trainee, login: "recepcja", pinHash: try Passphrase.hash("0815", cost: Self.cheap))]
        #expect(Self.resolve("recepcja", operators: shared, pin: "4711") == .failure(.chooseOperator(account: "recepcja", candidates: ["ka", "kb"])))
        #expect(Self.resolve("recepcja", operators: shared, as: "ka", pin: "4711") == .success(Actor(id: "ka", role: .advisor)))
        #expect(Self.resolve("recepcja", operators: shared, as: "ka", pin: "0815") == .failure(.wrongPIN(operatorID: "ka")))
        #expect(Self.resolve("recepcja", operators: shared, as: "ka") == .failure(.pinMissing(operatorID: "ka")))
        #expect(Self.resolve("recepcja", operators: shared, as: "ka", pin: "") == .failure(.pinMissing(operatorID: "ka")))
        #expect(Self.resolve("recepcja", operators: shared, as: "anowak", pin: "4711")
                == .failure(.cannotActAsAnother(account: "recepcja", mine: ["ka", "kb"], requested: "anowak")))
        // Root too must know the PIN of an operator who has one.
        #expect(Self.resolve("root", root: true, operators: shared, as: "kb") == .failure(.pinMissing(operatorID: "kb")))
        #expect(Self.resolve("root", root: true, operators: shared, as: "kb", pin: "0815") == .success(Actor(id: "kb", role: .trainee)))
    }

    @Test func thePINIsAskedOnlyWhenTheOperatorHasOne() throws {
        var asked = 0
        let actor = try Identity.resolve(Identity.Request(account: "anowak", isRoot: false, operators: Self.operators)) { _ in
            asked += 1
            return nil
        }
        #expect(actor == Actor(id: "anowak", role: .lead) && asked == 0)
    }

    // MARK: No operators: one person's desk

    @Test func withoutOperatorsTheAccountIsTheLeadOfItsOwnDesk() {
        #expect(Self.resolve("marek", operators: []) == .success(Actor(id: "marek", role: .lead)))
        #expect(Self.resolve("marek", operators: [], role: .trainee) == .success(Actor(id: "marek", role: .trainee)))
        #expect(Self.resolve("marek", operators: [], as: "marek") == .success(Actor(id: "marek", role: .lead)))
    }

    @Test func withoutOperatorsAsAnotherIdIsRefusedExceptForRoot() {
        #expect(Self.resolve("marek", operators: [], as: "jl2", role: .lead)
                == .failure(.oneDeskCannotActAsAnother(account: "marek", requested: "jl2")))
        #expect(Self.resolve("root", root: true, operators: [], as: "jl2") == .success(Actor(id: "jl2", role: .lead)))
    }

    @Test func withoutOperatorsAnAccountNameThatIsNoIdIsRefused() {
        #expect(Self.resolve("Marek", operators: []) == .failure(.accountNotAnID(account: "Marek", problem: .character("M"))))
        #expect(Self.resolve("m", operators: []) == .failure(.accountNotAnID(account: "m", problem: .length(1))))
    }

    // MARK: The id rule and look-alikes

    @Test(arguments: [("\u{430}nowak", OperatorID.Problem.character("\u{430}")), ("Jlewandowska", .character("J")),
                      ("../../../../etc/passwd", .character("/")), ("a", .length(1)),
                      (String(repeating: "a", count: 33), .length(33)), ("an owak", .character(" "))])
    func idsOutsideTheRuleAreRefusedNamingTheCharacter(id: String, problem: OperatorID.Problem) {
        #expect(OperatorID.problem(id) == problem)
        #expect(Self.resolve("root", root: true, operators: [], as: id) == .failure(.invalidID(id: id, problem: problem)))
    }

    @Test func theCodePointOfAnOffendingCharacterIsNamed() {
        #expect(OperatorID.codePoint("\u{430}") == "U+0430 \"\u{430}\"")
        #expect(OperatorID.codePoint("\u{202E}") == "U+202E")
    }

    @Test(arguments: [("a.nowak", "anowak"), ("an0wak", "anowak"), ("jlewandowska1", "jlewandowskal"), ("ania", "anla"),
                      ("rnarek", "marek"), ("vvojtek", "wojtek"), ("j_l-e", "jle")])
    func skeletonsMakeLookAlikesEqual(id: String, other: String) {
        #expect(OperatorID.confusable(id, other))
        #expect(!OperatorID.confusable(id, id))
    }

    @Test func anIdConfusableWithOneTheLogKnowsIsRefused() {
        let known: Set = ["anowak", "pwisniewski"]
        #expect(Self.resolve("root", root: true, operators: [], as: "a.nowak", known: known)
                == .failure(.confusable(id: "a.nowak", with: "anowak")))
        #expect(Self.resolve("root", root: true, operators: [], as: "anowak", known: known) == .success(Actor(id: "anowak", role: .lead)))
        #expect(Self.resolve("an0wak", operators: [], known: known) == .failure(.confusable(id: "an0wak", with: "anowak")))
        // With operators, an id like a configured one is named as such.
        #expect(Self.resolve("root", root: true, as: "an0wak") == .failure(.confusable(id: "an0wak", with: "anowak")))
    }
}
