package banksim.branch;

import banksim.proto.InFlightRequest;
import banksim.proto.ReplicaState;
import banksim.proto.ReplicationGrpc;
import banksim.proto.SnapshotRequest;
import banksim.proto.Write;
import banksim.proto.Writes;
import io.grpc.Channel;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a restarted branch takes the bank over from its live peers before it serves again, so that no
 * write acknowledged while it was away is missing and none is applied twice.
 *
 * <p>First every live peer says which of its own writes are still in flight, then one peer gives
 * its replica. In this order nothing falls between: a write that left the in-flight list before the
 * snapshot was acknowledged by every peer, the snapshot's source included; a write that started
 * after the list was taken reaches this branch itself, once it listens. The writes in flight that
 * the snapshot holds already are skipped by their operation ids.
 */
public final class Rejoin {
  /** What a restarted branch takes over: {@code state} from branch {@code from}. */
  public record Joined(int from, ReplicaState state, List<Write> inFlight) {}

  private Rejoin() {}

  /**
   * Asks the peers, each call within the deadline.
   *
   * @param peers every other branch's channel, by id
   * @return empty when no peer answered, or none applied a write yet (the bank is starting: the
   *     input's balance holds)
   */
  public static Optional<Joined> from(Map<Integer, Channel> peers, long deadlineMillis)
      throws InterruptedException {
    Map<Integer, CompletableFuture<Writes>> asked = new TreeMap<>();
    peers.forEach(
        (id, channel) -> {
          CompletableFuture<Writes> answer = new CompletableFuture<>();
          stub(channel, deadlineMillis)
              .inFlight(InFlightRequest.getDefaultInstance(), into(answer));
          asked.put(id, answer);
        });
    List<Integer> live = new ArrayList<>();
    List<Write> inFlight = new ArrayList<>();
    for (var entry : asked.entrySet()) {
      answerOf(entry.getValue(), deadlineMillis)
          .ifPresent(
              writes -> {
                live.add(entry.getKey());
                inFlight.addAll(writes.getWritesList());
              });
    }
    for (int id : live) {
      CompletableFuture<ReplicaState> state = new CompletableFuture<>();
      stub(peers.get(id), deadlineMillis)
          .snapshot(SnapshotRequest.getDefaultInstance(), into(state));
      Optional<ReplicaState> answer = answerOf(state, deadlineMillis);
      if (answer.isPresent() && (answer.get().getAppliedCount() > 0 || !inFlight.isEmpty())) {
        return Optional.of(new Joined(id, answer.get(), inFlight));
      }
    }
    return Optional.empty();
  }

  private static ReplicationGrpc.ReplicationStub stub(Channel channel, long deadlineMillis) {
    return ReplicationGrpc.newStub(channel)
        .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
  }

  /** The answer, or empty for a peer that is down, has no such service, or failed. */
  private static <T> Optional<T> answerOf(CompletableFuture<T> answer, long deadlineMillis)
      throws InterruptedException {
    try {
      // The call's own deadline ends it first; this one only guards against a lost callback.
      return Optional.of(answer.get(deadlineMillis + 1_000, TimeUnit.MILLISECONDS));
    } catch (ExecutionException | TimeoutException e) {
      return Optional.empty();
    }
  }

  private static <T> StreamObserver<T> into(CompletableFuture<T> future) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        future.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        future.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        // The value came with onNext.
      }
    };
  }
}
