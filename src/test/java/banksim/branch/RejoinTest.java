package banksim.branch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.proto.BalanceQuery;
import banksim.proto.BankServiceGrpc;
import banksim.proto.BranchRequest;
import banksim.proto.CustomerRequest;
import banksim.proto.ResponseMessage;
import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Channel;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A branch that restarts takes the bank over from its live peers before it serves: invariant
 * "nothing acknowledged is lost, nothing is applied twice", on three in-process branches.
 */
@Tag("grpc")
class RejoinTest {
  private static final long INITIAL = 100;

  private final String prefix = "rejoin-" + System.nanoTime() + "-";
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final Map<Integer, BranchServer> branches = new HashMap<>();
  private final List<Peer> cluster = new ArrayList<>();
  private final PropagationPolicy policy = new PropagationPolicy(10_000, 0);

  @AfterEach
  void stopAll() throws Exception {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (BranchServer branch : branches.values()) {
      branch.stop();
    }
  }

  /** Branches 1 to 3; {@code onBranch1} stands in front of branch 1. */
  private void startAll(ServerInterceptor onBranch1) throws Exception {
    for (int id = 1; id <= 3; id++) {
      cluster.add(Peer.of(id, "in-process " + id, channel(id)));
    }
    for (int id = 1; id <= 3; id++) {
      InProcessServerBuilder builder = InProcessServerBuilder.forName(prefix + id);
      if (id == 1) {
        builder.intercept(onBranch1);
      }
      BranchServer branch = new BranchServer(id, INITIAL, builder, cluster, policy);
      branch.start();
      branches.put(id, branch);
    }
  }

  private void startAll() throws Exception {
    startAll(passThrough());
  }

  /** Stops branch 2 and starts it again, rejoining from branches 1 and 3; returns what it took. */
  private Rejoin.Joined restartBranch2() throws Exception {
    branches.remove(2).stop();
    BranchServer again =
        new BranchServer(2, INITIAL, InProcessServerBuilder.forName(prefix + 2), cluster, policy);
    Map<Integer, Channel> peers = Map.of(1, channel(1), 3, channel(3));
    Rejoin.Joined joined = Rejoin.from(peers, 5_000).orElseThrow();
    again.restore(joined);
    again.start();
    branches.put(2, again);
    return joined;
  }

  private ManagedChannel channel(int id) {
    ManagedChannel channel = InProcessChannelBuilder.forName(prefix + id).build();
    channels.add(channel);
    return channel;
  }

  private long balance(int id) {
    return Long.parseLong(
        BankServiceGrpc.newBlockingStub(channel(id))
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .query(BalanceQuery.newBuilder().setBranchId(id).build())
            .getMessage());
  }

  private void assertBalances(long expected) {
    for (int id = 1; id <= 3; id++) {
      assertEquals(expected, balance(id), "branch " + id);
    }
  }

  private ResponseMessage deliver(int branch, CustomerRequest request) {
    return BankServiceGrpc.newBlockingStub(channel(branch))
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .msgDelivery(request);
  }

  private static CustomerRequest deposit(int amount, long session, long sequence) {
    return CustomerRequest.newBuilder()
        .setCustomerId(1)
        .setEvent("deposit")
        .setAmount(amount)
        .setSession(session)
        .setSequence(sequence)
        .build();
  }

  @Test
  void aFreshBankHasNothingToTakeOver() throws Exception {
    startAll();

    assertTrue(Rejoin.from(Map.of(1, channel(1), 3, channel(3)), 5_000).isEmpty());
  }

  @Test
  void aRestartedBranchTakesTheBalanceAndAppliesARetryOfAnOldWriteNoMore() throws Exception {
    startAll();
    deliver(1, deposit(10, 0, 0));
    // A write of branch 3's earlier life (applied there, then propagated to branches 1 and 2);
    // its propagation's retry comes to branch 2 after the restart.
    BranchRequest old =
        BranchRequest.newBuilder()
            .setBranchId(3)
            .setAmount(5)
            .setOperationId(1_000L << 22 | 1)
            .build();
    BankServiceGrpc.newBlockingStub(channel(3))
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .deposit(CustomerRequest.newBuilder().setAmount(5).build());
    for (int id = 1; id <= 2; id++) {
      BankServiceGrpc.newBlockingStub(channel(id))
          .withDeadlineAfter(10, TimeUnit.SECONDS)
          .propagateDeposit(old);
    }

    Rejoin.Joined joined = restartBranch2();
    BankServiceGrpc.newBlockingStub(channel(2))
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .propagateDeposit(old);

    assertEquals(1, joined.from());
    assertBalances(INITIAL + 15);
  }

  @Test
  void aCustomerWriteSentAgainAtAnotherBranchIsAppliedOnceEverywhere() throws Exception {
    startAll();

    assertTrue(deliver(1, deposit(10, 42, 1)).getSuccess());
    assertTrue(deliver(2, deposit(10, 42, 1)).getSuccess(), "sent again: success, not applied");
    assertBalances(INITIAL + 10);
    assertTrue(deliver(3, deposit(10, 42, 2)).getSuccess(), "the session's next write");
    assertBalances(INITIAL + 20);
  }

  @Test
  void aWriteInFlightWhenTheBranchRestartedIsNotLost() throws Exception {
    Hold hold = new Hold();
    startAll(hold);
    // Branch 3's deposit reaches branch 2 (which acknowledges it, then restarts) while branch 1,
    // the snapshot's source, holds it.
    ListenableFuture<ResponseMessage> answer =
        BankServiceGrpc.newFutureStub(channel(3))
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .msgDelivery(deposit(10, 7, 1));
    hold.awaitHeld();
    while (balance(2) != INITIAL + 10) {
      Thread.onSpinWait(); // the propagation to branch 2 is not held: a matter of microseconds
    }

    Rejoin.Joined joined = restartBranch2();
    hold.release();

    assertEquals(1, joined.inFlight().size(), "branch 3's deposit, still in flight");
    assertEquals(INITIAL, joined.state().getBalance(), "branch 1 had not applied it yet");
    assertTrue(answer.get(30, TimeUnit.SECONDS).getSuccess());
    assertBalances(INITIAL + 10);
  }

  /** Holds every propagation that reaches its branch until released: a write still in flight. */
  private static final class Hold implements ServerInterceptor {
    private final List<Runnable> held = new ArrayList<>();
    private final CompletableFuture<Void> holding = new CompletableFuture<>();
    private boolean released;

    void awaitHeld() throws Exception {
      holding.get(10, TimeUnit.SECONDS);
    }

    synchronized void release() {
      released = true;
      held.forEach(Runnable::run);
      held.clear();
    }

    private synchronized void later(Runnable step) {
      if (released) {
        step.run();
      } else {
        held.add(step);
        holding.complete(null);
      }
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
      ServerCall.Listener<Q> listener = next.startCall(call, headers);
      if (!call.getMethodDescriptor().getBareMethodName().startsWith("Propagate_")) {
        return listener;
      }
      return new SimpleForwardingServerCallListener<>(listener) {
        @Override
        public void onMessage(Q message) {
          later(() -> delegate().onMessage(message));
        }

        @Override
        public void onHalfClose() {
          later(() -> delegate().onHalfClose());
        }
      };
    }
  }

  private static ServerInterceptor passThrough() {
    return new ServerInterceptor() {
      @Override
      public <Q, A> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
        return next.startCall(call, headers);
      }
    };
  }
}
