package banksim.input;

/**
 * One customer event.
 *
 * @param operation what the event asks
 * @param money the amount of a deposit or withdrawal; 0 for a query
 * @param branch the branch the event goes to: the customer's own id unless routed
 * @param routed whether the input named the branch with a "branch" or "dest" key (the output then
 *     shows it)
 * @param request the customer request id the Project 2 logs name it by: its "customer-request-id"
 *     or "id", else its 1-based position among all customer events in input order (0: none)
 */
public record EventSpec(Operation operation, int money, int branch, boolean routed, long request) {
  /** An event without a request id (a generated one, say). */
  public EventSpec(Operation operation, int money, int branch, boolean routed) {
    this(operation, money, branch, routed, 0);
  }
}
