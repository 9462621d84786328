package banksim.branch;

import banksim.proto.BranchRequest;
import banksim.proto.ResponseMessage;
import banksim.proto.Write;
import banksim.proto.WriteRef;
import banksim.trace.Participant;
import banksim.trace.Rpc;
import banksim.trace.TraceEvent;
import banksim.trace.Tracer;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Sends one write to every other branch at once and reports when the last one acknowledged, or the
 * first failure. A call that gets no answer (UNAVAILABLE, DEADLINE_EXCEEDED) is sent again, with
 * the same operation id, up to the policy's retries. Nothing blocks: the callback runs on the
 * thread of the last answer.
 */
final class Propagator {
  /** What the caller does once every peer answered. */
  interface Completion {
    /** For a write whose customer was answered already: a failure shows in the trace only. */
    Completion IGNORED =
        new Completion() {
          @Override
          public void acknowledged() {}

          @Override
          public void failed(Status status) {}
        };

    void acknowledged();

    void failed(Status status);
  }

  private final int originId;
  private final List<Peer> peers;
  private final Set<Integer> peerIds;
  private final PropagationPolicy policy;
  private final LongSupplier clock;
  private final Tracer tracer;
  private final Participant origin;
  private final Map<Long, Write> inFlight = new ConcurrentHashMap<>();
  private final List<Runnable> whenDrained = new ArrayList<>();

  /**
   * Propagates the writes of branch {@code originId}.
   *
   * @param cluster every branch of the cluster; the origin itself is skipped
   * @param clock ticks the origin's Lamport clock for a send and returns its new value
   */
  Propagator(
      int originId,
      List<Peer> cluster,
      PropagationPolicy policy,
      LongSupplier clock,
      Tracer tracer) {
    this.originId = originId;
    this.peers =
        cluster.stream()
            .filter(peer -> peer.id() != originId)
            .sorted(Comparator.comparingInt(Peer::id))
            .toList();
    this.peerIds = peers.stream().map(Peer::id).collect(Collectors.toUnmodifiableSet());
    this.policy = policy;
    this.clock = clock;
    this.tracer = tracer;
    this.origin = Participant.branch(originId);
  }

  /** Whether {@code id} is another branch of this bank: the only senders of propagations. */
  boolean isPeer(int id) {
    return peerIds.contains(id);
  }

  /** The writes of this branch not yet acknowledged by every peer, for a restarted peer. */
  List<Write> inFlight() {
    return List.copyOf(inFlight.values());
  }

  /** Runs {@code then} once no write of this branch is in flight: now, or when the last lands. */
  void whenDrained(Runnable then) {
    synchronized (whenDrained) {
      if (!inFlight.isEmpty()) {
        whenDrained.add(then);
        return;
      }
    }
    then.run();
  }

  private void landed(long operation) {
    List<Runnable> drained;
    synchronized (whenDrained) {
      inFlight.remove(operation);
      if (!inFlight.isEmpty() || whenDrained.isEmpty()) {
        return;
      }
      drained = List.copyOf(whenDrained);
      whenDrained.clear();
    }
    drained.forEach(Runnable::run);
  }

  /**
   * Sends a write of this branch to every other branch, in id order, each with the next tick of the
   * origin's clock; all go out before any answer is awaited. The write counts as in flight until
   * the last peer answered. Synchronous, {@code completion} hears when every peer acknowledged;
   * asynchronous, at once, and the sends go out after the policy's delay.
   *
   * @param requestId the customer request the write belongs to (0: none)
   * @param after the writes every peer must have applied before this one (monotonic writes)
   */
  void propagate(Write write, long requestId, List<WriteRef> after, Completion completion) {
    boolean async = policy.mode() == PropagationPolicy.Mode.ASYNC;
    if (peers.isEmpty() || async) {
      completion.acknowledged();
    }
    if (peers.isEmpty()) {
      return;
    }
    BranchRequest.Builder request =
        BranchRequest.newBuilder()
            .setBranchId(originId)
            .setAmount(write.getAmount())
            .setOperationId(write.getOperationId())
            .setRequestId(requestId)
            .setSession(write.getSession())
            .setSequence(write.getSequence())
            .addAllAfter(after);
    synchronized (whenDrained) {
      inFlight.put(write.getOperationId(), write);
    }
    FanOut fanOut =
        new FanOut(
            peers.size(),
            async ? Completion.IGNORED : completion,
            () -> landed(write.getOperationId()));
    Runnable sendAll =
        () -> {
          for (Peer peer : peers) {
            send(
                peer,
                write.getDeposit(),
                request.setLogicalClock(clock.getAsLong()).build(),
                1,
                fanOut);
          }
        };
    if (!async) {
      sendAll.run();
    } else if (policy.delayMillis() > 0) {
      var unused = Timers.after(policy.delayMillis(), sendAll);
    } else {
      // Not in the customer's call's context: answering the customer cancels that, and with it
      // every call started in it.
      Context.ROOT.run(sendAll);
    }
  }

