// swift-format-ignore-file
// Generated from the `///` comments of this module's Codable types; do not edit. After changing
// a comment, regenerate with `SIOPEN_REGENERATE=1 swift test --filter SchemaDescriptionsGeneratorTests`.
import SiOpenProtocol

extension AuditCheckpoint: SchemaDescribed {
    public static var schemaDescription: String { "A signed copy of the audit log's head, kept outside the database: the sequence and hash of the newest entry at a moment." }
    public static var fieldDescriptions: [String: String] {
        [
            "sequence": "The newest entry's sequence then (0 for an empty log).",
            "hash": "Its hash (`\"\"` for an empty log).",
            "at": "When the checkpoint was taken, ISO 8601 UTC.",
        ]
    }
}

extension AuditEntry: SchemaDescribed {
    public static var schemaDescription: String { "One state change: who, in which tenant, when, through which method, on what, before and after. Entries form a hash chain: each `hash` covers the entry's content and the previous entry's hash, so editing or removing a stored row breaks the chain from that row on." }
    public static var fieldDescriptions: [String: String] {
        [
            "sequence": "Position in the log, assigned on append: 1, 2, 3, … with no gaps.",
            "tenant": "The tenant the change belongs to; `nil` for system-wide changes.",
            "actor": "The principal id that caused the change, or `\"system\"`.",
            "actorKind": "`\"user\"`, `\"service\"` or `\"system\"`.",
            "method": "The RPC method name that caused it.",
            "targetType": "What kind of record changed, e.g. `\"vendor\"`, `\"account\"`.",
            "targetID": "The id of the record that changed.",
            "action": "What happened to it, e.g. `\"verified\"`, `\"created\"`.",
            "before": "The state before (`nil` on create).",
            "after": "The state after (`nil` on delete).",
            "at": "When, as ISO 8601 UTC with milliseconds, e.g. `2026-11-21T10:00:00.000Z`.",
            "previousHash": "Hex SHA-256 of the previous entry (`\"\"` for the first).",
            "hash": "Hex SHA-256 over `previousHash + \"\\n\" + ` the canonical JSON of the other fields; for entries appended under an `AuditSeal`, the HMAC-SHA-256 of the same text under the service's audit key, which is kept outside the database.",
            "computedHash": "The hash this entry should carry given its content and `previousHash`. The hashed text is `previousHash`, a newline, then the compact JSON (keys sorted) of tenant, actor, actorKind, method, targetType, targetID, action, before, after, at and sequence, with `nil` members left out, exactly as the entry's own JSON encoding leaves them out, so anyone holding the entries (e.g. from `audit.read`) can recompute it.",
            "hashedText": "The text `computedHash` hashes (and a keyed chain authenticates).",
        ]
    }
}

extension AuditPage: SchemaDescribed {
    public static var schemaDescription: String { "A page of the audit log." }
    public static var fieldDescriptions: [String: String] {
        [
            "entries": "The entries the caller may see, ascending by sequence.",
            "nextCursor": "The cursor for the next call: the last sequence returned, or the `after` given when none were.",
        ]
    }
}

extension AuditVerification: SchemaDescribed {
    public static var schemaDescription: String { "The result of recomputing the audit chain." }
    public static var fieldDescriptions: [String: String] {
        [
            "intact": "True when every entry's sequence, link and hash are as appended.",
            "checkedEntries": "Entries examined: all of them when intact, up to and including the first broken one otherwise.",
            "firstBrokenSequence": "The first entry whose sequence, link or hash does not match; `nil` when intact.",
            "reason": "Why that entry is broken, for a person; `nil` when intact.",
            "checkpoint": "The checkpoint (kept outside the database) the log was compared with: the entry at its sequence must carry its hash, and no entry up to it may be missing. `nil` when the service has no audit seal or no checkpoint yet.",
            "keyedFromSequence": "Entries above this sequence are chained with the service's audit key (HMAC-SHA-256); those up to it predate the key and keep plain SHA-256. `nil` without an audit seal.",
        ]
    }
}

extension BackupFileEntry: SchemaDescribed {
    public static var schemaDescription: String { "One file a backup archive holds, as its manifest lists it." }
    public static var fieldDescriptions: [String: String] {
        [
            "path": "The path in the archive, which is also its path under the data folder it is restored into (`db/orders.sqlite`, `files/catalog/products/ab/ab…`, `keys/orders.audit.checkpoints`).",
            "size": "The size in bytes.",
            "sha256": "The SHA-256 of the content, 64 lowercase hex characters.",
            "kind": "What it is: `database`, `file` (documents and uploads), `configuration`, `checkpoints` (an audit log's signed checkpoints), `sealed-keys` (the passphrase-encrypted private keys) or `key` (one private key inside the sealed box).",
        ]
    }
}

