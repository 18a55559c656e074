import SiOpenProtocol
import SiOpenRuntime

/// The identity service of SiOpen.
public enum IdentityService {
    /// Its definition: name, schema and methods. Beyond `system.health` and `rpc.discover`
    /// (added by the runtime) it serves nothing yet.
    public static let definition = ServiceDefinition(
        name: "identity",
        summary: "Identity and access: tenants and agencies, accounts and roles, vendor registration and verification, sessions, helpdesk and announcements.")
}
