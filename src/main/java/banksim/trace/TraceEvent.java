package banksim.trace;

/**
 * One step of one message. A request is {@code send} at its sender and {@code recv} at its
 * receiver; its answer is {@code reply} at the sender, when the answer arrives.
 *
 * @param tUs microseconds since the run started
 * @param kind "send", "recv" or "reply"
 * @param rpc "MsgDelivery", "Propagate_Deposit", ...
 * @param from the request's sender ("customer 3", "branch 2"); for a reply, the one answering
 * @param to the request's receiver; for a reply, the one the answer reaches
 * @param amount the request's amount, or null
 * @param result a reply's message ("success", "fail", a balance) or "error: CODE"; else null
 * @param op the operation id of a write and of its propagations, or null
 */
public record TraceEvent(long tUs, String kind, String rpc, String from, String to,
    Integer amount, String result, Long op) {
  public static final String SEND = "send";
  public static final String RECV = "recv";
  public static final String REPLY = "reply";

  public static String customer(int id) {
    return "customer " + id;
  }

  public static String branch(int id) {
    return "branch " + id;
  }
}
