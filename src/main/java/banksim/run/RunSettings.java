package banksim.run;

import banksim.customer.Guarantees;

/**
 * How the customers run.
 *
 * @param concurrent all customers at once (each one's events in order), then the replicas checked
 * @param verbose the branches' final balances on standard error
 * @param guarantees what each customer's requests ask the branches to have applied first
 */
public record RunSettings(boolean concurrent, boolean verbose, Guarantees guarantees) {}
