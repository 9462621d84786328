package banksim.trace;

import com.google.gson.annotations.SerializedName;

/**
 * One step of one message. A request is {@code send} at its sender and {@code recv} at its
 * receiver; its answer is {@code reply} at the sender, when the answer arrives. Made by {@link
 * #send}, {@link #recv} and {@link #reply}, the optional parts added with {@code with...}; the
 * tracer that records it sets its time.
 *
 * @param tUs microseconds since the run started
 * @param from the request's sender; for a reply, the one answering
 * @param to the request's receiver; for a reply, the one the answer reaches
 * @param event a customer request's event ("deposit", "withdraw", "query"), or null
 * @param amount the request's amount, or null
 * @param result a reply's message ("success", "fail", a balance) or "error: CODE"; else null
 * @param op the operation id of a write and of its propagations, or null
 * @param clock the Lamport clock of this step at its process (SPEC section 7): the sender's after
 *     it ticked for a send, the receiver's after the receive; null for a reply, a resent request
 *     and a duplicate that was not applied (they are no events of the clock)
 * @param request the customer request id the message belongs to, or null
 */
public record TraceEvent(
    long tUs,
    Kind kind,
    Rpc rpc,
    Participant from,
    Participant to,
    String event,
    Integer amount,
    String result,
    Long op,
    Long clock,
    Long request) {

  /** Which step of a message. */
  public enum Kind {
    @SerializedName("send")
    SEND,
    @SerializedName("recv")
    RECV,
    @SerializedName("reply")
    REPLY,
    /** A received request waits, before it is served, for writes its branch has not applied. */
    @SerializedName("wait")
    WAIT
  }

  /** A request leaves its sender. */
  public static TraceEvent send(Rpc rpc, Participant from, Participant to) {
    return new TraceEvent(0, Kind.SEND, rpc, from, to, null, null, null, null, null, null);
  }

  /** A request reaches its receiver. */
  public static TraceEvent recv(Rpc rpc, Participant from, Participant to) {
    return new TraceEvent(0, Kind.RECV, rpc, from, to, null, null, null, null, null, null);
  }

  /**
   * A request from {@code from} waits at {@code to} for writes {@code to} has not applied yet (SPEC
   * section 8); {@code what} names them. Its {@code recv} follows when it is served.
   */
  public static TraceEvent waiting(Rpc rpc, Participant from, Participant to, String what) {
    return new TraceEvent(0, Kind.WAIT, rpc, from, to, null, null, what, null, null, null);
  }

  /** An answer, from {@code from} (who answers), reaches {@code to} (who asked). */
  public static TraceEvent reply(Rpc rpc, Participant from, Participant to, String result) {
    return new TraceEvent(0, Kind.REPLY, rpc, from, to, null, null, result, null, null, null);
  }

  /** The same event at another time. */
  public TraceEvent at(long timeUs) {
    return new TraceEvent(timeUs, kind, rpc, from, to, event, amount, result, op, clock, request);
  }

  public TraceEvent withEvent(String customerEvent) {
    return new TraceEvent(
        tUs, kind, rpc, from, to, customerEvent, amount, result, op, clock, request);
  }

  public TraceEvent withAmount(Integer money) {
    return new TraceEvent(tUs, kind, rpc, from, to, event, money, result, op, clock, request);
  }

  public TraceEvent withOp(Long operation) {
    return new TraceEvent(
        tUs, kind, rpc, from, to, event, amount, result, operation, clock, request);
  }

  public TraceEvent withClock(Long lamport) {
    return new TraceEvent(tUs, kind, rpc, from, to, event, amount, result, op, lamport, request);
  }

  /** The customer request id; 0, as a seed client sends it, means none. */
  public TraceEvent withRequest(long requestId) {
    return new TraceEvent(
        tUs,
        kind,
        rpc,
        from,
        to,
        event,
        amount,
        result,
        op,
        clock,
        requestId == 0 ? null : requestId);
  }
}
