package banksim.eventlog;

import banksim.trace.Participant;

/**
 * One event of a Project 2 log (SPEC section 7): what one process did at one tick of its Lamport
 * clock.
 *
 * @param process the customer or branch, by id (customer entries with the same id are told apart by
 *     {@code entry})
 * @param entry for a customer, its entry's place among the input's customer entries (0-based); -1
 *     for a branch
 * @param request the customer request the event belongs to ("customer-request-id")
 * @param clock the process's clock after the event ("logical_clock")
 * @param operation "deposit", "withdraw", "query", "propagate_deposit" or "propagate_withdraw"
 * @param direction whether the process sent or received
 * @param peer the other side: the branch a customer sent to, the customer or branch a branch
 *     received from or sent to
 */
public record LogEvent(
    Participant process,
    int entry,
    long request,
    long clock,
    String operation,
    Direction direction,
    Participant peer) {

  /** Whether the event is a send or a receive. */
  public enum Direction {
    SENT,
    RECEIVED
  }

  /** The log's comment: "event_sent from customer 1", "event_recv from branch 2", ... */
  public String comment() {
    if (process.role() == Participant.Role.CUSTOMER) {
      return "event_sent from customer " + process.id();
    }
    return direction == Direction.SENT ? "event_sent to " + peer : "event_recv from " + peer;
  }

  public boolean isPropagation() {
    return operation.startsWith("propagate_");
  }
}
