import AsodeskApp
import AsodeskDomain
import AsodeskLog
import AsodeskScreen
import Foundation

/// The frame around every screen: title bar, message line, status line and footer; and the
/// notice drawn instead of everything when the terminal is too small.
enum Chrome {
    /// The most lines a status message takes above the status line.
    static let messageLines = 5

    static func render(_ dashboard: Dashboard, into buffer: inout CellBuffer) {
        buffer.fill(buffer.bounds, role: .body)
        buffer.cursor = nil
        guard buffer.width >= Dashboard.minimumWidth, buffer.height >= Dashboard.minimumHeight else {
            renderTooSmall(dashboard, into: &buffer)
            return
        }
        let language = dashboard.language
        let width = buffer.width, height = buffer.height
        // Title bar: product, site and screen.
        buffer.fill(Rect(x: 0, y: 0, width: width, height: 1), role: .header)
        let title = " asodesk │ \(dashboard.desk.config.siteName) │ \(dashboard.top.title.text(language))"
        buffer.write(title, x: 0, y: 0, role: .header, maxWidth: width)

        var contentBottom = height - 2
        if let message = dashboard.message {
            // Never cut: a long message (a refusal, what to do next) takes as many lines as it
            // needs, up to `messageLines`; only beyond that does its last line end in "…".
            var lines = DisplayWidth.wrap(message.text, width: width - 2)
            if lines.count > messageLines {
                lines = Array(lines.prefix(messageLines))
                lines[messageLines - 1] = DisplayWidth.truncate(lines[messageLines - 1] + " …", to: width - 2)
            }
            contentBottom -= lines.count
            buffer.fill(Rect(x: 0, y: contentBottom, width: width, height: lines.count), role: message.role)
            for (offset, line) in lines.enumerated() {
                buffer.write(" " + line, x: 0, y: contentBottom + offset, role: message.role, maxWidth: width)
            }
        }
        renderStatusLine(dashboard, into: &buffer, y: height - 2)
        renderFooter(dashboard, into: &buffer, y: height - 1)

        // The topmost full screen, then the overlays above it.
        let area = Rect(x: 0, y: 1, width: width, height: contentBottom - 1)
        let firstDrawn = dashboard.stack.lastIndex(where: { !$0.isOverlay }) ?? 0
        for screen in dashboard.stack[firstDrawn...] {
            screen.render(into: &buffer, area: area, dashboard: dashboard)
        }
    }

