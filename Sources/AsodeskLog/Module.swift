// The event log module: see EventLog.swift once it lands.
