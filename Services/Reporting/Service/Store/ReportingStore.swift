import SiOpenStorage

/// The reporting service's SQL over its own database (the facts read from the other services' feeds): functions that take a
/// `Connection` inside the caller's transaction. Empty until the service has tables beyond version 1.
enum ReportingStore {}
