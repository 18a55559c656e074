import SiOpenProtocol

/// Every service's recorded examples, one real call per method, as `rpc.discover` shows them.
///
/// They are recorded, never written by hand: `Scenario.exampleTour` (Shared/Scenario/ExampleTour.swift)
/// calls every method of every service against the real service processes, and
/// `SIOPEN_REGENERATE_EXAMPLES=1 swift test --filter OpenRPCExamplesTests` writes what it saw,
/// secrets replaced by placeholders, to `ContractExamples.generated.swift`. A new method gets its
/// example from one more step in the tour.
public enum ContractExamples {
    /// The examples of `service` (`identity`, …); none for a service without recorded ones.
    public static func of(_ service: String) -> [OpenRPCExample] {
        OpenRPCExample.parse(lines: recorded[service] ?? "")
    }
}
