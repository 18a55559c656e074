import Foundation
import SiOpenContracts
import SiOpenProtocol
import SiOpenRuntime
import SiOpenStorage

/// Force-majeure orders as stored (`force_majeure`): the record as JSON, with its tenant, agency,
/// whether the PA/KPA acknowledged it and its version beside it.
enum ForceMajeureStore {
    /// Writes a newly recorded force-majeure order at version 1.
    static func insert(_ db: Connection, _ record: ForceMajeureOrder) throws {
        try db.run(
            "INSERT INTO force_majeure (id, tenant, agency, data, acknowledged, version, recorded_at) VALUES (?, ?, ?, ?, ?, 1, ?)",
            record.id, record.tenant, record.agency, try JSONColumn.text(record), record.acknowledged,
            record.recordedAt)
    }

    /// The force-majeure order `id` at its stored version; 404 when there is none.
    static func load(_ db: Connection, id: String) throws -> ForceMajeureOrder {
        guard let row = try db.queryOne("SELECT data, version FROM force_majeure WHERE id = ?", id) else {
            throw RPCError.notFound("force-majeure order", id: id)
        }
        var record = try JSONColumn.value(ForceMajeureOrder.self, try row.string(0))
        record.version = try row.int64(1)
        return record
    }

    /// Writes `record` back as acknowledged, at its (already raised) version.
    static func saveAcknowledged(_ db: Connection, _ record: ForceMajeureOrder) throws {
        try db.run(
            "UPDATE force_majeure SET data = ?, acknowledged = 1, version = ? WHERE id = ?",
            try JSONColumn.text(record), record.version, record.id)
    }

    /// The force-majeure orders in `scope` after the id `after`, by id, at most `limit`.
    static func page(_ db: Connection, _ scope: OrderScope, after: String, limit: Int) throws -> [ForceMajeureOrder] {
        try db.query(
            "SELECT data FROM force_majeure WHERE id > ? AND \(scope.condition) ORDER BY id LIMIT ?",
            arguments: [after] + scope.arguments + [limit]
        ).map { try JSONColumn.value(ForceMajeureOrder.self, try $0.string(0)) }
    }

    /// The agency of the force-majeure order `id`; empty when there is none (so no agency's
    /// officials may read it).
    static func agency(_ db: Connection, id: String) throws -> String {
        try db.queryOne("SELECT agency FROM force_majeure WHERE id = ?", id)?.string(0) ?? ""
    }
}
