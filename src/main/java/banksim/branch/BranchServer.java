package banksim.branch;

import banksim.proto.BalanceQuery;
import banksim.proto.BankServiceGrpc;
import banksim.proto.BranchRequest;
import banksim.proto.CustomerRequest;
import banksim.proto.Decision;
import banksim.proto.ResponseMessage;
import banksim.proto.Write;
import banksim.proto.WriteRef;
import banksim.trace.Participant;
import banksim.trace.Rpc;
import banksim.trace.TraceEvent;
import banksim.trace.Tracer;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One bank branch: a gRPC server holding its replica of the balance. Writes that customers send
 * with MsgDelivery are applied here, then propagated to every other branch; the customer gets its
 * answer once all of them acknowledged.
 */
public final class BranchServer {
  static final String SUCCESS = "success";
  static final String FAIL = "fail";
  static final String INVALID_EVENT = "Invalid event.";
  private static final long STOP_GRACE_MILLIS = 5_000;

  private final int id;
  private final Server server;
  private final Replica replica;
  private final HealthStatusManager health = new HealthStatusManager();

  /**
   * @param serverBuilder where and how to listen (Netty on a port, or in-process in tests); its
   *     handlers never block, so a {@code directExecutor()} builder is safe
   * @param cluster every branch of the bank (this one is skipped), as propagation targets
   * @param policy the deadline and retries of each propagation
   */
  public BranchServer(
      int id,
      long initialBalance,
      ServerBuilder<?> serverBuilder,
      List<Peer> cluster,
      PropagationPolicy policy) {
    this(id, initialBalance, serverBuilder, cluster, policy, Tracer.NONE);
  }

  /** As above, recording every message this branch sends and receives. */
  public BranchServer(
      int id,
      long initialBalance,
      ServerBuilder<?> serverBuilder,
      List<Peer> cluster,
      PropagationPolicy policy,
      Tracer tracer) {
    this.id = id;
    this.replica = new Replica(id, initialBalance);
    Propagator propagator = new Propagator(id, cluster, policy, replica::tick, tracer);
    List<Peer> others = cluster.stream().filter(peer -> peer.id() != id).toList();
    Coordinator coordinator = new Coordinator(id, replica, others, policy, tracer);
    // Strong's coordinator is the bank's lowest id: this branch, or that peer.
    Optional<Peer> coordinatorPeer =
        others.stream().min(Comparator.comparingInt(Peer::id)).filter(peer -> peer.id() < id);
    this.server =
        serverBuilder
            .addService(
                new BranchService(
                    id, replica, propagator, policy, tracer, coordinator, coordinatorPeer))
            .addService(new ReplicationService(id, replica, propagator, coordinator, tracer))
            .addService(health.getHealthService())
            .build();
  }

  public int id() {
    return id;
  }

  /**
   * Binds and listens; when this returns, the branch accepts calls and the standard gRPC health
   * service reports it SERVING.
   */
  public void start() throws IOException {
    server.start();
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(BankServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
  }

  /** Stops taking calls, lets running ones finish (for a few seconds at most), then returns. */
  public void stop() throws InterruptedException {
    beginStop();
    awaitStop(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MILLIS));
  }

  /** Stops taking calls; running ones go on. Many branches stop at once with this, then wait. */
  public void beginStop() {
    health.enterTerminalState();
    server.shutdown();
  }

