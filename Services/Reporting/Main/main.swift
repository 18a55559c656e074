import ReportingService
import SiOpenRuntime

await ServiceHost.runMain(ReportingService.makeDefinition(now: ServiceClock.fromEnvironment()))
