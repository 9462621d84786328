package banksim.output;

/**
 * What a customer received for one event: {@code {"interface": ..., "result": ...}} for a write,
 * {@code {"interface": "query", "balance": N}} for a query.
 *
 * @param interfaceName "deposit", "withdraw" or "query"
 * @param branch the branch the event named with a "branch" key, or null where it named none
 * @param result "success" or "fail" for a write; null for a query
 * @param balance the balance a query read; null for a write
 */
public record RecvEntry(String interfaceName, Integer branch, String result, Long balance) {
  public static RecvEntry write(String interfaceName, Integer branch, boolean success) {
    return new RecvEntry(interfaceName, branch, success ? "success" : "fail", null);
  }

  public static RecvEntry query(Integer branch, long balance) {
    return new RecvEntry("query", branch, null, balance);
  }
}
