import Foundation
import SiOpenContracts
import SiOpenDomain
import SiOpenProtocol
import SiOpenRuntime
import SiOpenTestSupport
import Testing

@testable import IdentityService
@testable import SiOpenSecurity

/// Sign-in throttling after OWASP ASVS 4.0 V2.2 and NIST SP 800-63B: growing delays per login
/// instead of a lock-out an attacker controls, a per-source limit only where the gateway vouches
/// for the source, the same answers for unknown and known logins, password changes counted,
/// and a bounded queue in front of password hashing.
@Suite struct SignInThrottleTests {
    func signIn(
        _ fixture: IdentityFixture, _ login: String, _ password: String, source: String? = nil, token: String? = nil
    ) async -> RPCError? {
        await rpcError {
            _ = try await fixture.client.call(
                AuthSignIn.self, SignInParams(login: login, password: password, source: source), token: token)
        }
    }

    /// An answer's shape without its numbers: code, message with digits removed, data keys and kind.
    func shape(_ error: RPCError?) -> String {
        let message = (error?.message ?? "").filter { !$0.isNumber }
        let keys = (error?.data?.objectValue?.keys.sorted() ?? []).joined(separator: ",")
        return "\(error?.code ?? 0) \(message) [\(keys)] \(error?.data?["kind"]?.stringValue ?? "")"
    }

    @Test func delaysGrowPerPolicyAndAreCapped() {
        #expect((0..<5).allSatisfy { SignInPolicy.delay(afterFailures: Int64($0)) == 0 })
        #expect([5, 6, 7, 8].map { SignInPolicy.delay(afterFailures: $0) } == [1, 2, 4, 8])
        #expect(SignInPolicy.delay(afterFailures: 15) == 900)
        #expect(SignInPolicy.delay(afterFailures: .max) == 900)
    }

