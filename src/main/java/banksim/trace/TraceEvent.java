package banksim.trace;

import com.google.gson.annotations.SerializedName;

/**
 * One step of one message. A request is {@code send} at its sender and {@code recv} at its
 * receiver; its answer is {@code reply} at the sender, when the answer arrives. Made by {@link
 * #send}, {@link #recv} and {@link #reply}; the tracer that records it sets its time.
 *
 * @param tUs microseconds since the run started
 * @param from the request's sender; for a reply, the one answering
 * @param to the request's receiver; for a reply, the one the answer reaches
 * @param amount the request's amount, or null
 * @param result a reply's message ("success", "fail", a balance) or "error: CODE"; else null
 * @param op the operation id of a write and of its propagations, or null
 */
public record TraceEvent(
    long tUs,
    Kind kind,
    Rpc rpc,
    Participant from,
    Participant to,
    Integer amount,
    String result,
    Long op) {

  /** Which step of a message. */
  public enum Kind {
    @SerializedName("send")
    SEND,
    @SerializedName("recv")
    RECV,
    @SerializedName("reply")
    REPLY
  }

  /** A request leaves its sender. */
  public static TraceEvent send(
      Rpc rpc, Participant from, Participant to, Integer amount, Long op) {
    return new TraceEvent(0, Kind.SEND, rpc, from, to, amount, null, op);
  }

  /** A request reaches its receiver. */
  public static TraceEvent recv(
      Rpc rpc, Participant from, Participant to, Integer amount, Long op) {
    return new TraceEvent(0, Kind.RECV, rpc, from, to, amount, null, op);
  }

  /** An answer, from {@code from} (who answers), reaches {@code to} (who asked). */
  public static TraceEvent reply(
      Rpc rpc, Participant from, Participant to, String result, Long op) {
    return new TraceEvent(0, Kind.REPLY, rpc, from, to, null, result, op);
  }

  /** The same event at another time. */
  public TraceEvent at(long timeUs) {
    return new TraceEvent(timeUs, kind, rpc, from, to, amount, result, op);
  }
}
