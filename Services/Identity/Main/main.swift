import Foundation
import IdentityService
import SiOpenRuntime

// Every file identity or its commands make (database, keys) is its user's alone.
umask(0o077)

switch CommandLine.arguments.dropFirst().first {
case "create-super-admin":
    exit(IdentityBootstrap.runCommand(Array(CommandLine.arguments.dropFirst(2))))
case "service-token":
    exit(ServiceTokens.runCommand(Array(CommandLine.arguments.dropFirst(2))))
default:
    await ServiceHost.runMain(IdentityService.makeDefinition(now: ServiceClock.fromEnvironment()))
}