extension BackupManifest: SchemaDescribed {
    public static var schemaDescription: String { "What a backup archive holds: its `MANIFEST.json`, the archive's last file but one (the last, `MANIFEST.json.sha256`, is the manifest's own SHA-256)." }
    public static var fieldDescriptions: [String: String] {
        [
            "format": "`siopen-backup-1`.",
            "startedAt": "When the backup began, ISO 8601 UTC: every write acknowledged before it is in the copy.",
            "finishedAt": "When it finished, ISO 8601 UTC.",
            "codeVersion": "The code version that took it (`SiOpenVersion/current`).",
            "sourceDataDirectory": "The data folder it was taken from.",
            "services": "Every service's database.",
            "files": "Every file in the archive but the two manifest files, in archive order.",
            "sealedKeys": "The private keys inside `keys.sealed` (empty when they were left out).",
            "keySealing": "The scrypt parameters the keys were sealed with, as `ln=17,r=8,p=1` (nil without keys).",
            "leftOut": "What the backup deliberately does not hold, and why (for the operator restoring it).",
        ]
    }
}

extension BackupServiceEntry: SchemaDescribed {
    public static var schemaDescription: String { "One service's database in a backup." }
    public static var fieldDescriptions: [String: String] {
        [
            "name": "The service's name.",
            "database": "The database's path in the archive.",
            "schemaVersion": "`PRAGMA user_version` of the copy: the schema version its migrations reached.",
            "auditHead": "The newest audit entry's sequence in the copy (0 for an empty log; nil without a log).",
        ]
    }
}

extension BlobKind: SchemaDescribed {
    public static var schemaDescription: String { "The file types the store accepts, each recognised from its first bytes, never from a name or a caller's claim. Values: `pdf`: A PDF document (`%PDF-`). `jpeg`: A JPEG image (`FF D8 FF`). `png`: A PNG image (`89 50 4E 47 0D 0A 1A 0A`)." }
    public static var fieldDescriptions: [String: String] {
        [
            "mediaType": "The media type, for serving the file back.",
        ]
    }
}

extension CapacityAlert: SchemaDescribed {
    public static var schemaDescription: String { "A threshold crossed: since when, and the announcement that told Super Admin (nil until one was published; the next check tries again)." }
    public static var fieldDescriptions: [String: String] {
        [
            "since": "When the threshold was first seen crossed, ISO 8601 UTC.",
            "text": "What the sample said then.",
            "announcementID": "The announcement's id, once published.",
            "announcedAt": "When it was published.",
        ]
    }
}

extension CapacityAlertKind: SchemaDescribed {
    public static var schemaDescription: String { "Which threshold an alert is about. Values: `freeDisk`: Free disk of the data folder. `memory`: Available memory of the machine. `daysUntilFull`: Projected days until the disk is full." }
    public static var fieldDescriptions: [String: String] {
        [
            "title": "The announcement's title (Bahasa Indonesia).",
        ]
    }
}

extension CapacityRecord: SchemaDescribed {
    public static var schemaDescription: String { "The daily capacity record of a data folder (Perbup Polewali Mandar 31/2012 Pasal 25: daily monitoring of disk and memory capacity): one sample a day (the day's latest) of the data folder's free disk, the machine's memory, and each database's and WAL's size, plus the alerts raised and not yet cleared. Kept in `<data>/capacity.json` (0600, replaced atomically), which `siopen up` updates at every capacity check and `siopen capacity` prints." }
    public static var fieldDescriptions: [String: String] {
        [
            "days": "The samples, oldest first, one per UTC day; at most `keptDays`.",
            "alerts": "The thresholds crossed and not yet cleared, by `CapacityAlertKind` raw value.",
        ]
    }
}

