package banksim.input;

/**
 * One customer event.
 *
 * @param operation what the event asks
 * @param money the amount of a deposit or withdrawal; 0 for a query
 * @param branch the branch the event goes to: the customer's own id unless routed
 * @param routed whether the input named the branch with a "branch" or "dest" key (the output then
 *     shows it)
 */
public record EventSpec(Operation operation, int money, int branch, boolean routed) {}
