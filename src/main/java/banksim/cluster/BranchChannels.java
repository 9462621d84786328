package banksim.cluster;

import banksim.proto.BankServiceGrpc;
import banksim.proto.BankServiceGrpc.BankServiceBlockingStub;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ConnectivityState;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.InternalNettyChannelBuilder;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * One client channel per branch for the whole JVM, used by every branch that propagates to it and
 * by every customer that calls it. A channel per sender would cost N(N-1) connections.
 */
final class BranchChannels implements AutoCloseable {
  private static final long CLOSE_GRACE_MILLIS = 5_000;

  private final Map<Integer, ManagedChannel> channels = new LinkedHashMap<>();
  private final Map<Integer, String> addresses = new LinkedHashMap<>();
  private final Map<Integer, BankServiceBlockingStub> blockingStubs = new LinkedHashMap<>();

  private final Map<Integer, InetSocketAddress> socketAddresses;
  private final EventLoops loops;
  private final SslContext tls;

  /** What to check where channels with TLS do not connect: a failed handshake looks the same. */
  private final String tlsHint;

  /**
   * Creates the channels; they connect when {@link #connectAll} asks them to.
   *
   * @param tls the client side of mutual TLS, or null for plaintext
   */
  BranchChannels(
      Map<Integer, InetSocketAddress> branchAddresses, EventLoops loops, SslContext tls) {
    this.socketAddresses = Map.copyOf(branchAddresses);
    this.loops = loops;
    this.tls = tls;
    this.tlsHint =
        tls == null
            ? ""
            : "; with --tls, check that each branch's certificate names its host as the cluster"
                + " file does and that every host's files come from one run of 'bank-sim certs'";
    branchAddresses.forEach(
        (id, address) -> {
          ManagedChannel channel = newChannel(address);
          channels.put(id, channel);
          addresses.put(id, BranchAddresses.show(address));
          blockingStubs.put(id, BankServiceGrpc.newBlockingStub(channel));
        });
  }

  // An InetSocketAddress target skips name resolution (and its threads) entirely.
  // SO_LINGER 0: closing resets the connection instead of leaving the client port in
  // TIME_WAIT for a minute. Client ports come from Linux's 32768-60999, where branches
  // listen (50000+): a lingering one would keep the next run's branch from starting.
  // disableRetry: gRPC's transparent retry buffers every call for a replay it never needs
  // here, at a measurable cost per propagation.
  // Stats and tracing off: without grpc-census gRPC records nothing, but it still looks for
  // census with a failing class look-up for every channel it builds.
  // With TLS the authority is the address as the cluster names it, which the server's
  // certificate must name too (gRPC verifies the host name).
  private ManagedChannel newChannel(InetSocketAddress address) {
    NettyChannelBuilder builder =
        NettyChannelBuilder.forAddress(address)
            .eventLoopGroup(loops.group())
            .channelType(loops.clientChannel())
            .withOption(ChannelOption.SO_LINGER, 0)
            .directExecutor()
            .disableRetry();
    InternalNettyChannelBuilder.setStatsEnabled(builder, false);
    InternalNettyChannelBuilder.setTracingEnabled(builder, false);
    return (tls == null ? builder.usePlaintext() : builder.sslContext(tls)).build();
  }

