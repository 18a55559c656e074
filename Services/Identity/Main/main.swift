import IdentityService
import SiOpenRuntime

await ServiceHost.runMain(IdentityService.definition)