extension CapacitySample: SchemaDescribed {
    public static var schemaDescription: String { "One capacity sample of a data folder." }
    public static var fieldDescriptions: [String: String] {
        [
            "day": "The UTC day, `YYYY-MM-DD`.",
            "takenAt": "When it was taken, ISO 8601 UTC.",
            "freeDiskBytes": "Free bytes (for unprivileged users) on the data folder's file system.",
            "diskBytes": "The size of that file system.",
            "availableMemoryBytes": "The machine's available memory (`MemAvailable`).",
            "totalMemoryBytes": "The machine's memory (`MemTotal`).",
            "servicesResidentBytes": "The services' resident memory together (0 when measured without them, by `siopen capacity --check`).",
            "dataBytes": "Every file under the data folder (databases, documents, keys), in bytes.",
            "databases": "Each service's database and WAL.",
        ]
    }
}

extension CapacitySample.DatabaseSize: SchemaDescribed {
    public static var schemaDescription: String { "The size of one service's database." }
    public static var fieldDescriptions: [String: String] {
        [
            "service": "The service.",
            "databaseBytes": "`<data>/db/<service>.sqlite`, in bytes.",
            "walBytes": "Its write-ahead log, in bytes.",
        ]
    }
}

extension CapacityThresholds: SchemaDescribed {
    public static var schemaDescription: String { "The thresholds that raise a capacity alert: deployment settings (`siopen up` and `siopen capacity --check` flags), with defaults for a small server." }
    public static var fieldDescriptions: [String: String] {
        [
            "minimumFreeDiskBytes": "Alert when the data folder's disk has less free than this (default 2 GiB).",
            "minimumAvailableMemoryBytes": "Alert when the machine has less memory available than this (default 256 MiB).",
            "minimumDaysUntilFull": "Alert when the disk is projected to be full in fewer days than this (default 30).",
        ]
    }
}

extension EventsPage: SchemaDescribed {
    public static var schemaDescription: String { "A page of a service's feed." }
    public static var fieldDescriptions: [String: String] {
        [
            "events": "The events, strictly ascending by sequence.",
            "nextCursor": "The cursor for the next call: the last sequence returned, or the `after` given when none were.",
        ]
    }
}

extension FeedDeadLetter: SchemaDescribed {
    public static var schemaDescription: String { "One event a consumer could never apply, kept with its payload and the error." }
    public static var fieldDescriptions: [String: String] {
        [
            "id": "Position in this service's dead-letter list; the cursor of `feed.deadLetters`.",
            "source": "The service whose feed carried the event.",
            "sequence": "The event's sequence in that feed.",
            "type": "The event's type, `<aggregate>.<event>`.",
            "tenant": "The tenant it concerns; `nil` for system-wide facts.",
            "subjectID": "The record the event is about.",
            "payload": "The event's payload as published.",
            "errorCode": "The error's code: the RPC error code, the SQLite result code, or `nil` for other errors.",
            "errorMessage": "The error, for a person.",
            "at": "When the consumer gave up on it, ISO 8601 UTC with milliseconds.",
        ]
    }
}

extension FeedDeadLetterPage: SchemaDescribed {
    public static var schemaDescription: String { "A page of dead letters." }
    public static var fieldDescriptions: [String: String] {
        [
            "deadLetters": "The dead letters the caller may see, ascending by id.",
            "nextCursor": "The cursor for the next call: the last id returned, or the `after` given when none were.",
        ]
    }
}

extension FeedEvent: SchemaDescribed {
    public static var schemaDescription: String { "A fact a service publishes for other services, read in order with a cursor." }
    public static var fieldDescriptions: [String: String] {
        [
            "sequence": "Position in the publishing service's feed; strictly increasing, never reused.",
            "type": "What happened, `<aggregate>.<event>` in the past tense, e.g. `\"vendor.verified\"`: the name of an `EventContract` declared in `Shared/Contracts`.",
            "version": "The payload's version under that declaration (1 for events stored before versions were kept).",
            "tenant": "The tenant it concerns; `nil` for system-wide facts.",
            "subjectID": "The id of the record it is about.",
            "payload": "The fact's data, as the publisher defines it for `type`.",
            "at": "When it was published, ISO 8601 UTC with milliseconds.",
        ]
    }
}

