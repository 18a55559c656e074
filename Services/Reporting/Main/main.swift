import ReportingService
import SiOpenRuntime

await ServiceHost.runMain(ReportingService.definition)
