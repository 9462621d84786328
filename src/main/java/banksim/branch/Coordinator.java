package banksim.branch;

import banksim.proto.Decision;
import banksim.proto.Vote;
import banksim.proto.Write;
import banksim.trace.Participant;
import banksim.trace.Rpc;
import banksim.trace.TraceEvent;
import banksim.trace.Tracer;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * {@code --propagation strong}: the coordinator, the branch with the lowest id, takes every
 * customer write of the bank, one at a time in the order they come. It decides a withdrawal on its
 * own balance, which every replica shares (in this mode nothing else changes them), asks every
 * other branch to prepare the write, and commits it everywhere once all did, or aborts it
 * everywhere. Messages per write at N branches: the customer's call and answer (2), the hand-over
 * to the coordinator and its answer (2; none where the customer called the coordinator), Prepare
 * and Commit to the N-1 others with their answers (4(N-1)): 88 at 22 branches, against 44 for sync.
 */
final class Coordinator {
  private record Pending(Write write, Consumer<Decision> decided) {}

  /** The calls of the two-phase commit. */
  private enum Phase {
    PREPARE(Rpc.PREPARE),
    COMMIT(Rpc.COMMIT),
    ABORT(Rpc.ABORT);

    final Rpc rpc;

    Phase(Rpc rpc) {
      this.rpc = rpc;
    }
  }

  private final int id;
  private final Replica replica;
  private final List<Peer> peers;
  private final PropagationPolicy policy;
  private final Tracer tracer;
  private final Deque<Pending> queue = new ArrayDeque<>();
  private boolean busy;

  Coordinator(int id, Replica replica, List<Peer> peers, PropagationPolicy policy, Tracer tracer) {
    this.id = id;
    this.tracer = tracer;
    this.replica = replica;
    this.peers = peers;
    this.policy = policy;
  }

  /** Decides a write in its turn; {@code decided} hears the decision, on some thread. */
  void order(Write write, Consumer<Decision> decided) {
    synchronized (this) {
      queue.add(new Pending(write, decided));
      if (busy) {
        return;
      }
      busy = true;
    }
    next();
  }

  private void next() {
    Pending pending;
    synchronized (this) {
      pending = queue.poll();
      if (pending == null) {
        busy = false;
        return;
      }
    }
    // Outside every call's context: the calls it makes outlive the one that brought the write.
    Context.ROOT.run(() -> decide(pending));
  }

  private void decide(Pending pending) {
    Write asked = pending.write();
    if (!asked.getDeposit() && asked.getAmount() > replica.get()) {
      finish(pending, Decision.newBuilder().setDeclined(true).build());
      return;
    }
    Write write =
        asked.toBuilder().setOrigin(id).setOperationId(replica.reserveOperation()).build();
    everyPeer(
        Phase.PREPARE,
        write,
        0,
        failures -> {
          if (!failures.isEmpty()) {
            everyPeer(
                Phase.ABORT,
                write,
                0,
                ignored ->
                    finish(
                        pending,
                        Decision.newBuilder()
                            .setReason(
                                "not applied anywhere: "
                                    + String.join("; ", failures)
                                    + " did not prepare it")
                            .build()));
            return;
          }
          replica.applyDecided(write);
          replica.wakeWaiters();
          everyPeer(
              Phase.COMMIT,
              write,
              policy.retries(),
              commitFailures ->
                  finish(
                      pending,
                      commitFailures.isEmpty()
                          ? Decision.newBuilder()
                              .setApplied(true)
                              .setOperationId(write.getOperationId())
                              .build()
                          : Decision.newBuilder()
                              .setReason(
                                  "committed, but "
                                      + String.join("; ", commitFailures)
                                      + " did not confirm it")
                              .build()));
        });
  }

  /** The coordinator's messages carry no Lamport clock: they are not events of SPEC section 7. */
  private void trace(TraceEvent event, Write write) {
    if (tracer.enabled()) {
      tracer.record(
          event
              .withAmount(write.getAmount())
              .withOp(write.getOperationId() == 0 ? null : write.getOperationId()));
    }
  }

  private void finish(Pending pending, Decision decision) {
    pending.decided().accept(decision);
    next();
  }

  /**
   * Sends one phase to every other branch at once; {@code done} hears, once all answered, which
   * ones failed ("branch 3 (UNAVAILABLE)"). A call that got no answer is sent again up to {@code
   * retries} times: each phase is idempotent.
   */
  private void everyPeer(Phase phase, Write write, int retries, Consumer<List<String>> done) {
    if (peers.isEmpty()) {
      done.accept(List.of());
      return;
    }
    AtomicInteger outstanding = new AtomicInteger(peers.size());
    List<String> failures = new ArrayList<>();
    for (Peer peer : peers) {
      call(
          phase,
          peer,
          write,
          retries,
          failure -> {
            if (failure != null) {
              synchronized (failures) {
                failures.add("branch " + peer.id() + " (" + failure + ")");
              }
            }
            if (outstanding.decrementAndGet() == 0) {
              done.accept(List.copyOf(failures));
            }
          });
    }
  }

  private void call(
      Phase phase, Peer peer, Write write, int retriesLeft, Consumer<String> answered) {
    Participant self = Participant.branch(id);
    Participant other = Participant.branch(peer.id());
    trace(TraceEvent.send(phase.rpc, self, other), write);
    StreamObserver<Vote> vote =
        new StreamObserver<>() {
          @Override
          public void onNext(Vote value) {
            trace(TraceEvent.reply(phase.rpc, other, self, value.getOk() ? "ok" : "no"), write);
            answered.accept(value.getOk() ? null : "voted no");
          }

          @Override
          public void onError(Throwable t) {
            Status status = Status.fromThrowable(t);
            trace(TraceEvent.reply(phase.rpc, other, self, "error: " + status.getCode()), write);
            if (Propagator.noAnswer(status) && retriesLeft > 0) {
              call(phase, peer, write, retriesLeft - 1, answered);
            } else {
              answered.accept(status.getCode().toString());
            }
          }

          @Override
          public void onCompleted() {
            // The vote came with onNext.
          }
        };
    var stub =
        peer.replication()
            .withWaitForReady()
            .withDeadlineAfter(policy.deadlineMillis(), TimeUnit.MILLISECONDS);
    switch (phase) {
      case PREPARE -> stub.prepare(write, vote);
      case COMMIT -> stub.commit(write, vote);
      case ABORT -> stub.abort(write, vote);
    }
  }
}
