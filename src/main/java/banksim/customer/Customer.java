package banksim.customer;

import banksim.eventlog.EventLogs;
import banksim.input.CustomerSpec;
import banksim.input.EventSpec;
import banksim.output.CustomerRecv;
import banksim.output.RecvEntry;
import banksim.proto.BankServiceGrpc.BankServiceBlockingStub;
import banksim.proto.CustomerRequest;
import banksim.proto.ResponseMessage;
import banksim.proto.WriteRef;
import banksim.trace.Participant;
import banksim.trace.Rpc;
import banksim.trace.TraceEvent;
import banksim.trace.Tracer;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.ObjLongConsumer;

/**
 * A customer: sends its events one after another with MsgDelivery, each to the event's branch, and
 * records what it received. An event whose call got no answer at all (its branch went down) is sent
 * again once the branch is back, within the event's deadline: it carries this customer's session
 * and its number, so that a bank-sim branch applies a write once however often it came.
 */
public final class Customer {
  /** Calls of one event at most: a branch that keeps dropping calls is not waited for. */
  private static final int ATTEMPTS = 10;

  private final CustomerSpec spec;
  private final IntFunction<BankServiceBlockingStub> branchStubs;
  private final long deadlineMillis;
  private final ObjLongConsumer<EventSpec> answered;
  private final Tracer tracer;
  private final Guarantees guarantees;
  private final long session = newSession();

  /** This customer's writes so far: the highest operation id at each origin branch. */
  private final Map<Integer, Long> written = new TreeMap<>();

  /**
   * @param branchStubs the stub of each branch id (shared, one channel per branch)
   * @param deadlineMillis the deadline of each call; a write's covers its propagation
   * @param answered hears each event and the nanoseconds its answer took
   * @param guarantees what this customer's requests ask the branches to have applied first
   */
  public Customer(
      CustomerSpec spec,
      IntFunction<BankServiceBlockingStub> branchStubs,
      long deadlineMillis,
      ObjLongConsumer<EventSpec> answered,
      Tracer tracer,
      Guarantees guarantees) {
    this.spec = spec;
    this.guarantees = guarantees;
    this.branchStubs = branchStubs;
    this.deadlineMillis = deadlineMillis;
    this.answered = answered;
    this.tracer = tracer;
  }

  public CustomerRecv run() throws CustomerFailedException {
    List<RecvEntry> recv = new ArrayList<>(spec.events().size());
    for (int index = 0; index < spec.events().size(); index++) {
      recv.add(send(index, spec.events().get(index)));
    }
    return new CustomerRecv(spec.id(), recv);
  }

  private RecvEntry send(int index, EventSpec event) throws CustomerFailedException {
    CustomerRequest request =
        CustomerRequest.newBuilder()
            .setCustomerId(spec.id())
            .setEvent(event.operation().wireName())
            .setAmount(event.money())
            .setLogicalClock(EventLogs.customerClock(index))
            .setRequestId(event.request())
            .setSession(session)
            .setSequence(index + 1L)
            .addAllReadAfter(guarantees.readYourWrites() ? writtenSoFar() : List.of())
            .addAllWriteAfter(
                guarantees.monotonicWrites() && event.operation().isWrite()
                    ? writtenSoFar()
                    : List.of())
            .build();
    ResponseMessage reply;
    try {
      if (tracer.enabled()) {
        tracer.record(
            TraceEvent.send(
                    Rpc.MSG_DELIVERY,
                    Participant.customer(spec.id()),
                    Participant.branch(event.branch()))
                .withEvent(event.operation().wireName())
                .withAmount(event.operation().isWrite() ? event.money() : null)
                .withClock(request.getLogicalClock())
                .withRequest(event.request()));
      }
      long sent = System.nanoTime();
      reply = deliver(event.branch(), request);
      answered.accept(event, System.nanoTime() - sent);
      traceReply(event, reply.getMessage());
    } catch (StatusRuntimeException e) {
      traceReply(event, "error: " + e.getStatus().getCode());
      throw new CustomerFailedException(
          spec.id(),
          index,
          event,
          e.getStatus().getCode()
              + (e.getStatus().getDescription() == null
                  ? ""
                  : ": " + e.getStatus().getDescription()),
          e);
    }
    if (reply.getOperationId() != 0) {
      written.merge(reply.getOrigin(), reply.getOperationId(), Math::max);
    }
    return switch (event.operation()) {
      case QUERY -> RecvEntry.query(event, parseBalance(index, event, reply));
      case DEPOSIT, WITHDRAW -> RecvEntry.write(event, reply.getSuccess());
    };
  }

  /** One event's call, sent again after UNAVAILABLE (no answer) up to its deadline. */
  private ResponseMessage deliver(int branch, CustomerRequest request) {
    Deadline deadline = Deadline.after(deadlineMillis, TimeUnit.MILLISECONDS);
    BankServiceBlockingStub stub = branchStubs.apply(branch).withDeadline(deadline);
    StatusRuntimeException unanswered = null;
    for (int attempt = 1; ; attempt++) {
      try {
        return stub.msgDelivery(request);
      } catch (StatusRuntimeException e) {
        // A connection that closed under the call ("channel closed") is no answer either.
        boolean noAnswer =
            e.getStatus().getCode() == Status.Code.UNAVAILABLE
                || (e.getStatus().getCode() == Status.Code.UNKNOWN
                    && e.getStatus().getCause() instanceof ClosedChannelException);
        if (noAnswer && attempt < ATTEMPTS && !deadline.isExpired()) {
          unanswered = unanswered == null ? e : unanswered;
          // The next call waits for the branch to listen again, up to the deadline.
          stub = stub.withWaitForReady();
        } else if (unanswered != null && e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
          // The branch went down and did not come back: that is the news, not the deadline.
          throw Status.UNAVAILABLE
              .withDescription(
                  unanswered.getStatus().getDescription()
                      + "; not back within "
                      + deadlineMillis
                      + " ms")
              .asRuntimeException();
        } else {
          throw e;
        }
      }
    }
  }

  private List<WriteRef> writtenSoFar() {
    return written.entrySet().stream()
        .map(e -> WriteRef.newBuilder().setOrigin(e.getKey()).setOperationId(e.getValue()).build())
        .toList();
  }

  private static long newSession() {
    long session;
    do {
      session = ThreadLocalRandom.current().nextLong();
    } while (session == 0);
    return session;
  }

  private void traceReply(EventSpec event, String result) {
    if (tracer.enabled()) {
      tracer.record(
          TraceEvent.reply(
                  Rpc.MSG_DELIVERY,
                  Participant.branch(event.branch()),
                  Participant.customer(spec.id()),
                  result)
              .withRequest(event.request()));
    }
  }

  private long parseBalance(int index, EventSpec event, ResponseMessage reply)
      throws CustomerFailedException {
    try {
      return Long.parseLong(reply.getMessage());
    } catch (NumberFormatException e) {
      throw new CustomerFailedException(
          spec.id(),
          index,
          event,
          "the branch answered a query with \"" + reply.getMessage() + "\", not a balance",
          e);
    }
  }
}
