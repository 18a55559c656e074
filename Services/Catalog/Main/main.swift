import CatalogService
import SiOpenRuntime

await ServiceHost.runMain(CatalogService.makeDefinition(now: ServiceClock.fromEnvironment()))
