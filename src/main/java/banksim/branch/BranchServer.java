package banksim.branch;

import banksim.proto.BalanceQuery;
import banksim.proto.BankServiceGrpc;
import banksim.proto.BranchRequest;
import banksim.proto.CustomerRequest;
import banksim.proto.ResponseMessage;
import banksim.trace.Participant;
import banksim.trace.Rpc;
import banksim.trace.TraceEvent;
import banksim.trace.Tracer;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
  private final Balance balance;
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
    this.balance = new Balance(initialBalance);
    Propagator propagator = new Propagator(id, cluster, policy, balance::tick, tracer);
    this.server =
        serverBuilder
            .addService(new BranchService(id, balance, propagator, tracer))
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
    return balance.get();
  }

  private static final class BranchService extends BankServiceGrpc.BankServiceImplBase {
    private final Participant name;
    private final Balance balance;
    private final Propagator propagator;
    private final Tracer tracer;
    private final AppliedOperations applied = new AppliedOperations();

    BranchService(int id, Balance balance, Propagator propagator, Tracer tracer) {
      this.name = Participant.branch(id);
      this.balance = balance;
      this.propagator = propagator;
      this.tracer = tracer;
    }

    @Override
    public void msgDelivery(CustomerRequest request, StreamObserver<ResponseMessage> reply) {
      long remote = request.getLogicalClock();
      switch (request.getEvent()) {
        case "query" -> {
          Balance.Step step = balance.receive(remote);
          traceReceived(Rpc.MSG_DELIVERY, request, step, null);
          answer(reply, Long.toString(step.balance()), true);
        }
        case "deposit" -> {
          Balance.Step step = depositLocally(request.getAmount(), remote, reply);
          if (step != null) {
            long op = propagator.nextOperation();
            traceReceived(Rpc.MSG_DELIVERY, request, step, op);
            propagator.propagate(
                op,
                true,
                request.getAmount(),
                request.getRequestId(),
                whenAcknowledged(reply, SUCCESS, true));
          }
        }
        case "withdraw" -> {
          if (!nonNegative(request.getAmount(), reply)) {
            return;
          }
          Balance.Step step = balance.withdrawIfCovered(request.getAmount(), remote);
          if (step.applied()) {
            long op = propagator.nextOperation();
            traceReceived(Rpc.MSG_DELIVERY, request, step, op);
            propagator.propagate(
                op,
                false,
                request.getAmount(),
                request.getRequestId(),
                whenAcknowledged(reply, SUCCESS, true));
          } else {
            traceReceived(Rpc.MSG_DELIVERY, request, step, null);
            answer(reply, FAIL, false);
          }
        }
        default -> {
          traceReceived(Rpc.MSG_DELIVERY, request, balance.receive(remote), null);
          answer(reply, INVALID_EVENT, false);
        }
      }
    }

    private void traceReceived(Rpc rpc, CustomerRequest request, Balance.Step step, Long op) {
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
      answer(reply, Long.toString(balance.get()), true);
    }

    @Override
    public void deposit(CustomerRequest request, StreamObserver<ResponseMessage> reply) {
      Balance.Step step = depositLocally(request.getAmount(), request.getLogicalClock(), reply);
      if (step != null) {
        traceReceived(Rpc.DEPOSIT, request, step, null);
        answer(reply, SUCCESS, true);
      }
    }

    @Override
    public void withdraw(CustomerRequest request, StreamObserver<ResponseMessage> reply) {
      if (nonNegative(request.getAmount(), reply)) {
        Balance.Step step =
            balance.withdrawIfCovered(request.getAmount(), request.getLogicalClock());
        traceReceived(Rpc.WITHDRAW, request, step, null);
        answer(reply, step.applied() ? SUCCESS : FAIL, step.applied());
      }
    }

    @Override
    public void propagateDeposit(BranchRequest request, StreamObserver<ResponseMessage> reply) {
      if (!nonNegative(request.getAmount(), reply)
          || alreadyApplied(Rpc.PROPAGATE_DEPOSIT, request, reply)) {
        return;
      }
      Balance.Step step = depositLocally(request.getAmount(), request.getLogicalClock(), reply);
      if (step != null) {
        traceReceived(Rpc.PROPAGATE_DEPOSIT, request, step.clock());
        answer(reply, SUCCESS, true);
      }
    }

    @Override
    public void propagateWithdraw(BranchRequest request, StreamObserver<ResponseMessage> reply) {
      if (!nonNegative(request.getAmount(), reply)
          || alreadyApplied(Rpc.PROPAGATE_WITHDRAW, request, reply)) {
        return;
      }
      Balance.Step step;
      try {
        step = balance.withdrawUnconditionally(request.getAmount(), request.getLogicalClock());
      } catch (ArithmeticException e) {
        reply.onError(
            Status.OUT_OF_RANGE
                .withDescription("the balance would fall below " + Long.MIN_VALUE)
                .asException());
        return;
      }
      traceReceived(Rpc.PROPAGATE_WITHDRAW, request, step.clock());
      answer(reply, SUCCESS, true);
    }

    /** A retry of a propagation applied already: acknowledged again, applied no more. */
    private boolean alreadyApplied(
        Rpc rpc, BranchRequest request, StreamObserver<ResponseMessage> reply) {
      if (applied.firstTime(request.getBranchId(), request.getOperationId())) {
        return false;
      }
      traceReceived(rpc, request, null);
      answer(reply, SUCCESS, true);
      return true;
    }

    /**
     * Applies a deposit here and returns its step; on a bad amount answers the error and returns
     * null.
     */
    private Balance.Step depositLocally(
        int amount, long remoteClock, StreamObserver<ResponseMessage> reply) {
      if (!nonNegative(amount, reply)) {
        return null;
      }
      try {
        return balance.deposit(amount, remoteClock);
      } catch (ArithmeticException e) {
        reply.onError(
            Status.OUT_OF_RANGE
                .withDescription("the balance would exceed " + Long.MAX_VALUE)
                .asException());
        return null;
      }
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

    private static Propagator.Completion whenAcknowledged(
        StreamObserver<ResponseMessage> reply, String message, boolean success) {
      return new Propagator.Completion() {
        @Override
        public void acknowledged() {
          answer(reply, message, success);
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
