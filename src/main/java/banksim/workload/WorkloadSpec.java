package banksim.workload;

/**
 * What to generate.
 *
 * @param routeFraction the share of events, 0 to 1, that name a random branch
 */
public record WorkloadSpec(
    int branches,
    int customers,
    int eventsPerCustomer,
    long seed,
    long balance,
    double routeFraction) {}
