import OrdersService
import SiOpenRuntime

await ServiceHost.runMain(OrdersService.makeDefinition(now: ServiceClock.fromEnvironment()))
