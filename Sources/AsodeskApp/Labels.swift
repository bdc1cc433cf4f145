import AsodeskDomain
import AsodeskLog
import Foundation

/// The words the desk uses for the domain's vocabulary, in both languages.
public enum Labels {
    public static func improvementKind(_ kind: ImprovementKind) -> LocalizedText {
        switch kind {
        case .corrective: LocalizedText("korygujące", "corrective")
        case .preventive: LocalizedText("zapobiegawcze", "preventive")
        case .procedureReview: LocalizedText("przegląd procedury", "procedure review")
        }
    }

    public static func improvementStatus(_ status: ImprovementStatus) -> LocalizedText {
        switch status {
        case .open: LocalizedText("otwarte", "open")
        case .done: LocalizedText("wykonane", "done")
        case .verifiedEffective: LocalizedText("skuteczne", "verified effective")
        case .notEffective: LocalizedText("nieskuteczne", "not effective")
        case .cancelled: LocalizedText("anulowane", "cancelled")
        }
    }

    public static func state(_ state: ComplaintState) -> LocalizedText {
        switch state {
        case .received: LocalizedText("przyjęta", "received")
        case .acknowledged: LocalizedText("potwierdzona", "acknowledged")
        case .inAnalysis: LocalizedText("w analizie", "in analysis")
        case .waiting: LocalizedText("wstrzymana", "waiting")
        case .decided: LocalizedText("rozpatrzona", "decided")
        case .closed: LocalizedText("zamknięta", "closed")
        case .followedUp: LocalizedText("zakończona", "followed up")
        }
    }

    public static func channel(_ channel: Channel) -> LocalizedText {
        switch channel {
        case .phone: LocalizedText("telefon", "phone")
        case .email: LocalizedText("e-mail", "e-mail")
        case .web: LocalizedText("formularz www", "web form")
        case .social: LocalizedText("media społ.", "social media")
        case .letter: LocalizedText("list", "letter")
        case .inPerson: LocalizedText("osobiście", "in person")
        case .suggestionBox: LocalizedText("skrzynka sugestii", "suggestion box")
        case .commentBook: LocalizedText("książka skarg i wniosków", "comment book")
        }
    }

    /// The mark of a mystery-shopping test complaint (detail, queue row, `show`).
    public static let mysteryShoppingTest = LocalizedText("Test (tajemniczy klient)", "Test (mystery shopping)")

    public static func category(_ category: ComplaintCategory) -> LocalizedText {
        switch category {
        case .repair: LocalizedText("naprawa", "repair")
        case .damage: LocalizedText("uszkodzenie", "damage")
        case .invoice: LocalizedText("faktura", "invoice")
        case .delay: LocalizedText("opóźnienie", "delay")
        case .staff: LocalizedText("obsługa", "staff")
        case .parts: LocalizedText("części", "parts")
        case .warranty: LocalizedText("gwarancja", "warranty")
        case .communication: LocalizedText("komunikacja", "communication")
        case .other: LocalizedText("inne", "other")
        }
    }

    public static func priority(_ priority: Priority) -> LocalizedText {
        switch priority {
        case .normal: LocalizedText("zwykły", "normal")
        case .high: LocalizedText("wysoki", "high")
        case .critical: LocalizedText("krytyczny", "critical")
        }
    }

    public static func legalBasis(_ basis: LegalBasis) -> LocalizedText {
        switch basis {
        case .consumer: LocalizedText("konsument", "consumer")
        case .business: LocalizedText("przedsiębiorca", "business")
        case .warranty: LocalizedText("gwarancja", "warranty")
        case .goodwill: LocalizedText("dobra wola", "goodwill")
        }
    }

    public static func role(_ role: Role) -> LocalizedText {
        switch role {
        case .trainee: LocalizedText("praktykant", "trainee")
        case .advisor: LocalizedText("doradca", "advisor")
        case .lead: LocalizedText("kierownik zmiany", "shift lead")
        }
    }

    public static func waitReason(_ reason: WaitReason) -> LocalizedText {
        switch reason {
        case .customer: LocalizedText("na klienta", "customer")
        case .parts: LocalizedText("na części", "parts")
        case .manufacturer: LocalizedText("na producenta", "manufacturer")
        }
    }

    public static func outcome(_ outcome: DecisionOutcome) -> LocalizedText {
        switch outcome {
        case .accepted: LocalizedText("uznana", "accepted")
        case .partly: LocalizedText("uznana częściowo", "partly accepted")
        case .rejected: LocalizedText("odrzucona", "rejected")
        }
    }

    public static func timer(_ timer: TimerName) -> LocalizedText {
        switch timer {
        case .acknowledgement: LocalizedText("potwierdzenie", "acknowledgement")
        case .firstContact: LocalizedText("pierwszy kontakt", "first contact")
        case .update: LocalizedText("informacja", "update")
        case .decision: LocalizedText("decyzja", "decision")
        case .followUp: LocalizedText("telefon kontrolny", "follow-up")
        }
    }

