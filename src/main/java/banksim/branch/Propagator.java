package banksim.branch;

import banksim.proto.BranchRequest;
import banksim.proto.ResponseMessage;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends one write to every other branch at once and reports when the last one acknowledged, or
 * the first failure. Nothing blocks: the callback runs on the thread of the last answer.
 */
final class Propagator {
  /** What the caller does once every peer answered. */
  interface Completion {
    void acknowledged();

    void failed(Status status);
  }

  private final int originId;
  private final List<Peer> peers;
  private final long deadlineMillis;

  /** @param cluster every branch of the cluster; the origin itself is skipped */
  Propagator(int originId, List<Peer> cluster, long deadlineMillis) {
    this.originId = originId;
    this.peers = cluster.stream().filter(peer -> peer.id() != originId).toList();
    this.deadlineMillis = deadlineMillis;
  }

  void propagate(boolean deposit, int amount, Completion completion) {
    if (peers.isEmpty()) {
      completion.acknowledged();
      return;
    }
    BranchRequest request =
        BranchRequest.newBuilder().setBranchId(originId).setAmount(amount).build();
    AtomicInteger outstanding = new AtomicInteger(peers.size());
    AtomicBoolean failed = new AtomicBoolean();
    for (Peer peer : peers) {
      StreamObserver<ResponseMessage> ack = new StreamObserver<>() {
        @Override
        public void onNext(ResponseMessage reply) {}

        @Override
        public void onError(Throwable t) {
          if (failed.compareAndSet(false, true)) {
            Status status = Status.fromThrowable(t);
            String what = status.getCode() == Status.Code.DEADLINE_EXCEEDED
                ? "got no answer within " + deadlineMillis + " ms"
                : "failed: " + status.getCode()
                    + (status.getDescription() == null ? "" : " (" + status.getDescription() + ")");
            completion.failed(Status.UNAVAILABLE
                .withDescription("propagation to branch " + peer.id() + " at " + peer.address()
                    + " " + what)
                .withCause(t));
          }
        }

        @Override
        public void onCompleted() {
          if (outstanding.decrementAndGet() == 0 && !failed.get()) {
            completion.acknowledged();
          }
        }
      };
      // Wait for ready: a peer that is still starting (in its own process) gets the call once
      // it listens, up to the deadline, instead of failing it at once.
      var stub = peer.stub().withWaitForReady()
          .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS);
      if (deposit) {
        stub.propagateDeposit(request, ack);
      } else {
        stub.propagateWithdraw(request, ack);
      }
    }
  }
}
