import PaymentsService
import SiOpenRuntime

await ServiceHost.runMain(PaymentsService.definition)
