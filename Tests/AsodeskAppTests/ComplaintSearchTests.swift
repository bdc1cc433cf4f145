import AsodeskDomain
import Foundation
import Testing
@testable import AsodeskApp

@Suite struct ComplaintSearchTests {
    /// A complaint as taken in, with its notes added (nothing written to a log).
    static func complaint(_ serial: Int, customer: String = "Tomasz Kowalski", phone: String? = "601 234 567",
                          email: String? = "t.kowalski@gmail.com", order: String? = nil,
                          summary: String = "Po wymianie sprzęgła nadal szarpie.", notes: [String] = []) throws -> Complaint {
        let intake = try IntakeForm(channel: .phone, category: .repair, priority: .normal, legalBasis: .consumer,
                                    customer: customer, phone: phone, email: email, plate: "wx 12345", order: order,
                                    summary: summary).validated()
        let actor = Actor(id: "pwisniewski", role: .advisor)
        let number = ComplaintNumber(year: 2026, serial: serial)
        func event(_ action: ComplaintAction) -> ComplaintEvent {
            ComplaintEvent(number: number, actor: actor, occurredAt: DeskFixture.now, recordedAt: DeskFixture.now, action: action)
        }
        var complaint = try #require(Lifecycle.start(event(.receive(intake))))
        for note in notes { Lifecycle.apply(event(.note(text: note)), to: &complaint) }
        return complaint
    }

    static func rank(_ text: String, _ complaint: Complaint) -> ComplaintSearch.Rank? {
        var vocabulary = ComplaintSearch.Vocabulary()
        let key = ComplaintSearch.Key(complaint, vocabulary: &vocabulary)
        return ComplaintSearch.Query(text, vocabulary: vocabulary)?.rank(key, number: complaint.number)
    }

    /// Keys of several complaints over one vocabulary, and a query ready for them.
    static func ranked(_ text: String, _ complaints: [Complaint]) throws -> [Int] {
        var vocabulary = ComplaintSearch.Vocabulary()
        let keys = complaints.map { ComplaintSearch.Key($0, vocabulary: &vocabulary) }
        let query = try #require(ComplaintSearch.Query(text, vocabulary: vocabulary))
        return ComplaintSearch.ranked(Array(zip(complaints, keys))) { query.rank($0.1, number: $0.0.number) }.map(\.0.number.serial)
    }

    @Test func aPhoneIsFoundHoweverItIsTyped() throws {
        let complaint = try Self.complaint(1)  // stored as +48 601 234 567
        for typed in ["601234567", "601 234 567", "601-234-567", "+48 601 234 567", "+48601234567", "0048 601 234 567", "48601234567"] {
            #expect(Self.rank(typed, complaint) == .exactField, "“\(typed)”")
        }
        for typed in ["+48 601", "601 234", "234 56", "0048 60"] {
            #expect(Self.rank(typed, complaint) == .partialField, "“\(typed)”")
        }
        #expect(Self.rank("602 234 567", complaint) == nil)
        #expect(Self.rank("+49 601", complaint) == nil, "another country's code is not ignored")
    }

    @Test func aForeignPhoneKeepsItsCountryCode() throws {
        let complaint = try Self.complaint(1, phone: "+49 30 1234567")
        #expect(Self.rank("+49 30 1234567", complaint) == .exactField)
        #expect(Self.rank("0049 30", complaint) == .partialField)
        #expect(Self.rank("301234567", complaint) == .partialField)
    }

    @Test func phoneDigitsDropOnlyAPolishPrefix() {
        func digits(_ text: String) -> String? { ComplaintSearch.phoneDigits(text).map { String(decoding: $0, as: UTF8.self) } }
        #expect(digits("+48 601 234 567") == "601234567")
        #expect(digits("0048601234567") == "601234567")
        #expect(digits("48601234567") == "601234567")
        #expect(digits("4860") == "4860", "a few digits typed without + are part of a number")
        #expect(digits("+48") == "")
        #expect(digits("(22) 123-45-67") == "221234567")
        #expect(digits("wx 601") == nil, "letters make it not a phone number")
        #expect(digits(" - ") == nil)
    }

    @Test func anEmailIsFoundWholeOrByAnyPart() throws {
        let complaint = try Self.complaint(1, email: "T.Kowalski@Gmail.com")
        #expect(Self.rank("t.kowalski@gmail.com", complaint) == .exactField)
        #expect(Self.rank("gmail", complaint) == .partialField)
        #expect(Self.rank("kowalski@", complaint) == .partialField)
        #expect(Self.rank("onet.pl", complaint) == nil)
    }

