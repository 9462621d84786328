package banksim.run;

/**
 * How the customers run.
 *
 * @param concurrent all customers at once (each one's events in order), then the replicas checked
 * @param verbose the branches' final balances on standard error
 */
public record RunSettings(boolean concurrent, boolean verbose) {}