    /// Operator and role, the log's state, and the site clock.
    static func renderStatusLine(_ dashboard: Dashboard, into buffer: inout CellBuffer, y: Int) {
        let language = dashboard.language
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), role: .footer)
        // Below 100 columns the clock drops the weekday and the log state its wording, so all fits.
        let compact = buffer.width < 100
        var clock = " " + (compact ? dashboard.style.dateTimeWithSeconds(dashboard.now) : dashboard.style.clock(dashboard.now)) + " "
        // Outside opening hours business timers stand still; say so, or the desk looks hung.
        if let opens = dashboard.desk.calendar.closedUntil(dashboard.now) {
            let when = dashboard.style.moment(opens, seenFrom: dashboard.now)
            clock = (language == .polish ? " ‖ nieczynne do \(when) ·" : " ‖ closed until \(when) ·") + clock
        }
        let clockWidth = DisplayWidth.of(clock)
        let person = " \(dashboard.operatorName) · \(Labels.role(dashboard.actor.role).text(language)) │ "
        var x = buffer.write(person, x: 0, y: y, role: .footer)
        let (text, role) = logState(dashboard.desk, language: language, compact: compact, pinned: dashboard.clockPinned)
        x += buffer.write(text, x: x, y: y, role: role, maxWidth: buffer.width - x - clockWidth)
        buffer.writeRightAligned(clock, endX: buffer.width, y: y, role: .footer)
    }

    /// Saved, read-only (and why), or damaged (where, and that repair exists).
    static func logState(_ desk: Desk, language: Language, compact: Bool = false, pinned: Bool = false) -> (String, StyleRole) {
        let pl = language == .polish
        if case .damaged(let reports) = desk.log.health, let first = reports.first {
            return (pl ? "✗ Log uszkodzony (bajt \(first.offset)) – tylko odczyt; uruchom `asodesk repair`"
                       : "✗ Log damaged (byte \(first.offset)) – read-only; run `asodesk repair`", .error)
        }
        if case .readOnly(let reason) = desk.log.access {
            let why = LogText.readOnly(reason).text(language)
            return (pl ? "✗ Log tylko do odczytu: \(why)" : "✗ Log read-only: \(why)", .warning)
        }
        if pinned && !desk.logKind.allowsPinnedClock {
            return (pl ? "✗ Tylko odczyt: ASODESK_NOW na logu stanowiska; unset ASODESK_NOW, aby zapisywać"
                       : "✗ Read-only: ASODESK_NOW on a desk's log; unset ASODESK_NOW to write", .warning)
        }
        if !desk.state.unreadable.isEmpty {
            return (pl ? "✗ Log z nowszej wersji asodesk – tylko odczyt; zaktualizuj asodesk"
                       : "✗ Log written by a newer asodesk – read-only; update asodesk", .warning)
        }
        let count = desk.log.lastSequence
        if compact { return (pl ? "✓ Zapisane (\(count))" : "✓ Log saved (\(count))", .ok) }
        let events = Int(clamping: count)
        return (pl ? "✓ Wszystko zapisane (\(Wording.pl(events, one: "zdarzenie", few: "zdarzenia", many: "zdarzeń")))"
                   : "✓ Log saved (\(Wording.en(events, "event", "events")))", .ok)
    }

    /// The most useful keys of the current screen, from the key table: what moves the work on
    /// first, then the screen's other hints; help and quit always keep their place at the end.
    static func renderFooter(_ dashboard: Dashboard, into buffer: inout CellBuffer, y: Int) {
        let language = dashboard.language
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), role: .footer)
        let bindings = footerBindings(dashboard)
        func width(_ binding: KeyBinding) -> Int {
            DisplayWidth.of(binding.footerKey?.text(language) ?? binding.keys[0].label) + DisplayWidth.of(binding.label.text(language)) + 2
        }
        let global = bindings.filter { $0.context == .global }
        var shown = bindings.filter { $0.context != .global }
        let reserved = global.reduce(0) { $0 + width($1) }
        var used = 0
        shown = shown.filter { binding in
            guard used + width(binding) + reserved <= buffer.width else { return false }
            used += width(binding)
            return true
        }
        var x = 0
        for binding in shown + global {
            guard x + width(binding) <= buffer.width else { break }
            let key = binding.footerKey?.text(language) ?? binding.keys[0].label
            x += buffer.write(key, x: x, y: y, role: .footerKey)
            x += buffer.write(binding.label.text(language) + " ", x: x + 1, y: y, role: .footer) + 1
        }
    }

    /// Footer hints: the top screen's next steps, its own hints, then help and quit.
    static func footerBindings(_ dashboard: Dashboard) -> [KeyBinding] {
        let screen = dashboard.top
        let reachable = KeyTable.reachable(in: screen.contexts).filter { dashboard.isOffered($0, on: screen) }
        let next = screen.nextSteps(dashboard: dashboard).compactMap { command in reachable.first { $0.command == command } }
        let hints = next + reachable.filter { binding in binding.inFooter && !next.contains { $0.command == binding.command } }
        if screen.capturesText {
            // Letters type into the field: only function keys and Esc are hints here.
            return hints
                .map { binding in
                    var shown = binding
                    shown.keys = binding.keys.filter { !$0.isPrintable }
                    return shown
                }
                .filter { !$0.keys.isEmpty }
        }
        return hints
    }

    static func renderTooSmall(_ dashboard: Dashboard, into buffer: inout CellBuffer) {
        let pl = dashboard.language == .polish
        var lines = pl
            ? ["Okno terminala jest za małe: \(buffer.width)×\(buffer.height).",
               "asodesk potrzebuje co najmniej \(Dashboard.minimumWidth)×\(Dashboard.minimumHeight).",
               "Powiększ okno albo zmniejsz czcionkę; q kończy."]
            : ["The terminal is too small: \(buffer.width)×\(buffer.height).",
               "asodesk needs at least \(Dashboard.minimumWidth)×\(Dashboard.minimumHeight).",
               "Enlarge the window or use a smaller font; q quits."]
        // Quitting with a form filled in asks here too (the only keys taken are q, F10, Ctrl-L).
        if let question = dashboard.top as? QuestionScreen { lines.append(question.question) }
        let top = max(0, (buffer.height - lines.count) / 2)
        for (offset, line) in lines.enumerated() {
            let x = max(0, (buffer.width - DisplayWidth.of(line)) / 2)
            buffer.write(line, x: x, y: top + offset, role: offset == 0 ? .warning : .body)
        }
    }
}
