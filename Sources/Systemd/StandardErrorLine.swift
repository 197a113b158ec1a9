import Glibc
import Logging

/// Formats and writes one entry as a single stderr line: `<level> <label>: <message> key=value …`.
enum StandardErrorLine {
    static func write(level: Logger.Level, label: String, message: String, metadata: Logger.Metadata, priorityPrefix: Bool) {
        var line = format(level: level, label: label, message: message, metadata: metadata, priorityPrefix: priorityPrefix)
        line.append("\n")
        // One write(2) per line so concurrent loggers do not interleave inside a line.
        line.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0 && errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
    }

    /// With `priorityPrefix`, the line starts with `<N>` so journald's stream reader keeps the priority.
    static func format(level: Logger.Level, label: String, message: String, metadata: Logger.Metadata, priorityPrefix: Bool) -> String {
        var line = ""
        line.reserveCapacity(64 + message.utf8.count)
        if priorityPrefix {
            line.append("<\(JournalPriority.syslog(level))>")
        }
        line.append(level.rawValue)
        line.append(" ")
        line.append(label)
        line.append(": ")
        line.append(oneLine(message))
        for key in metadata.keys.sorted() {
            line.append(" ")
            line.append(key)
            line.append("=")
            line.append(quoted(metadata[key]!.description))
        }
        return line
    }

    /// Newlines would split the entry; they are written as `\n`.
    private static func oneLine(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        var result = ""
        for character in text {
            if character.isNewline { result.append("\\n") } else { result.append(character) }
        }
        return result
    }

    /// Values with spaces, quotes, `=` or nothing at all are quoted so `key=value` pairs stay parseable.
    static func quoted(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline || $0 == "\t" }
        guard needsQuotes else { return value }
        var result = "\""
        for character in value {
            switch character {
            case "\"": result.append("\\\"")
            case "\\": result.append("\\\\")
            case _ where character.isNewline: result.append("\\n")
            default: result.append(character)
            }
        }
        result.append("\"")
        return result
    }
}