  /**
   * Waits for the running calls until the deadline ({@link System#nanoTime()}), then ends whatever
   * is left, idle client connections included: a connected client must not hold a stopping branch
   * up.
   */
  public void awaitStop(long deadlineNanos) throws InterruptedException {
    long left = deadlineNanos - System.nanoTime();
    if (!server.awaitTermination(Math.max(0, left), TimeUnit.NANOSECONDS)) {
      server.shutdownNow().awaitTermination(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /** This replica's balance now. */
  public long balance() {
    return replica.get();
  }

  /**
   * Takes over the replica of a live peer (see {@link Rejoin}) instead of the input's balance;
   * before {@link #start()} only, so that no call sees the state before.
   *
   * @throws ArithmeticException if a write in flight would leave the range of a long
   */
  public void restore(Rejoin.Joined joined) {
    replica.restore(joined.state(), joined.inFlight());
  }

  private static final class BranchService extends BankServiceGrpc.BankServiceImplBase {
    private final Participant name;
    private final int id;
    private final PropagationPolicy policy;
    private final Coordinator coordinator;
    private final Optional<Peer> coordinatorPeer;
    private final Replica replica;
    private final Propagator propagator;
    private final Tracer tracer;

    BranchService(
        int id,
        Replica replica,
        Propagator propagator,
        PropagationPolicy policy,
        Tracer tracer,
        Coordinator coordinator,
        Optional<Peer> coordinatorPeer) {
      this.id = id;
      this.policy = policy;
      this.coordinator = coordinator;
      this.coordinatorPeer = coordinatorPeer;
      this.name = Participant.branch(id);
      this.replica = replica;
      this.propagator = propagator;
      this.tracer = tracer;
    }

    @Override
    public void msgDelivery(CustomerRequest request, StreamObserver<ResponseMessage> reply) {
      if (request.getReadAfterCount() == 0 && request.getWriteAfterCount() == 0) {
        serve(request, reply);
        return;
      }
      List<WriteRef> after = new ArrayList<>(request.getReadAfterList());
      after.addAll(request.getWriteAfterList());
      afterApplied(
          after,
          reply,
          Rpc.MSG_DELIVERY,
          Participant.customer(request.getCustomerId()),
          request.getRequestId(),
          "customer " + request.getCustomerId() + "'s earlier writes",
          () -> serve(request, reply));
    }

    /**
     * Runs {@code then} once this replica applied the given writes (SPEC section 8), or fails the
     * call with DEADLINE_EXCEEDED shortly before its deadline: waiting, never polling.
     */
    private void afterApplied(
        List<WriteRef> writes,
        StreamObserver<ResponseMessage> reply,
        Rpc rpc,
        Participant sender,
        long requestId,
        String whose,
        Runnable then) {
      Deadline deadline = Context.current().getDeadline();
      long waitMillis =
          deadline == null
              ? policy.deadlineMillis()
              : Math.max(1, deadline.timeRemaining(TimeUnit.MILLISECONDS) * 9 / 10);
      // It runs on the thread of whichever call applies the last write: in this call's context.
      Replica.Waiter waiter = replica.whenApplied(writes, Context.current().wrap(then));
      if (waiter == null) {
        return;
      }
      if (tracer.enabled()) {
        tracer.record(
            TraceEvent.waiting(rpc, sender, name, "waits for " + whose + ": " + describe(writes))
                .withRequest(requestId));
      }
      var unused =
          Timers.after(
              waitMillis,
              () -> {
                if (waiter.cancel()) {
                  reply.onError(
                      Status.DEADLINE_EXCEEDED
                          .withDescription(
                              "branch "
                                  + id
                                  + " had not applied "
                                  + whose
                                  + " ("
                                  + describe(writes)
                                  + ") within "
                                  + waitMillis
                                  + " ms")
                          .asException());
                }
              });
    }

    /** "branch 1's writes up to operation 4194305, ..." */
    private static String describe(List<WriteRef> writes) {
      return writes.stream()
          .map(w -> "branch " + w.getOrigin() + "'s up to operation " + w.getOperationId())
          .collect(Collectors.joining(", "));
    }

    private void serve(CustomerRequest request, StreamObserver<ResponseMessage> reply) {
      long remote = request.getLogicalClock();
      switch (request.getEvent()) {
        case "query" -> {
          Replica.Step step = replica.receive(remote);
          traceReceived(Rpc.MSG_DELIVERY, request, step, null);
          answer(reply, Long.toString(step.balance()), true);
        }
        case "deposit", "withdraw" -> write(request, reply);
        default -> {
          traceReceived(Rpc.MSG_DELIVERY, request, replica.receive(remote), null);
          answer(reply, INVALID_EVENT, false);
        }
      }
    }

    /**
     * A customer's write: applied here (unless a withdrawal is not covered), then propagated, and
     * answered once every peer acknowledged. One this bank applied before, sent again by its
     * customer, is propagated again for any peer that missed it, and succeeds.
     */
    private void write(CustomerRequest request, StreamObserver<ResponseMessage> reply) {
      if (!nonNegative(request.getAmount(), reply)) {
        return;
      }
      boolean deposit = request.getEvent().equals("deposit");
      if (policy.mode() == PropagationPolicy.Mode.STRONG) {
        ordered(request, deposit, reply);
        return;
      }
      Replica.Step step;
      try {
        step =
            replica.write(
                new Replica.CustomerWrite(
                    deposit, request.getAmount(), request.getSession(), request.getSequence()),
                request.getLogicalClock());
      } catch (ArithmeticException e) {
        answerOverflow(reply, true);
        return;
      }
      if (!step.applied()) {
        traceReceived(Rpc.MSG_DELIVERY, request, step, null);
        answer(reply, FAIL, false);
        return;
      }
      traceReceived(Rpc.MSG_DELIVERY, request, step, step.operation());
      replica.wakeWaiters();
      propagator.propagate(
          Write.newBuilder()
              .setOrigin(id)
              .setOperationId(step.operation())
              .setDeposit(deposit)
              .setAmount(request.getAmount())
              .setSession(request.getSession())
              .setSequence(request.getSequence())
              .build(),
          request.getRequestId(),
          request.getWriteAfterList(),
          // A seed client (no session) gets the seed's answer, byte for byte.
          whenAcknowledged(reply, request.getSession() == 0 ? 0 : step.operation()));
    }

    /**
     * Strong: the write goes to the coordinator, which applies it everywhere or nowhere, and is
     * answered with its decision.
     */
    private void ordered(
        CustomerRequest request, boolean deposit, StreamObserver<ResponseMessage> reply) {
      traceReceived(Rpc.MSG_DELIVERY, request, replica.receive(request.getLogicalClock()), null);
      Write write =
          Write.newBuilder()
              .setOrigin(id)
              .setDeposit(deposit)
              .setAmount(request.getAmount())
              .setSession(request.getSession())
              .setSequence(request.getSequence())
              .build();
      int coordinatorId = coordinatorPeer.map(Peer::id).orElse(id);
      Consumer<Decision> answer =
          decision -> {
            if (decision.getApplied()) {
              ResponseMessage.Builder success =
                  ResponseMessage.newBuilder().setMessage(SUCCESS).setSuccess(true);
              if (request.getSession() != 0) {
                success.setOrigin(coordinatorId).setOperationId(decision.getOperationId());
              }
              reply.onNext(success.build());
              reply.onCompleted();
            } else if (decision.getDeclined()) {
              answer(reply, FAIL, false);
            } else {
              reply.onError(
                  Status.ABORTED
                      .withDescription(
                          "the coordinator, branch " + coordinatorId + ": " + decision.getReason())
                      .asException());
            }
          };
      if (coordinatorPeer.isEmpty()) {
        coordinator.order(write, answer);
        return;
      }
      Participant coordinatorName = Participant.branch(coordinatorId);
      traceOrder(TraceEvent.send(Rpc.ORDER, name, coordinatorName), request);
      Deadline deadline = Context.current().getDeadline();
      coordinatorPeer
          .get()
          .replication()
          .withWaitForReady()
          .withDeadline(
              deadline != null
                  ? deadline
                  : Deadline.after(policy.worstCaseMillis() * 2, TimeUnit.MILLISECONDS))
          .order(
              write,
              new StreamObserver<>() {
                @Override
                public void onNext(Decision decision) {
                  traceOrder(
                      TraceEvent.reply(
                          Rpc.ORDER,
                          coordinatorName,
                          name,
                          decision.getApplied()
                              ? "applied"
                              : decision.getDeclined() ? "declined" : "failed"),
                      request);
                  answer.accept(decision);
                }

                @Override
                public void onError(Throwable t) {
                  Status status = Status.fromThrowable(t);
                  traceOrder(
                      TraceEvent.reply(
                          Rpc.ORDER, coordinatorName, name, "error: " + status.getCode()),
                      request);
                  reply.onError(
                      Status.ABORTED
                          .withDescription(
                              "the coordinator, branch "
                                  + coordinatorId
                                  + ", did not decide: "
                                  + status.getCode()
                                  + (status.getDescription() == null
                                      ? ""
                                      : " (" + status.getDescription() + ")"))
                          .asException());
                }

                @Override
                public void onCompleted() {
                  // The decision came with onNext.
                }
              });
    }

    /** Strong's hand-over to the coordinator: no Lamport clock, not an event of section 7. */
    private void traceOrder(TraceEvent event, CustomerRequest request) {
      if (tracer.enabled()) {
        tracer.record(event.withAmount(request.getAmount()).withRequest(request.getRequestId()));
      }
    }

    private void traceReceived(Rpc rpc, CustomerRequest request, Replica.Step step, Long op) {
      if (tracer.enabled()) {
        tracer.record(
            TraceEvent.recv(rpc, Participant.customer(request.getCustomerId()), name)
                .withEvent(request.getEvent())
                // A query carries no amount (a seed client sends 0): none is traced.
                .withAmount(request.getEvent().equals("query") ? null : request.getAmount())
                .withOp(op)
                .withClock(step.clock())
                .withRequest(request.getRequestId()));
      }
    }

    /** A propagation received; {@code clock} is null for a retry that was applied already. */
    private void traceReceived(Rpc rpc, BranchRequest request, Long clock) {
      if (tracer.enabled()) {
        tracer.record(
            TraceEvent.recv(rpc, Participant.branch(request.getBranchId()), name)
                .withAmount(request.getAmount())
                .withOp(request.getOperationId() == 0 ? null : request.getOperationId())
                .withClock(clock)
                .withRequest(request.getRequestId()));
      }
    }

    /** An inspection, not an event of the exercise: it changes no clock and is not traced. */
    @Override
    public void query(BalanceQuery request, StreamObserver<ResponseMessage> reply) {
      answer(reply, Long.toString(replica.get()), true);
    }

    @Override
    public void deposit(CustomerRequest request, StreamObserver<ResponseMessage> reply) {
      if (!nonNegative(request.getAmount(), reply)) {
        return;
      }
      Replica.Step step;
      try {
        step = replica.deposit(request.getAmount(), request.getLogicalClock());
      } catch (ArithmeticException e) {
        answerOverflow(reply, true);
        return;
      }
      traceReceived(Rpc.DEPOSIT, request, step, null);
      answer(reply, SUCCESS, true);
    }

    @Override
    public void withdraw(CustomerRequest request, StreamObserver<ResponseMessage> reply) {
      if (nonNegative(request.getAmount(), reply)) {
        Replica.Step step =
            replica.withdrawIfCovered(request.getAmount(), request.getLogicalClock());
        traceReceived(Rpc.WITHDRAW, request, step, null);
        answer(reply, step.applied() ? SUCCESS : FAIL, step.applied());
      }
    }

    @Override
    public void propagateDeposit(BranchRequest request, StreamObserver<ResponseMessage> reply) {
      propagated(Rpc.PROPAGATE_DEPOSIT, request, reply);
    }

    @Override
    public void propagateWithdraw(BranchRequest request, StreamObserver<ResponseMessage> reply) {
      propagated(Rpc.PROPAGATE_WITHDRAW, request, reply);
    }

    /**
     * A peer's write, applied once: a retry of one applied already is acknowledged again, applied
     * no more.
     */
    private void propagated(Rpc rpc, BranchRequest request, StreamObserver<ResponseMessage> reply) {
      if (!nonNegative(request.getAmount(), reply)) {
        return;
      }
      if (!propagator.isPeer(request.getBranchId())) {
        // Only this bank's other branches propagate; a stranger's ids would also grow the memory
        // of applied ids without bound.
        reply.onError(
            Status.INVALID_ARGUMENT
                .withDescription(
                    "branch "
                        + request.getBranchId()
                        + " is not another branch of this bank; only they propagate writes")
                .asException());
        return;
      }
      if (request.getAfterCount() == 0) {
        apply(rpc, request, reply);
      } else {
        afterApplied(
            request.getAfterList(),
            reply,
            rpc,
            Participant.branch(request.getBranchId()),
            request.getRequestId(),
            "the writes of its customer before branch "
                + request.getBranchId()
                + "'s operation "
                + request.getOperationId(),
            () -> apply(rpc, request, reply));
      }
    }

    private void apply(Rpc rpc, BranchRequest request, StreamObserver<ResponseMessage> reply) {
      boolean deposit = rpc == Rpc.PROPAGATE_DEPOSIT;
      Replica.Step step;
      try {
        step =
            replica.propagated(
                Write.newBuilder()
                    .setOrigin(request.getBranchId())
                    .setOperationId(request.getOperationId())
                    .setDeposit(deposit)
                    .setAmount(request.getAmount())
                    .setSession(request.getSession())
                    .setSequence(request.getSequence())
                    .build(),
                request.getLogicalClock());
      } catch (ArithmeticException e) {
        answerOverflow(reply, deposit);
        return;
      }
      traceReceived(rpc, request, step == null ? null : step.clock());
      answer(reply, SUCCESS, true);
      if (step != null) {
        replica.wakeWaiters();
      }
    }

    private static void answerOverflow(StreamObserver<ResponseMessage> reply, boolean deposit) {
      reply.onError(
          Status.OUT_OF_RANGE
              .withDescription(
                  deposit
                      ? "the balance would exceed " + Long.MAX_VALUE
                      : "the balance would fall below " + Long.MIN_VALUE)
              .asException());
    }

    private static boolean nonNegative(int amount, StreamObserver<ResponseMessage> reply) {
      if (amount < 0) {
        reply.onError(
            Status.INVALID_ARGUMENT
                .withDescription("amount must not be negative, got " + amount)
                .asException());
        return false;
      }
      return true;
    }

    /** Answers a write's customer once its propagation allows: success, naming the write. */
    private Propagator.Completion whenAcknowledged(
        StreamObserver<ResponseMessage> reply, long operation) {
      return new Propagator.Completion() {
        @Override
        public void acknowledged() {
          ResponseMessage.Builder answer =
              ResponseMessage.newBuilder().setMessage(SUCCESS).setSuccess(true);
          if (operation != 0) {
            answer.setOrigin(id).setOperationId(operation);
          }
          reply.onNext(answer.build());
          reply.onCompleted();
        }

        @Override
        public void failed(Status status) {
          reply.onError(status.asException());
        }
      };
    }

    private static void answer(StreamObserver<ResponseMessage> reply, String message, boolean ok) {
      reply.onNext(ResponseMessage.newBuilder().setMessage(message).setSuccess(ok).build());
      reply.onCompleted();
    }
  }
}
