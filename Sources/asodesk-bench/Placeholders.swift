import ArgumentParser
struct AllCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "all"); func run() throws {} }
struct StartCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "start"); func run() throws {} }
struct LiveCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "live"); func run() throws {} }
struct KeysCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "keys"); func run() throws {} }
struct IdleCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "idle"); func run() throws {} }
struct MemoryCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "memory"); func run() throws {} }
struct ReplayCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "replay"); func run() throws {} }
struct GenerateCommand: ParsableCommand { static let configuration = CommandConfiguration(commandName: "generate"); func run() throws {} }
