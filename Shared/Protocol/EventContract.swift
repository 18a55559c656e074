import Foundation

/// A fact a service publishes on its feed, declared once: its name, its version, its payload
/// type and what it means. The same declaration drives the publisher's typed
/// `EventFeed.publish`, the consumer's typed `FeedEvent.decode` and the `x-events` member of the
/// service's OpenRPC document, so an event name is never written twice.
///
/// ```swift
/// public enum VendorVerified: EventContract {
///     public static let type = "vendor.verified"
///     public static let version = 1
///     public static let summary = "A verifier accepted the vendor's registration."
///     public typealias Payload = VendorStandingChange
/// }
/// ```
public protocol EventContract: Sendable {
    /// The payload, encoded as the event's `payload` object.
    associatedtype Payload: Codable & Sendable

    /// The wire name, past tense `<aggregate>.<event>` (e.g. `order.submitted`).
    static var type: String { get }
    /// The payload's version: raised when a change would break a consumer (a member removed,
    /// renamed or given another meaning); adding an optional member keeps it.
    static var version: Int { get }
    /// One or two sentences for the OpenRPC document's `x-events`.
    static var summary: String { get }
    /// Names this event was published under before (stored events keep the name they were
    /// published with); a consumer decoding this declaration accepts them too.
    static var formerTypes: [String] { get }
}

extension EventContract {
    /// Most events have never been renamed.
    public static var formerTypes: [String] { [] }

    /// Whether an event published as `type` is this declaration's (its name or a former one).
    public static func matches(type candidate: String) -> Bool {
        candidate == type || formerTypes.contains(candidate)
    }

    /// The declaration as the OpenRPC document lists it.
    public static var descriptor: EventDescriptor { EventDescriptor(self) }
}

/// An event declaration with its payload type erased: what a service lists as published.
public struct EventDescriptor: Sendable {
    /// The wire name.
    public let type: String
    /// The payload's version.
    public let version: Int
    /// What it means.
    public let summary: String
    /// Names it was published under before.
    public let formerTypes: [String]
    /// The payload's JSON Schema, inferred from its type like method params.
    public let payloadSchema: @Sendable () -> (schema: JSONValue, error: (any Error)?)

    /// Describes `event`.
    public init<E: EventContract>(_ event: E.Type) {
        type = E.type
        version = E.version
        summary = E.summary
        formerTypes = E.formerTypes
        payloadSchema = { JSONSchemaInference.schema(for: E.Payload.self) }
    }

    /// The entry of the OpenRPC `x-events` extension member: name, version, summary, former
    /// names and the payload's schema.
    public var openRPCEntry: JSONValue {
        var entry: [String: JSONValue] = [
            "name": .string(type), "version": .integer(Int64(version)), "summary": .string(summary),
            "payload": ["name": .string("\(type).payload"), "schema": payloadSchema().schema],
        ]
        if !formerTypes.isEmpty { entry["x-former-names"] = .array(formerTypes.map { .string($0) }) }
        return .object(entry)
    }
}
