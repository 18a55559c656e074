// What every test target needs from the machine, in one place: a failure with a message, a
// short temporary folder (socket paths must stay under 108 bytes), and the built executables.
#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A test failure with a message meant for the person reading the test log.
public struct TestFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// A fresh folder `/tmp/<prefix>-XXXXXX`, short enough for socket paths below it.
public func makeShortTemporaryDirectory(prefix: String) throws -> String {
    var template = Array("/tmp/\(prefix)-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
        guard let result = mkdtemp(buffer.baseAddress!) else { return nil }
        return String(cString: result)
    }
    guard let made else { throw TestFailure("mkdtemp failed: \(String(cString: strerror(errno)))") }
    return made
}

/// The build products folder, where `swift test` puts the test binary next to every executable
/// of the package; throws, naming them, when any of `executables` is missing.
public func productsDirectory(containing executables: [String]) throws -> String {
    let path = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    let directory = (path as NSString).deletingLastPathComponent
    let missing = executables.filter { !FileManager.default.isExecutableFile(atPath: directory + "/" + $0) }
    guard missing.isEmpty else {
        throw TestFailure(
            "\(missing.joined(separator: ", ")) missing from \(directory) (the folder of the running test binary); build first with `swift build --build-tests` and the same scratch path")
    }
    return directory
}