extension MaintenanceWindow: SchemaDescribed {
    public static var schemaDescription: String { "A maintenance window (Perbup Polewali Mandar 31/2012 Pasal 22(d), 25(4)): while it is in force, every service answers writes with 503 (`data.reason` `maintenance`, `data.retryAfterSeconds`, `data.announcement`) and keeps serving reads. Every service of a data folder learns of it from one file, `<data>/run/maintenance.json`, which it re-reads at most once a second when its modification time changes. A file rather than identity's event feed: the services that must stop writing include identity itself, a window usually exists because something (identity, the database, the disk) is being worked on, and a service deployed alone needs nothing but its data folder; `run/` also keeps it out of backups, so a restored system never starts in an old window. `siopen maintenance` writes and removes it (on the server of a service deployed elsewhere, with its `--data-dir`)." }
    public static var fieldDescriptions: [String: String] {
        [
            "startsAt": "When writes stop, ISO 8601 UTC.",
            "endsAt": "When writes resume, ISO 8601 UTC; nil for an unplanned window that lasts until switched off.",
            "announcement": "The announcement shown to callers (Bahasa Indonesia), at most 1,000 characters.",
            "setAt": "When the window was set, ISO 8601 UTC.",
            "announcementID": "The id of the announcement identity published for a scheduled window (`siopen maintenance schedule`); nil for an unplanned one.",
        ]
    }
}

extension PublicKeyInfo: SchemaDescribed {
    public static var schemaDescription: String { "A public key that signs session tokens." }
    public static var fieldDescriptions: [String: String] {
        [
            "keyID": "Key id, as in the token's `keyID`.",
            "publicKey": "The Ed25519 public key, base64url without padding.",
        ]
    }
}

extension RevocationEntry: SchemaDescribed {
    public static var schemaDescription: String { "One entry of identity's revocation list. A `sessionID` entry revokes that session (sign-out); a `principalID` entry revokes every token of that principal issued at or before `revokedAt` (blocking, password change)." }
    public static var fieldDescriptions: [String: String] {
        [
            "sequence": "Position in identity's list; strictly increasing, so it doubles as the feed cursor.",
            "sessionID": "The session revoked, if this entry revokes one session.",
            "principalID": "The principal whose earlier tokens are revoked, if this entry revokes by principal.",
            "revokedAt": "When it was revoked (unix seconds).",
        ]
    }
}

extension RevocationPage: SchemaDescribed {
    public static var schemaDescription: String { "A page of the revocation list: the entries after the requested cursor, and where to continue." }
    public static var fieldDescriptions: [String: String] {
        [
            "entries": "Entries in sequence order.",
            "nextCursor": "The cursor for the next request (the last sequence returned, or the request's cursor).",
        ]
    }
}

extension SessionClaims: SchemaDescribed {
    public static var schemaDescription: String { "What a session token asserts: who the caller is, for which session, and until when. The JSON member names are fixed by `CodingKeys` and are part of the token format: renaming a property must not change them, or every token in circulation would stop verifying." }
    public static var fieldDescriptions: [String: String] {
        [
            "sid": "The session this token belongs to; revoking it (sign-out) refuses the token.",
            "sub": "The account id (for a service, its name).",
            "kind": "A person or another SiOpen service.",
            "tenant": "The tenant the caller acts in; `nil` for services and cross-tenant roles.",
            "agency": "The agency (SKPD) of an official, if any.",
            "vnd": "The vendor a vendor's account belongs to, so services know it without asking identity.",
            "roles": "The caller's roles. The signer writes them sorted and without duplicates.",
            "iat": "When identity issued the token (unix seconds).",
            "exp": "When the token stops being accepted (unix seconds, exclusive).",
            "kid": "The id of the identity key that signed it; the signer fills it in.",
            "principal": "The caller these claims describe, as handlers see it in `RequestContext/principal`.",
        ]
    }
}

extension StoredBlob: SchemaDescribed {
    public static var schemaDescription: String { "What the store knows of one stored file; records keep this, not the bytes." }
    public static var fieldDescriptions: [String: String] {
        [
            "sha256": "The SHA-256 of the bytes, 64 lowercase hex characters; also the file's name.",
            "kind": "The type detected from the bytes.",
            "byteCount": "The size in bytes.",
        ]
    }
}

extension Topology: SchemaDescribed {
    public static var schemaDescription: String { "The system's services as `Compose/topology.json` lists them: what to start, in which order, and where each listens, relative to the data folder." }
    public static var fieldDescriptions: [String: String] {
        [
            "services": "The services in start order.",
        ]
    }
}

extension Topology.Service: SchemaDescribed {
    public static var schemaDescription: String { "One service of the topology." }
    public static var fieldDescriptions: [String: String] {
        [
            "name": "Its name (`identity`, …).",
            "executable": "The executable's file name, looked up in the binaries folder.",
            "socket": "The socket path relative to the data folder.",
            "database": "The database path relative to the data folder.",
            "summary": "One line about it.",
        ]
    }
}
