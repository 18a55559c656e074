import SiOpenStorage

/// The payments service's SQL over its own database (payments, withholdings and slips): functions that take a
/// `Connection` inside the caller's transaction. Empty until the service has tables beyond version 1.
enum PaymentsStore {}
