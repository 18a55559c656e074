import PaymentsService
import SiOpenRuntime

await ServiceHost.runMain(PaymentsService.makeDefinition(now: ServiceClock.fromEnvironment()))
