import CatalogService
import SiOpenRuntime

await ServiceHost.runMain(CatalogService.definition)
