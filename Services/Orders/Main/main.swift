import OrdersService
import SiOpenRuntime

await ServiceHost.runMain(OrdersService.definition)
