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
    Propagator propagator = new Propagator(id, cluster, policy, tracer);
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
    health.enterTerminalState();
    server.shutdown();
    if (!server.awaitTermination(STOP_GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
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
      switch (request.getEvent()) {
        case "query" -> {
          traceReceived(request, null);
          answer(reply, Long.toString(balance.get()), true);
        }
        case "deposit" -> {
          if (depositLocally(request.getAmount(), reply)) {
            long op = propagator.nextOperation();
            traceReceived(request, op);
            propagator.propagate(
                op, true, request.getAmount(), whenAcknowledged(reply, SUCCESS, true));
          }
        }
        case "withdraw" -> {
          if (!nonNegative(request.getAmount(), reply)) {
            return;
          }
          if (balance.withdrawIfCovered(request.getAmount())) {
            long op = propagator.nextOperation();
            traceReceived(request, op);
            propagator.propagate(
                op, false, request.getAmount(), whenAcknowledged(reply, SUCCESS, true));
          } else {
            traceReceived(request, null);
            answer(reply, FAIL, false);
          }
        }
        default -> {
          traceReceived(request, null);
          answer(reply, INVALID_EVENT, false);
        }
      }
    }

    private void traceReceived(CustomerRequest request, Long op) {
      if (tracer.enabled()) {
        tracer.record(
            TraceEvent.recv(
                Rpc.MSG_DELIVERY,
                Participant.customer(request.getCustomerId()),
                name,
                request.getAmount(),
                op));
      }
    }

    private void traceReceived(Rpc rpc, BranchRequest request) {
      if (tracer.enabled()) {
        tracer.record(
            TraceEvent.recv(
                rpc,
                Participant.branch(request.getBranchId()),
                name,
                request.getAmount(),
                request.getOperationId() == 0 ? null : request.getOperationId()));
      }
    }

    @Override
    public void query(BalanceQuery request, StreamObserver<ResponseMessage> reply) {
      answer(reply, Long.toString(balance.get()), true);
    }

    @Override
    public void deposit(CustomerRequest request, StreamObserver<ResponseMessage> reply) {
      if (depositLocally(request.getAmount(), reply)) {
        answer(reply, SUCCESS, true);
      }
    }

    @Override
    public void withdraw(CustomerRequest request, StreamObserver<ResponseMessage> reply) {
      if (nonNegative(request.getAmount(), reply)) {
        boolean covered = balance.withdrawIfCovered(request.getAmount());
        answer(reply, covered ? SUCCESS : FAIL, covered);
      }
    }

    @Override
    public void propagateDeposit(BranchRequest request, StreamObserver<ResponseMessage> reply) {
      traceReceived(Rpc.PROPAGATE_DEPOSIT, request);
      if (nonNegative(request.getAmount(), reply)
          && !alreadyApplied(request, reply)
          && depositLocally(request.getAmount(), reply)) {
        answer(reply, SUCCESS, true);
      }
    }

    @Override
    public void propagateWithdraw(BranchRequest request, StreamObserver<ResponseMessage> reply) {
      traceReceived(Rpc.PROPAGATE_WITHDRAW, request);
      if (!nonNegative(request.getAmount(), reply) || alreadyApplied(request, reply)) {
        return;
      }
      try {
        balance.withdrawUnconditionally(request.getAmount());
      } catch (ArithmeticException e) {
        reply.onError(
            Status.OUT_OF_RANGE
                .withDescription("the balance would fall below " + Long.MIN_VALUE)
                .asException());
        return;
      }
      answer(reply, SUCCESS, true);
    }

    /** A retry of a propagation applied already: acknowledged again, applied no more. */
    private boolean alreadyApplied(BranchRequest request, StreamObserver<ResponseMessage> reply) {
      if (applied.firstTime(request.getBranchId(), request.getOperationId())) {
        return false;
      }
      answer(reply, SUCCESS, true);
      return true;
    }

    /** Applies a deposit here; on a bad amount answers the error and returns false. */
    private boolean depositLocally(int amount, StreamObserver<ResponseMessage> reply) {
      if (!nonNegative(amount, reply)) {
        return false;
      }
      try {
        balance.deposit(amount);
        return true;
      } catch (ArithmeticException e) {
        reply.onError(
            Status.OUT_OF_RANGE
                .withDescription("the balance would exceed " + Long.MAX_VALUE)
                .asException());
        return false;
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