  /**
   * Channels of their own to the given branches, for the caller to shut down: a call to a branch
   * that is down leaves a channel backing off for seconds, which the shared ones must not.
   */
  Map<Integer, ManagedChannel> probes(Collection<Integer> ids) {
    Map<Integer, ManagedChannel> probes = new LinkedHashMap<>();
    ids.forEach(id -> probes.put(id, newChannel(socketAddresses.get(id))));
    return probes;
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
      List<Integer> notReady =
          ready.entrySet().stream()
              .filter(
                  entry ->
                      !entry.getValue().isDone() || entry.getValue().isCompletedExceptionally())
              .map(Map.Entry::getKey)
              .toList();
      throw new RunFailedException(
          "no connection within " + timeoutMillis + " ms to " + describe(notReady) + tlsHint, e);
    }
  }

  /**
   * Waits until every given branch is ready, however long it takes to start, up to the timeout; or
   * until {@code failed} completes (say, with a branch process that died before it was ready),
   * whose failure is then thrown. A branch is ready when the standard gRPC health service ({@code
   * grpc.health.v1.Health}) answers SERVING, or, for a branch without one (one written to the seed
   * report: the check fails UNIMPLEMENTED, so the server is up and answers), when its channel is
   * READY. A branch that answers NOT_SERVING is waited for until it says SERVING.
   *
   * @throws RunFailedException naming the branches that did not become ready, and what they said
   */
  void awaitServing(
      Collection<Integer> ids, long timeoutMillis, CompletableFuture<RunFailedException> failed)
      throws RunFailedException, InterruptedException {
    Deadline deadline = Deadline.after(timeoutMillis, TimeUnit.MILLISECONDS);
    Map<Integer, Readiness> waits = new LinkedHashMap<>();
    for (int id : ids) {
      Readiness readiness = new Readiness(channels.get(id), deadline);
      waits.put(id, readiness);
      readiness.check();
    }
    CompletableFuture<Void> all =
        CompletableFuture.allOf(
            waits.values().stream().map(w -> w.ready).toArray(CompletableFuture[]::new));
    try {
      CompletableFuture.anyOf(all, failed).get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // A branch did not become ready: named below.
    }
    if (failed.isDone()) {
      throw failed.join();
    }
    List<Integer> down =
        waits.entrySet().stream()
            .filter(
                entry ->
                    !entry.getValue().ready.isDone()
                        || entry.getValue().ready.isCompletedExceptionally())
            .map(Map.Entry::getKey)
            .toList();
    if (!down.isEmpty()) {
      StringBuilder message =
          new StringBuilder(
              describe(down)
                  + " did not become ready within "
                  + timeoutMillis
                  + " ms (waited for a connection, then SERVING from "
                  + HealthGrpc.SERVICE_NAME
                  + " where the branch has it)");
      Map<String, List<Integer>> byAnswer =
          down.stream()
              .filter(id -> waits.get(id).answered != null)
              .collect(
                  Collectors.groupingBy(
                      id -> waits.get(id).answered, LinkedHashMap::new, Collectors.toList()));
      byAnswer.forEach(
          (answer, answering) ->
              message
                  .append(
                      answering.size() == 1
                          ? "; branch " + answering.get(0) + " was"
                          : "; branches "
                              + answering.stream()
                                  .map(String::valueOf)
                                  .collect(Collectors.joining(", "))
                              + " were")
                  .append(" reachable but answered ")
                  .append(answer));
      if (down.stream().anyMatch(id -> waits.get(id).answered == null)) {
        message.append(tlsHint);
      }
      throw new RunFailedException(message.toString(), null);
    }
  }

  /** "branch 3 at 127.0.0.1:50003", or "branches 3 at ..., 4 at ..." (the first 10). */
  private String describe(List<Integer> ids) {
    List<String> named = ids.stream().limit(10).map(id -> id + " at " + addresses.get(id)).toList();
    return (ids.size() == 1 ? "branch " : "branches ")
        + String.join(", ", named)
        + (ids.size() > 10 ? " and " + (ids.size() - 10) + " more" : "");
  }

  /**
   * Waiting for one branch to become ready: {@code ready} completes once it is, and fails at the
   * deadline or when the health check fails otherwise.
   */
  private static final class Readiness {
    private static final HealthCheckRequest OVERALL = HealthCheckRequest.getDefaultInstance();

    /** Calls lost with their connection, asked again: a few, for a branch that restarts. */
    private static final int MAX_ASKED_AGAIN = 20;

    final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final AtomicInteger askedAgain = new AtomicInteger();

    /** The last answer other than SERVING, if the branch gave one: it was reachable. */
    volatile String answered;

    private final ManagedChannel channel;
    private final Deadline deadline;

    Readiness(ManagedChannel channel, Deadline deadline) {
      this.channel = channel;
      this.deadline = deadline;
    }

    void check() {
      ListenableFuture<HealthCheckResponse> check =
          HealthGrpc.newFutureStub(channel)
              .withWaitForReady()
              .withDeadline(deadline)
              .check(OVERALL);
      Futures.addCallback(
          check,
          new FutureCallback<>() {
            @Override
            public void onSuccess(HealthCheckResponse response) {
              if (response.getStatus() == ServingStatus.SERVING) {
                ready.complete(null);
              } else {
                answered = response.getStatus().name();
                watch();
              }
            }

            @Override
            public void onFailure(Throwable t) {
              Status.Code code = Status.fromThrowable(t).getCode();
              if (lostConnection(code)) {
                check(); // the branch went down under the call: wait for it again
              } else if (code == Status.Code.UNIMPLEMENTED) {
                var unused = whenReady(channel).whenComplete((ok, e) -> settle(e));
              } else {
                if (code != Status.Code.DEADLINE_EXCEEDED
                    && code != Status.Code.UNAVAILABLE
                    && code != Status.Code.CANCELLED) {
                  answered = code.name();
                }
                ready.completeExceptionally(t);
              }
            }
          },
          MoreExecutors.directExecutor());
    }

    /**
     * Follows the branch's status until SERVING. A health service without Watch (it is optional) is
     * asked again with Check, as often as it answers, up to the deadline.
     */
    private void watch() {
      HealthGrpc.newStub(channel)
          .withWaitForReady()
          .withDeadline(deadline)
          .watch(
              OVERALL,
              new ClientResponseObserver<HealthCheckRequest, HealthCheckResponse>() {
                private ClientCallStreamObserver<HealthCheckRequest> call;

                @Override
                public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> call) {
                  this.call = call;
                }

                @Override
                public void onNext(HealthCheckResponse response) {
                  if (response.getStatus() == ServingStatus.SERVING) {
                    ready.complete(null);
                    call.cancel("the branch is SERVING", null);
                  } else {
                    answered = response.getStatus().name();
                  }
                }

                @Override
                public void onError(Throwable t) {
                  if (ready.isDone()) {
                    return;
                  }
                  Status.Code code = Status.fromThrowable(t).getCode();
                  if (code == Status.Code.UNIMPLEMENTED || lostConnection(code)) {
                    check();
                  } else {
                    ready.completeExceptionally(t);
                  }
                }

                @Override
                public void onCompleted() {
                  if (!ready.isDone()) {
                    check();
                  }
                }
              });
    }

    /**
     * A call that was on its way when the connection went (the branch was killed and may start
     * again) is asked again while the deadline allows: each new call waits for a connection.
     */
    private boolean lostConnection(Status.Code code) {
      return (code == Status.Code.UNAVAILABLE || code == Status.Code.UNKNOWN)
          && !deadline.isExpired()
          && !channel.isShutdown() // the run is stopping: a new call would fail at once
          && askedAgain.incrementAndGet() <= MAX_ASKED_AGAIN;
    }

    private void settle(Throwable failure) {
      if (failure == null) {
        ready.complete(null);
      } else {
        ready.completeExceptionally(failure);
      }
    }
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
