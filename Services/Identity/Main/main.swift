import Foundation
import IdentityService
import SiOpenRuntime

if CommandLine.arguments.dropFirst().first == "create-super-admin" {
    exit(IdentityBootstrap.runCommand(Array(CommandLine.arguments.dropFirst(2))))
}
await ServiceHost.runMain(IdentityService.definition)