    @Test func wordsOfTheSummaryAndTheNotesAreFoundIgnoringPolishLetters() throws {
        let complaint = try Self.complaint(1, summary: "Po wymianie sprzęgła nadal szarpie.",
                                           notes: ["Klientka dzwoniła: stuki z przodu przy skręcaniu.", "Oddzwonić po 15:00"])
        #expect(Self.rank("sprzegla", complaint) == .words)
        #expect(Self.rank("szarpie sprzęgła", complaint) == .words, "each word anywhere, in any order")
        #expect(Self.rank("stuki", complaint) == .words, "a note's word")
        #expect(Self.rank("kowalski stuki", complaint) == .words, "the name and a note's word")
        #expect(Self.rank("skręc", complaint) == .words, "part of a word")
        #expect(Self.rank("stuki hamulce", complaint) == nil, "every word must be there")
        #expect(Self.rank("piszczy", complaint) == nil)
    }

    @Test func aNameIsFoundWholeOrInPart() throws {
        let complaint = try Self.complaint(1, customer: "Łukasz Wiśniewski")
        #expect(Self.rank("lukasz wisniewski", complaint) == .exactField)
        #expect(Self.rank("wiśniew", complaint) == .partialField)
        #expect(Self.rank("wisniewski lukasz", complaint) == .words)
    }

    @Test func anExactComplaintNumberRanksAboveARepairOrderThatContainsIt() throws {
        let wanted = try Self.complaint(42, customer: "Anna Nowak", phone: "602 000 000", email: nil)
        let order = try Self.complaint(7, customer: "Jan Zając", phone: "603 000 000", email: nil, order: "ZN/2026/00421")
        let plate = try Self.complaint(8, customer: "Ewa Mazur", phone: "604 000 000", email: nil, order: "2026/0042")
        #expect(Self.rank("R/2026/0042", wanted) == .number)
        #expect(Self.rank("2026/0042", order) == .partialField)
        #expect(Self.rank("2026/0042", plate) == .exactField, "a whole repair order")
        // In the queue's order the order-number matches come first; ranked, the complaint itself does.
        #expect(try Self.ranked("2026/0042", [order, plate, wanted]) == [42, 8, 7])
        // Words are numbered once for all: each complaint finds its own.
        let clutch = try Self.complaint(1, summary: "Szarpie sprzęgło"), brakes = try Self.complaint(2, summary: "Piszczą hamulce",
                                                                                                 notes: ["Sprzęgło wymienione w maju"])
        #expect(try Self.ranked("sprzeglo", [clutch, brakes]) == [1, 2])
        #expect(try Self.ranked("hamulce", [clutch, brakes]) == [2])
        #expect(try Self.ranked("szarp", [brakes, clutch]) == [1])
    }

    @Test func rankedKeepsTheGivenOrderWithinARankAndLeavesOutWhatDoesNotMatch() {
        let ranks: [Int: ComplaintSearch.Rank] = [1: .words, 2: .partialField, 3: .words, 5: .number, 6: .partialField]
        #expect(ComplaintSearch.ranked([1, 2, 3, 4, 5, 6]) { ranks[$0] } == [5, 2, 6, 1, 3])
    }

    @Test func aLongerQueryNarrowsOnlyWhenItCannotAddRows() throws {
        func narrows(_ longer: String, _ shorter: String) throws -> Bool {
            let none = ComplaintSearch.Vocabulary()
            return try #require(ComplaintSearch.Query(longer, vocabulary: none)).narrows(try #require(ComplaintSearch.Query(shorter, vocabulary: none)))
        }
        #expect(try narrows("kowa", "kow"))
        #expect(try narrows("601 2", "601"))
        #expect(try !narrows("+486", "+48"), "the first digit after +48 matches phones +48 did not")
        #expect(try !narrows("48601234567", "4860123456"), "eleven digits drop their 48")
        #expect(try !narrows("2026/42", "2026/4"), "a complaint number")
        #expect(try !narrows("+4", "+"), "the first digit")
    }

    @Test func aRepeatedNoteCostsItsWordsOnce() throws {
        let note = String(repeating: "Klient dzwonił ponownie w sprawie szarpania. ", count: 80)
        let once = try Self.complaint(1, notes: [note])
        let often = try Self.complaint(1, notes: Array(repeating: note, count: 20))
        var vocabulary = ComplaintSearch.Vocabulary()
        let onceKey = ComplaintSearch.Key(once, vocabulary: &vocabulary)
        let words = vocabulary.count
        #expect(ComplaintSearch.Key(often, vocabulary: &vocabulary).size == onceKey.size)
        #expect(vocabulary.count == words, "the same words, numbered once")
        #expect(onceKey.size < note.utf8.count / 10)
    }
}