    public static func verb(_ verb: ActionVerb) -> LocalizedText {
        switch verb {
        case .receive: LocalizedText("przyjęcie", "received")
        case .acknowledge: LocalizedText("potwierdzenie", "acknowledged")
        case .contact: LocalizedText("kontakt", "contact")
        case .wait: LocalizedText("wstrzymanie", "waiting")
        case .resume: LocalizedText("wznowienie", "resumed")
        case .assign: LocalizedText("przydział", "assigned")
        case .escalate: LocalizedText("eskalacja", "escalated")
        case .decide: LocalizedText("decyzja", "decided")
        case .close: LocalizedText("zamknięcie", "closed")
        case .reopen: LocalizedText("ponowne otwarcie", "reopened")
        case .note: LocalizedText("notatka", "note")
        case .check: LocalizedText("krok listy", "checklist step")
        case .override: LocalizedText("pominięcie kroku", "step overridden")
        case .followUp: LocalizedText("telefon kontrolny", "follow-up")
        case .answer: LocalizedText("odpowiedź", "answer")
        case .delivered: LocalizedText("doręczenie odpowiedzi", "answer delivered")
        case .amend: LocalizedText("poprawka danych", "data corrected")
        case .withdrawTick: LocalizedText("cofnięcie odhaczenia", "tick withdrawn")
        case .link: LocalizedText("powiązanie", "linked")
        case .attach: LocalizedText("dołączenie dokumentu", "document attached")
        case .markTest: LocalizedText("oznaczenie jako test", "marked as a test")
        }
    }

    public static func mode(_ mode: ChecklistMode) -> LocalizedText {
        switch mode {
        case .readDo: LocalizedText("czytaj i wykonuj", "read-do")
        case .doConfirm: LocalizedText("wykonaj i potwierdź", "do-confirm")
        }
    }

    public static func pausePoint(_ point: PausePoint) -> LocalizedText {
        switch point {
        case .intake: LocalizedText("przyjęcie", "intake")
        case .beforeDecision: LocalizedText("przed decyzją", "before the decision")
        case .beforeClosing: LocalizedText("przed zamknięciem", "before closing")
        case .followUp: LocalizedText("telefon kontrolny", "follow-up")
        case .escalation: LocalizedText("eskalacja", "escalation")
        case .periodic: LocalizedText("okresowe", "periodic")
        }
    }

    /// How the customer wants to be contacted; "not given" when they said nothing.
    public static func contactPreference(_ preference: ContactPreference?) -> LocalizedText {
        switch preference {
        case .phone: LocalizedText("telefon", "phone")
        case .sms: LocalizedText("SMS", "SMS")
        case .email: LocalizedText("e-mail", "e-mail")
        case .letter: LocalizedText("list", "letter")
        case .inPerson: LocalizedText("osobiście", "in person")
        case nil: LocalizedText("bez preferencji", "no preference")
        }
    }

    public static func medium(_ medium: AnswerMedium) -> LocalizedText {
        switch medium {
        case .letter: LocalizedText("list", "letter")
        case .email: LocalizedText("e-mail", "e-mail")
        case .inPerson: LocalizedText("osobiście", "in person")
        case .other: LocalizedText("inna droga", "other")
        }
    }
}

extension Labels {
    /// Why a file the dashboard writes (the shift handover) was not written, and what to do.
    public static func fileProblem(_ problem: FileCreationError) -> LocalizedText {
        let path = problem.path
        switch problem {
        case .exists:
            return LocalizedText("\(path) już istnieje i nie zostanie nadpisany", "\(path) already exists and is not overwritten")
        case .symbolicLink:
            return LocalizedText("\(path) jest dowiązaniem symbolicznym; usuń je (asodesk nie pisze przez dowiązania)",
                                 "\(path) is a symbolic link; remove it (asodesk never writes through links)")
        case .notARegularFile:
            return LocalizedText("\(path) nie jest zwykłym plikiem; usuń go lub zmień nazwę",
                                 "\(path) is not a regular file; remove or rename it")
        case .notAFolder:
            return LocalizedText("\(path) nie jest folderem, a folder przekazań ma być w nim; usuń go, zmień nazwę albo wskaż inny folder",
                                 "\(path) is not a folder, and the handover folder goes inside it; remove or rename it, or choose another folder")
        case .protected:
            return LocalizedText("\(path) to dziennik reklamacji lub jego plik; wybierz inne miejsce",
                                 "\(path) is the complaint log or one of its files; choose another place")
        case .notPrivate:
            return LocalizedText("\(path) nie jest prywatnym folderem tego użytkownika", "\(path) is not this user's private folder")
        case .system(_, let step, let code):
            let reason = String(cString: strerror(code))
            switch step {
            case .folder:
                return LocalizedText("nie można utworzyć folderu \(path) (\(reason)); sprawdź uprawnienia",
                                     "cannot create the folder \(path) (\(reason)); check its permissions")
            default:
                return LocalizedText("nie można zapisać \(path) (\(reason)); sprawdź wolne miejsce i uprawnienia folderu",
                                     "cannot write \(path) (\(reason)); check the free space and the folder's permissions")
            }
        }
    }
}
