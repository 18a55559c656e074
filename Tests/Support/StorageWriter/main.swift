// siopen-test-storage-writer <db-path> <count>
//
// Test support for the kill -9 durability test: inserts rows with ids 1...count, eight writes in
// flight at a time, and prints "ack <id>" only after the write for <id> returned (committed).
// The test kills this process mid-run and checks every acknowledged id survived.
import Foundation
import SiOpenStorage

/// Writes a whole line with write(2), bypassing stdio buffering so an ack is visible to the
/// parent the moment it is printed and is never lost in a buffer when the process is killed.
func emit(_ line: String, to descriptor: Int32) {
    var bytes = Array((line + "\n").utf8)
    bytes.withUnsafeMutableBytes { buffer in
        guard let base = buffer.baseAddress else { return }
        var offset = 0
        while offset < buffer.count {
            let written = write(descriptor, base + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

let arguments = CommandLine.arguments
guard arguments.count == 3, let count = Int(arguments[2]), count > 0 else {
    emit("usage: siopen-test-storage-writer <db-path> <count>", to: STDERR_FILENO)
    exit(64)
}
let path = arguments[1]
let inFlight = 8

do {
    let database = try Database(
        path: path,
        configuration: DatabaseConfiguration(migrations: [
            Migration(
                version: 1, name: "acks",
                sql: "CREATE TABLE acks (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
        ]))
    try await withThrowingTaskGroup(of: Int.self) { group in
        var next = 1
        func launch(_ id: Int) {
            group.addTask {
                try await database.write { connection in
                    try connection.run("INSERT INTO acks (id, payload) VALUES (?, ?)", id, "row \(id)")
                }
                return id
            }
        }
        while next <= min(inFlight, count) {
            launch(next)
            next += 1
        }
        while let id = try await group.next() {
            emit("ack \(id)", to: STDOUT_FILENO)
            if next <= count {
                launch(next)
                next += 1
            }
        }
    }
    database.close()
} catch {
    emit("siopen-test-storage-writer: \(error)", to: STDERR_FILENO)
    exit(1)
}