    /// Parallel guesses cannot overtake the delay: once the free failures are used up, one check
    /// at a time; a count kept in the database is honoured after a restart; memory stays bounded.
    @Test func throttleTableAdmitsOneCheckAtATimeOnceDelayed() {
        let throttle = SignInThrottle(capacity: 4)
        let now: Int64 = 1_000
        #expect((0..<5).map { _ in throttle.begin("account", now: now) } == Array(repeating: .proceed, count: 5))
        #expect(throttle.begin("account", now: now) == .wait(seconds: 1))
        for _ in 0..<5 { throttle.finish("account", .failure(now: now)) }
        #expect(throttle.begin("account", now: now) == .wait(seconds: 1))
        #expect(throttle.begin("account", now: now + 1) == .proceed)
        #expect(throttle.begin("account", now: now + 1) == .wait(seconds: 1))  // one check at a time now
        #expect(throttle.finish("account", .failure(now: now + 1)).notBefore == now + 3)
        throttle.finish("account", .abandoned)
        // A count from the database, for a login this table does not know.
        #expect(
            throttle.begin("restarted", persisted: (failures: 9, notBefore: now + 10), now: now) == .wait(seconds: 10))
        #expect(throttle.begin("restarted", persisted: (failures: 9, notBefore: now + 10), now: now + 10) == .proceed)
        #expect(throttle.finish("restarted", .failure(now: now + 10)).notBefore == now + 10 + 32)
        #expect(throttle.finish("restarted", .success) == SignInThrottle.LoginState())
        // A flood of distinct logins does not grow the table without bound.
        for i in 0..<100 {
            _ = throttle.begin("flood\(i)", now: now + 100)
            throttle.finish("flood\(i)", .failure(now: now + 100))
        }
        #expect(throttle.begin("account", now: now + 100) == .proceed)
    }

    @Test func unknownAndKnownLoginsAnswerAlike() async throws {
        try await withFixture { fixture in
            let known = fixture.usernames[.ppk]!
            let unknown = "nobody.at.all"
            for attempt in 1...10 {
                let knownAnswer = await signIn(fixture, known, "wrong-password")
                let unknownAnswer = await signIn(fixture, unknown, "wrong-password")
                #expect(knownAnswer?.code == 401, "attempt \(attempt)")
                #expect(
                    knownAnswer == unknownAnswer,
                    "attempt \(attempt): \(String(describing: knownAnswer)) vs \(String(describing: unknownAnswer))")
                if attempt >= 5 && attempt < 10 {
                    fixture.clock.advance(by: Double(SignInPolicy.delay(afterFailures: Int64(attempt)) + 1))
                }
            }
            // In the delay both are refused the same way, without a password check.
            let knownWait = await signIn(fixture, known, passwordOfRole(.ppk))
            let unknownWait = await signIn(fixture, unknown, "whatever-password")
            #expect(knownWait?.code == 429)
            #expect(shape(knownWait) == shape(unknownWait))
            #expect((2...32).contains(knownWait?.data?["retryAfterSeconds"]?.int64Value ?? 0))
            #expect((2...32).contains(unknownWait?.data?["retryAfterSeconds"]?.int64Value ?? 0))
        }
    }

    @Test func delaysGrowAndTheOwnerGetsInAfterwards() async throws {
        try await withFixture { fixture in
            let login = fixture.usernames[.ppk]!
            for _ in 1...4 {
                let error = await signIn(fixture, login, "wrong-password")
                #expect(error?.code == 401 && error?.data?["retryAfterSeconds"] == nil)
            }
            // From the fifth failure on, each failure says how long the next attempt waits.
            for expected in [1, 2, 4, 8, 16, 32] as [Int64] {
                let error = await signIn(fixture, login, "wrong-password")
                #expect(error?.code == 401)
                #expect(error?.data?["retryAfterSeconds"]?.int64Value == expected)
                if expected < 32 { fixture.clock.advance(by: Double(expected) + 1) }
            }
            // During the delay even the right password waits; right after it, it gets in.
            let waiting = await signIn(fixture, login, passwordOfRole(.ppk))
            #expect(waiting?.code == 429)
            #expect((2...32).contains(waiting?.data?["retryAfterSeconds"]?.int64Value ?? 0))
            fixture.clock.advance(by: 33)
            let session = try await fixture.client.call(
                AuthSignIn.self, SignInParams(login: login, password: passwordOfRole(.ppk)))
            #expect(session.account.username == login)
            // The success reset the count: the next failure costs no delay.
            let fresh = await signIn(fixture, login, "wrong-password")
            #expect(fresh?.code == 401 && fresh?.data?["retryAfterSeconds"] == nil)
        }
    }

    @Test func anonymousFailuresShareNoBucket() async throws {
        try await withFixture { fixture in
            for attempt in 0..<25 {
                let error = await signIn(fixture, "guess\(attempt)", "wrong-password")
                #expect(error?.code == 401, "attempt \(attempt) of callers without a source")
            }
            _ = try await fixture.client.call(
                AuthSignIn.self, SignInParams(login: fixture.usernames[.ppk]!, password: passwordOfRole(.ppk)))
        }
    }

    @Test func sourceIsBelievedOnlyFromTheGateway() async throws {
        try await withFixture { fixture in
            let configuration = fixture.host.environment.configuration
            let gateway = try ServiceTokens.issue(configuration: configuration, service: "gateway", hours: 1)
            let catalog = try ServiceTokens.issue(configuration: configuration, service: "catalog", hours: 1)
            let ppk = fixture.usernames[.ppk]!
            for token in [nil, catalog, fixture.tokens[.auditor]!] {
                let refused = await signIn(fixture, ppk, passwordOfRole(.ppk), source: "203.0.113.9", token: token)
                #expect(refused?.code == 403)
                #expect(fieldNames(refused) == ["source"])
            }
            let malformed = await signIn(
                fixture, ppk, passwordOfRole(.ppk), source: "203.0.113.9 \u{0}", token: gateway)
            #expect(malformed?.code == 422 && fieldNames(malformed) == ["source"])
            // The gateway's source is limited: 30 failures in 5 minutes, then it waits.
            for attempt in 0..<SignInPolicy.sourceFailureLimit {
                let error = await signIn(
                    fixture, "guess\(attempt)", "wrong-password", source: "203.0.113.9", token: gateway)
                #expect(error?.code == 401)
            }
            let limited = await signIn(fixture, ppk, passwordOfRole(.ppk), source: "203.0.113.9", token: gateway)
            #expect(limited?.code == 429)
            #expect((limited?.data?["retryAfterSeconds"]?.int64Value ?? 0) > 0)
            // Another source, and a caller without one, are not affected.
            _ = try await fixture.client.call(
                AuthSignIn.self, SignInParams(login: ppk, password: passwordOfRole(.ppk), source: "203.0.113.10"),
                token: gateway)
            _ = try await fixture.client.call(AuthSignIn.self, SignInParams(login: ppk, password: passwordOfRole(.ppk)))
            // The window rolls on (once identity trusts tokens again on the moved clock).
            fixture.clock.advance(by: Double(SignInPolicy.sourceWindowSeconds) + 1)
            let rolled = await eventually(timeout: .seconds(30)) {
                (try? await fixture.client.call(
                    AuthSignIn.self, SignInParams(login: ppk, password: passwordOfRole(.ppk), source: "203.0.113.9"),
                    token: gateway)) != nil
            }
            #expect(rolled)
        }
    }

    @Test func changePasswordFailuresCountAndAreAudited() async throws {
        try await withFixture { fixture in
            let token = fixture.tokens[.ppk]!
            // Ten wrong current passwords, waiting out each delay on the clock: the last delay is 32 s.
            for failure in 1...10 {
                let error = await rpcError {
                    _ = try await fixture.client.call(
                        AuthChangePassword.self,
                        PasswordChangeParams(currentPassword: "wrong-password", newPassword: "another-pass-1"),
                        token: token)
                }
                #expect(
                    error?.code == 422 && fieldNames(error) == ["currentPassword"],
                    "failure \(failure): \(String(describing: error))")
                if failure < 10 {
                    fixture.clock.advance(by: Double(SignInPolicy.delay(afterFailures: Int64(failure))) + 1)
                }
            }
            // The account now waits, for sign-in and password change alike.
            let signIn = await signIn(fixture, fixture.usernames[.ppk]!, passwordOfRole(.ppk))
            #expect(signIn?.code == 429)
            let change = await rpcError {
                _ = try await fixture.client.call(
                    AuthChangePassword.self,
                    PasswordChangeParams(currentPassword: passwordOfRole(.ppk), newPassword: "another-pass-1"),
                    token: token)
            }
            #expect(change?.code == 429)
            var failures: [AuditEntry] = []
            var cursor: Int64 = 0
            while true {
                let page = try await fixture.client.call(
                    AuditRead.self, CursorParams(after: cursor, limit: 1000), token: fixture.tokens[.auditor]!)
                failures += page.entries.filter { $0.action == "password_change_failed" }
                if page.entries.isEmpty { break }
                cursor = page.nextCursor
            }
            #expect(failures.count == 10)
            #expect(
                failures.allSatisfy {
                    $0.targetID == fixture.accounts[.ppk]!.id && $0.actor == fixture.accounts[.ppk]!.id
                        && $0.method == AuthChangePassword.name
                })
        }
    }

    @Test func floodOfSignInsIsRefusedNotQueued() async throws {
        let hasher = PasswordHasher(parameters: .insecureFastForTesting, maxConcurrentHashes: 1, maxQueuedHashes: 2)
        try await withFixture(passwordHasher: hasher) { fixture in
            let held = DispatchSemaphore(value: 0)
            hasher.gate.acquire { held.signal() }  // the only hashing slot is busy
            held.wait()
            let tally = Tally()
            let socket = fixture.socketPath
            let flood = (0..<12).map { i in
                Task {
                    let client = RPCClient(socketPath: socket, defaultTimeout: .seconds(60))
                    defer { client.close() }
                    let error = await rpcError {
                        _ = try await client.call(
                            AuthSignIn.self, SignInParams(login: "flood\(i)", password: "wrong-password"))
                    }
                    tally.add(error)
                    return error
                }
            }
            let settled = await eventually(timeout: .seconds(30)) {
                tally.count(429) == 10 && hasher.gate.waitingCount == 2
            }
            #expect(
                settled,
                "expected 10 refusals and 2 queued, got \(tally.count(429)) refusals and \(hasher.gate.waitingCount) queued"
            )
            hasher.gate.release()
            var answers: [Int: Int] = [:]
            for task in flood { answers[(await task.value)?.code ?? 0, default: 0] += 1 }
            #expect(answers == [429: 10, 401: 2])
            #expect(hasher.gate.peakWaiting == 2)
            #expect(
                tally.errors.filter { $0.code == 429 }.allSatisfy {
                    ($0.data?["retryAfterSeconds"]?.int64Value ?? 0) >= 1
                })
            // Once the flood is gone, sign-in works again.
            _ = try await fixture.client.call(
                AuthSignIn.self, SignInParams(login: fixture.usernames[.ppk]!, password: passwordOfRole(.ppk)))
        }
    }

    @Test func firstPasswordChangeIsNamedInTheRefusal() async throws {
        try await withFixture { fixture in
            let params = AccountCreateParams(
                username: "new-ppk", email: try EmailAddress("new-ppk@pemkab.go.id"), fullName: "Pejabat Baru",
                roles: [.ppk], tenant: "balangan",
                agency: "DINKES",
                assignment: AssignmentLetter(number: "800/9/2026", date: "2026-01-05", issuer: "Bupati"),
                initialPassword: "initial-pass-1", nip: try NIP("198501012010011001"))
            _ = try await fixture.client.call(AccountCreate.self, params, token: fixture.superAdmin)
            let first = try await fixture.client.call(
                AuthSignIn.self, SignInParams(login: "new-ppk", password: "initial-pass-1"))
            #expect(first.mustChangePassword)
            let refused = await rpcError {
                _ = try await fixture.client.call(BlacklistList.self, EmptyParams(), token: first.token)
            }
            #expect(refused?.code == 403)
            #expect(refused?.data?["reason"]?.stringValue == "password_change_required")
            #expect(refused?.data?["method"]?.stringValue == "auth.changePassword")
            #expect(refused?.message.contains("Change your password first (auth.changePassword)") == true)
            // Methods open to any signed-in person still answer.
            _ = try await fixture.client.call(AuthWhoAmI.self, EmptyParams(), token: first.token)
            // A signed-in person lacking the role still gets the plain refusal.
            let plain = await rpcError {
                _ = try await fixture.client.call(AccountCreate.self, params, token: fixture.tokens[.ppk]!)
            }
            #expect(plain?.code == 403 && plain?.data?["reason"] == nil)
        }
    }
}

/// Answers collected from concurrent tasks.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [RPCError] = []
    var errors: [RPCError] { lock.withLock { collected } }
    func add(_ error: RPCError?) { lock.withLock { if let error { collected.append(error) } } }
    func count(_ code: Int) -> Int { lock.withLock { collected.filter { $0.code == code }.count } }
}
