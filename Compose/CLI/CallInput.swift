import Foundation
import SiOpenProtocol
import SiOpenRuntime

#if canImport(Glibc)
    import Glibc
#endif

/// Where `siopen call` and `siopen login` get what they send: params from the command line, a
/// file or standard input, the token from a flag, `SIOPEN_TOKEN` or the session file, the password
/// from the terminal without echo.
enum CallInput {
    /// The params argument: `@FILE` reads the file, `-` reads standard input, anything else is the
    /// JSON text itself. Large params (a scanned upload) go through a file or a pipe, never argv.
    static func params(_ argument: String) throws -> JSONValue {
        let text: String
        let source: String
        if argument == "-" {
            text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            source = "standard input"
        } else if argument.hasPrefix("@") {
            let path = String(argument.dropFirst())
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigurationError("cannot read the params file \(path)")
            }
            text = String(decoding: data, as: UTF8.self)
            source = path
        } else {
            text = argument
            source = "the params argument"
        }
        do {
            return try JSONValue(parsing: text.trimmingCharacters(in: .whitespacesAndNewlines))
        } catch {
            throw ConfigurationError("the params in \(source) are not valid JSON: \(error)")
        }
    }

    /// The session file `siopen login` writes and `siopen call` reads: `<data>/session.token`, 0600.
    static func sessionFile(dataDirectory: String) -> String { dataDirectory + "/session.token" }

    /// The token to send: `--token`, else `SIOPEN_TOKEN`, else the session file, else none.
    static func token(explicit: String?, dataDirectory: String) throws -> String? {
        if let explicit, !explicit.isEmpty { return explicit }
        guard let bytes = try SecureFiles.readSecret(at: sessionFile(dataDirectory: dataDirectory)) else { return nil }
        let token = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return token.isEmpty ? nil : token
    }

    /// Reads one line from standard input, after `prompt` on standard error when it is a terminal.
    /// With `hidden`, the terminal does not echo what is typed (the password).
    static func readLine(prompt: String, hidden: Bool) throws -> String {
        let isTerminal = isatty(STDIN_FILENO) == 1
        if isTerminal { FileHandle.standardError.write(Data(prompt.utf8)) }
        var saved = termios()
        let hide = hidden && isTerminal && tcgetattr(STDIN_FILENO, &saved) == 0
        if hide {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        }
        defer {
            if hide {
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
                FileHandle.standardError.write(Data("\n".utf8))
            }
        }
        guard let line = Swift.readLine(strippingNewline: true) else {
            throw ConfigurationError(
                "standard input ended before the \(prompt.trimmingCharacters(in: .init(charactersIn: ": ")))")
        }
        return line
    }
}
