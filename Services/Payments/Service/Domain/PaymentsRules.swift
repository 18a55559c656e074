/// The payments service's payment and withholding rules (what is due, PPh and PPN to withhold): pure values and functions, no I/O, refusals as
/// domain errors. Empty until the service has methods.
enum PaymentsRules {}
