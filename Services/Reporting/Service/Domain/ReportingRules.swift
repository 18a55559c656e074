/// The reporting service's report rules (periods, what each report counts): pure values and functions, no I/O, refusals as
/// domain errors. Empty until the service has methods.
enum ReportingRules {}
