package banksim.branch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.proto.BankServiceGrpc;
import banksim.proto.BranchRequest;
import banksim.proto.CustomerRequest;
import banksim.proto.ResponseMessage;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A peer whose first propagation calls go unanswered makes the origin retry, and every replica
 * still applies each write exactly once.
 */
@Tag("grpc")
class RetryTest {
  private static final long DEADLINE_MILLIS = 200;

  private final String prefix = "retry-" + System.nanoTime() + "-";
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<BranchServer> branches = new ArrayList<>();
  private final ScheduledExecutorService late = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() throws Exception {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (BranchServer branch : branches) {
      branch.stop();
    }
    late.shutdownNow();
  }

  /** Fails the first {@code n} propagations without running them: a lost request. */
  private static ServerInterceptor dropFirst(int n, AtomicInteger seen) {
    return new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        if (call.getMethodDescriptor().getBareMethodName().startsWith("Propagate_")
            && seen.incrementAndGet() <= n) {
          call.close(Status.UNAVAILABLE.withDescription("dropped by the test"), new Metadata());
          return new ServerCall.Listener<>() {};
        }
        return next.startCall(call, headers);
      }
    };
  }

  /** Runs the first {@code n} propagations but answers after the deadline: a lost answer. */
  private ServerInterceptor answerLateFirst(int n, AtomicInteger seen) {
    return new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        if (!call.getMethodDescriptor().getBareMethodName().startsWith("Propagate_")
            || seen.incrementAndGet() > n) {
          return next.startCall(call, headers);
        }
        return next.startCall(
            new SimpleForwardingServerCall<>(call) {
              @Override
              public void close(Status status, Metadata trailers) {
                var unused =
                    late.schedule(
                        () -> delegate().close(status, trailers),
                        3 * DEADLINE_MILLIS,
                        TimeUnit.MILLISECONDS);
              }
            },
            headers);
      }
    };
  }

  /** Branch 1 (the origin) and branch 2 behind the interceptor; returns both. */
  private List<BranchServer> start(ServerInterceptor onBranch2, int retries) throws Exception {
    List<Peer> cluster = new ArrayList<>();
    for (int id = 1; id <= 2; id++) {
      ManagedChannel channel = InProcessChannelBuilder.forName(prefix + id).build();
      channels.add(channel);
      cluster.add(Peer.of(id, "in-process " + id, channel));
    }
    PropagationPolicy policy = new PropagationPolicy(DEADLINE_MILLIS, retries);
    branches.add(
        new BranchServer(1, 100, InProcessServerBuilder.forName(prefix + 1), cluster, policy));
    branches.add(
        new BranchServer(
            2,
            100,
            InProcessServerBuilder.forName(prefix + 2).intercept(onBranch2),
            cluster,
            policy));
    for (BranchServer branch : branches) {
      branch.start();
    }
    return branches;
  }

  private ResponseMessage send(String event, int amount) {
    return BankServiceGrpc.newBlockingStub(channels.get(0))
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .msgDelivery(
            CustomerRequest.newBuilder()
                .setCustomerId(1)
                .setEvent(event)
                .setAmount(amount)
                .build());
  }

  @Test
  void lostRequestsAreRetried() throws Exception {
    AtomicInteger seen = new AtomicInteger();
    start(dropFirst(2, seen), 3);

    assertTrue(send("deposit", 10).getSuccess());
    assertTrue(send("withdraw", 30).getSuccess());

    assertEquals(List.of(80L, 80L), branches.stream().map(BranchServer::balance).toList());
    assertEquals(4, seen.get(), "two dropped, then one each that got through");
  }

  @Test
  void aRetryOfAWriteWhoseAnswerWasLostIsAppliedOnce() throws Exception {
    AtomicInteger seen = new AtomicInteger();
    start(answerLateFirst(2, seen), 3);

    assertTrue(send("deposit", 10).getSuccess());
    assertTrue(send("withdraw", 30).getSuccess());

    assertEquals(List.of(80L, 80L), branches.stream().map(BranchServer::balance).toList());
    assertTrue(seen.get() >= 4, "the late calls were retried: " + seen.get());
  }

  @Test
  void retriesRunOutAndTheWriteFailsNamingThePeer() throws Exception {
    start(dropFirst(100, new AtomicInteger()), 2);

    StatusRuntimeException e =
        assertThrows(StatusRuntimeException.class, () -> send("deposit", 10));

    assertEquals(Status.Code.ABORTED, e.getStatus().getCode());
    assertEquals(
        "propagation to branch 2 at in-process 2 failed: UNAVAILABLE (dropped by the"
            + " test) (3 attempts)",
        e.getStatus().getDescription());
  }

  @Test
  void aSeedClientsRequestWithoutAnOperationIdIsAppliedEachTime() throws Exception {
    start(dropFirst(0, new AtomicInteger()), 0);
    var peer = BankServiceGrpc.newBlockingStub(channels.get(1));
    BranchRequest seedRequest = BranchRequest.newBuilder().setBranchId(1).setAmount(5).build();

    peer.propagateDeposit(seedRequest);
    peer.propagateDeposit(seedRequest);

    assertEquals(110, branches.get(1).balance());
  }
}
