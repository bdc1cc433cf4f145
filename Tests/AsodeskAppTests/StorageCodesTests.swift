@testable import AsodeskApp
import AsodeskDomain
import Testing

/// The byte codes of every vocabulary in storage are a fixed table, not the enum's order: a value
/// added to an enum without a code, or a table reordered, fails here before it can mis-decode a
/// log or a snapshot written by another version.
@Suite struct StorageCodesTests {
    static func covers<T: CaseIterable & Hashable & Sendable>(_ table: CodeTable<T>, _ type: T.Type) -> Bool {
        Set(table.values) == Set(T.allCases) && T.allCases.allSatisfy { table.value(table.code($0)) == $0 }
    }

    @Test func everyValueOfEveryStoredVocabularyHasACode() {
        #expect(Self.covers(StorageCodes.channels, Channel.self))
        #expect(Self.covers(StorageCodes.categories, ComplaintCategory.self))
        #expect(Self.covers(StorageCodes.priorities, Priority.self))
        #expect(Self.covers(StorageCodes.bases, LegalBasis.self))
        #expect(Self.covers(StorageCodes.roles, Role.self))
        #expect(Self.covers(StorageCodes.reasons, WaitReason.self))
        #expect(Self.covers(StorageCodes.outcomes, DecisionOutcome.self))
        #expect(Self.covers(StorageCodes.states, ComplaintState.self))
        #expect(Self.covers(StorageCodes.verbs, ActionVerb.self))
        #expect(Set(StorageCodes.correctableFields.values) == Set(Field.correctable + [.cause]), "every field a correction may name")
        #expect(Self.covers(StorageCodes.contactPreferences, ContactPreference.self))
    }

    /// The codes as written in logs and snapshots since they were introduced (docs/log-format.md).
    @Test func theCodesNeverMove() {
        #expect(StorageCodes.channels.values.map(\.rawValue) == ["phone", "email", "web", "social", "letter", "in-person",
                                                                 "suggestion-box", "comment-book"])
        #expect(StorageCodes.categories.values.map(\.rawValue)
                == ["repair", "damage", "invoice", "delay", "staff", "parts", "warranty", "communication", "other"])
        #expect(StorageCodes.priorities.values.map(\.rawValue) == ["normal", "high", "critical"])
        #expect(StorageCodes.bases.values.map(\.rawValue) == ["consumer", "business", "warranty", "goodwill"])
        #expect(StorageCodes.roles.values.map(\.rawValue) == ["trainee", "advisor", "lead"])
        #expect(StorageCodes.reasons.values.map(\.rawValue) == ["customer", "parts", "manufacturer"])
        #expect(StorageCodes.outcomes.values.map(\.rawValue) == ["accepted", "partly", "rejected"])
        #expect(StorageCodes.states.values.map(\.rawValue)
                == ["received", "acknowledged", "in-analysis", "waiting", "decided", "closed", "followed-up"])
        #expect(StorageCodes.verbs.values.map(\.rawValue)
                == ["add", "ack", "contact", "wait", "resume", "assign", "escalate", "decide", "close", "reopen", "note",
                    "check", "override", "followup", "answer", "delivered", "amend", "uncheck", "link", "attach", "mark-test"])
        #expect(StorageCodes.correctableFields.values.map(\.rawValue)
                == ["customer", "phone", "email", "plate", "vin", "vehicle", "order", "summary", "remedy", "contact-by", "cause"])
        #expect(StorageCodes.contactPreferences.values.map(\.rawValue) == ["phone", "sms", "email", "letter", "in-person"])
        #expect(StorageCodes.media.values.map(\.rawValue) == ["letter", "email", "in-person", "other"])
        #expect(StorageCodes.channels.code(.phone) == 1 && StorageCodes.channels.code(nil) == 0)
        #expect(StorageCodes.states.value(0) == nil && StorageCodes.states.value(8) == nil && StorageCodes.states.value(7) == .followedUp)
    }
}
