package banksim.cluster;

import banksim.proto.BankServiceGrpc;
import banksim.proto.BankServiceGrpc.BankServiceBlockingStub;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ConnectivityState;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One client channel per branch for the whole JVM, used by every branch that propagates to it and
 * by every customer that calls it. A channel per sender would cost N(N-1) connections.
 */
final class BranchChannels implements AutoCloseable {
  private static final long CLOSE_GRACE_MILLIS = 5_000;

  private final Map<Integer, ManagedChannel> channels = new LinkedHashMap<>();
  private final Map<Integer, String> addresses = new LinkedHashMap<>();
  private final Map<Integer, BankServiceBlockingStub> blockingStubs = new LinkedHashMap<>();

  /** Creates the channels; they connect when {@link #connectAll} asks them to. */
  BranchChannels(Map<Integer, InetSocketAddress> branchAddresses, EventLoops loops) {
    branchAddresses.forEach((id, address) -> {
      // An InetSocketAddress target skips name resolution (and its threads) entirely.
      // SO_LINGER 0: closing resets the connection instead of leaving the client port in
      // TIME_WAIT for a minute. Client ports come from Linux's 32768-60999, where branches
      // listen (50000+): a lingering one would keep the next run's branch from starting.
      // disableRetry: gRPC's transparent retry buffers every call for a replay it never needs
      // here, at a measurable cost per propagation.
      ManagedChannel channel = NettyChannelBuilder.forAddress(address)
          .eventLoopGroup(loops.group())
          .channelType(loops.clientChannel())
          .withOption(ChannelOption.SO_LINGER, 0)
          .usePlaintext()
          .directExecutor()
          .disableRetry()
          .build();
      channels.put(id, channel);
      addresses.put(id, BranchAddresses.show(address));
      blockingStubs.put(id, BankServiceGrpc.newBlockingStub(channel));
    });
  }

  ManagedChannel channel(int branchId) {
    return channels.get(branchId);
  }

  String address(int branchId) {
    return addresses.get(branchId);
  }

  BankServiceBlockingStub blockingStub(int branchId) {
    return blockingStubs.get(branchId);
  }

  /** Connects every channel at once and waits until all are READY. */
  void connectAll(long timeoutMillis) throws RunFailedException, InterruptedException {
    Map<Integer, CompletableFuture<Void>> ready = new LinkedHashMap<>();
    channels.forEach((id, channel) -> ready.put(id, whenReady(channel)));
    try {
      CompletableFuture.allOf(ready.values().toArray(CompletableFuture[]::new))
          .get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      List<Integer> notReady = ready.entrySet().stream()
          .filter(entry -> !entry.getValue().isDone() || entry.getValue().isCompletedExceptionally())
          .map(Map.Entry::getKey)
          .toList();
      throw new RunFailedException(
          "no connection within " + timeoutMillis + " ms to " + describe(notReady), e);
    }
  }

  /**
   * Waits until every given branch reports SERVING on the gRPC health service, however long it
   * takes to start, up to the timeout; or until {@code failed} completes (say, with a branch
   * process that died before it was ready), whose failure is then thrown.
   *
   * @throws RunFailedException naming the branches that did not come up
   */
  void awaitServing(Collection<Integer> ids, long timeoutMillis,
      CompletableFuture<RunFailedException> failed)
      throws RunFailedException, InterruptedException {
    Map<Integer, CompletableFuture<Void>> serving = new LinkedHashMap<>();
    for (int id : ids) {
      serving.put(id, serving(id, timeoutMillis));
    }
    CompletableFuture<Void> all =
        CompletableFuture.allOf(serving.values().toArray(CompletableFuture[]::new));
    try {
      CompletableFuture.anyOf(all, failed).get();
    } catch (ExecutionException e) {
      // A branch did not come up: named below.
    }
    if (failed.isDone()) {
      throw failed.join();
    }
    List<Integer> down = serving.entrySet().stream()
        .filter(entry -> entry.getValue().isCompletedExceptionally())
        .map(Map.Entry::getKey)
        .toList();
    if (!down.isEmpty()) {
      throw new RunFailedException(describe(down) + " did not report SERVING within "
          + timeoutMillis + " ms", null);
    }
  }

  /** "branch 3 at 127.0.0.1:50003", or "branches 3 at ..., 4 at ..." (the first 10). */
  private String describe(List<Integer> ids) {
    List<String> named = ids.stream().limit(10).map(id -> id + " at " + addresses.get(id)).toList();
    return (ids.size() == 1 ? "branch " : "branches ") + String.join(", ", named)
        + (ids.size() > 10 ? " and " + (ids.size() - 10) + " more" : "");
  }

  /** Completes once the branch's health service answers SERVING; fails at the deadline. */
  private CompletableFuture<Void> serving(int id, long timeoutMillis) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    ListenableFuture<HealthCheckResponse> check = HealthGrpc.newFutureStub(channels.get(id))
        .withWaitForReady()
        .withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)
        .check(HealthCheckRequest.getDefaultInstance());
    Futures.addCallback(check, new FutureCallback<>() {
      @Override
      public void onSuccess(HealthCheckResponse response) {
        if (response.getStatus() == HealthCheckResponse.ServingStatus.SERVING) {
          result.complete(null);
        } else {
          result.completeExceptionally(new IllegalStateException(response.getStatus().name()));
        }
      }

      @Override
      public void onFailure(Throwable t) {
        result.completeExceptionally(t);
      }
    }, MoreExecutors.directExecutor());
    return result;
  }

  private static CompletableFuture<Void> whenReady(ManagedChannel channel) {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    watch(channel, ready);
    return ready;
  }

  private static void watch(ManagedChannel channel, CompletableFuture<Void> ready) {
    ConnectivityState state = channel.getState(true);
    switch (state) {
      case READY -> ready.complete(null);
      case SHUTDOWN -> ready.completeExceptionally(new IllegalStateException("channel shut down"));
      default -> channel.notifyWhenStateChanged(state, () -> watch(channel, ready));
    }
  }

  /** Tries to connect to the branch now, however long the back-off after a failed attempt. */
  void reconnectNow(int branchId) {
    channels.get(branchId).resetConnectBackoff();
  }

  /** Fails every call in flight and every later one, at once. */
  void abort() {
    channels.values().forEach(ManagedChannel::shutdownNow);
  }

  /** Shuts every channel down, then waits for all of them. */
  @Override
  public void close() throws InterruptedException {
    channels.values().forEach(ManagedChannel::shutdown);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_GRACE_MILLIS);
    for (ManagedChannel channel : channels.values()) {
      long left = deadline - System.nanoTime();
      if (!channel.awaitTermination(Math.max(0, left), TimeUnit.NANOSECONDS)) {
        channel.shutdownNow();
      }
    }
  }
}
