package banksim.customer;

import banksim.eventlog.EventLogs;
import banksim.input.CustomerSpec;
import banksim.input.EventSpec;
import banksim.output.CustomerRecv;
import banksim.output.RecvEntry;
import banksim.proto.BankServiceGrpc.BankServiceBlockingStub;
import banksim.proto.CustomerRequest;
import banksim.proto.ResponseMessage;
import banksim.trace.Participant;
import banksim.trace.Rpc;
import banksim.trace.TraceEvent;
import banksim.trace.Tracer;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.ObjLongConsumer;

/**
 * A customer: sends its events one after another with MsgDelivery, each to the event's branch, and
 * records what it received.
 */
public final class Customer {
  private final CustomerSpec spec;
  private final IntFunction<BankServiceBlockingStub> branchStubs;
  private final long deadlineMillis;
  private final ObjLongConsumer<EventSpec> answered;
  private final Tracer tracer;

  /**
   * @param branchStubs the stub of each branch id (shared, one channel per branch)
   * @param deadlineMillis the deadline of each call; a write's covers its propagation
   * @param answered hears each event and the nanoseconds its answer took
   */
  public Customer(
      CustomerSpec spec,
      IntFunction<BankServiceBlockingStub> branchStubs,
      long deadlineMillis,
      ObjLongConsumer<EventSpec> answered,
      Tracer tracer) {
    this.spec = spec;
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
      reply =
          branchStubs
              .apply(event.branch())
              .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
              .msgDelivery(request);
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
    return switch (event.operation()) {
      case QUERY -> RecvEntry.query(event, parseBalance(index, event, reply));
      case DEPOSIT, WITHDRAW -> RecvEntry.write(event, reply.getSuccess());
    };
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