  private void send(Peer peer, boolean deposit, BranchRequest request, int attempt, FanOut fanOut) {
    Rpc rpc = Rpc.propagation(deposit);
    if (tracer.enabled()) {
      // A resend is the same message again, not a new event of the clock.
      tracer.record(
          TraceEvent.send(rpc, origin, Participant.branch(peer.id()))
              .withAmount(request.getAmount())
              .withOp(request.getOperationId())
              .withClock(attempt == 1 ? request.getLogicalClock() : null)
              .withRequest(request.getRequestId()));
    }
    StreamObserver<ResponseMessage> ack =
        new StreamObserver<>() {
          @Override
          public void onNext(ResponseMessage reply) {
            traceReply(rpc, peer, request, reply.getMessage());
          }

          @Override
          public void onError(Throwable t) {
            Status status = Status.fromThrowable(t);
            traceReply(rpc, peer, request, "error: " + status.getCode());
            if (noAnswer(status) && attempt <= policy.retries()) {
              send(peer, deposit, request, attempt + 1, fanOut);
            } else {
              fanOut.failed(peer, status, attempt);
            }
          }

          @Override
          public void onCompleted() {
            fanOut.acknowledged();
          }
        };
    // Wait for ready: a peer that is still starting (in its own process) gets the call once
    // it listens, up to the deadline, instead of failing it at once.
    var stub =
        peer.stub()
            .withWaitForReady()
            .withDeadlineAfter(policy.deadlineMillis(), TimeUnit.MILLISECONDS);
    if (deposit) {
      stub.propagateDeposit(request, ack);
    } else {
      stub.propagateWithdraw(request, ack);
    }
  }

  /**
   * Whether a call got no answer at all, so that sending it again (with the same operation id) is
   * safe: UNAVAILABLE, DEADLINE_EXCEEDED, or a connection that closed under it ("channel closed").
   */
  static boolean noAnswer(Status status) {
    return status.getCode() == Status.Code.UNAVAILABLE
        || status.getCode() == Status.Code.DEADLINE_EXCEEDED
        || (status.getCode() == Status.Code.UNKNOWN
            && status.getCause() instanceof ClosedChannelException);
  }

  private void traceReply(Rpc rpc, Peer peer, BranchRequest request, String result) {
    if (tracer.enabled()) {
      tracer.record(
          TraceEvent.reply(rpc, Participant.branch(peer.id()), origin, result)
              .withOp(request.getOperationId())
              .withRequest(request.getRequestId()));
    }
  }

  /**
   * Counts the answers to one write; reports the first failure once, or success when every peer
   * acknowledged.
   */
  private final class FanOut {
    private final AtomicInteger outstanding;
    private final AtomicBoolean failed = new AtomicBoolean();
    private final Completion completion;
    private final Runnable whenAllAnswered;

    FanOut(int peers, Completion completion, Runnable whenAllAnswered) {
      this.outstanding = new AtomicInteger(peers);
      this.completion = completion;
      this.whenAllAnswered = whenAllAnswered;
    }

    void acknowledged() {
      if (outstanding.decrementAndGet() == 0) {
        whenAllAnswered.run();
        if (!failed.get()) {
          completion.acknowledged();
        }
      }
    }

    void failed(Peer peer, Status status, int attempts) {
      if (outstanding.decrementAndGet() == 0) {
        whenAllAnswered.run();
      }
      if (!failed.compareAndSet(false, true)) {
        return;
      }
      String what =
          status.getCode() == Status.Code.DEADLINE_EXCEEDED
              ? "got no answer within " + policy.deadlineMillis() + " ms"
              : "failed: "
                  + status.getCode()
                  + (status.getDescription() == null ? "" : " (" + status.getDescription() + ")");
      // ABORTED, not UNAVAILABLE: this branch answered; a customer sends a call again only when
      // it got no answer at all.
      completion.failed(
          Status.ABORTED
              .withDescription(
                  "propagation to branch "
                      + peer.id()
                      + " at "
                      + peer.address()
                      + " "
                      + what
                      + (attempts > 1 ? " (" + attempts + " attempts)" : ""))
              .withCause(status.getCause()));
    }
  }
}
