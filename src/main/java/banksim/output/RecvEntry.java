package banksim.output;

import banksim.input.EventSpec;

/**
 * What a customer received for one event: {@code {"interface": ..., "result": ...}} for a write,
 * {@code {"interface": "query", "balance": N}} for a query.
 *
 * @param interfaceName "deposit", "withdraw" or "query"
 * @param branch the branch that served the event
 * @param routed whether the event named its branch in the input (the customer layout then shows the
 *     branch; the event layout always does)
 * @param result "success" or "fail" for a write; null for a query
 * @param balance the balance a query read; null for a write
 */
public record RecvEntry(
    String interfaceName, int branch, boolean routed, String result, Long balance) {
  public static RecvEntry write(EventSpec event, boolean success) {
    return new RecvEntry(
        event.operation().wireName(),
        event.branch(),
        event.routed(),
        success ? "success" : "fail",
        null);
  }

  public static RecvEntry query(EventSpec event, long balance) {
    return new RecvEntry("query", event.branch(), event.routed(), null, balance);
  }

  public boolean isQuery() {
    return balance != null;
  }
}
