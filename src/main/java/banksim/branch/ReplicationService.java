package banksim.branch;

import banksim.proto.Decision;
import banksim.proto.DrainRequest;
import banksim.proto.Drained;
import banksim.proto.InFlightRequest;
import banksim.proto.ReplicaState;
import banksim.proto.ReplicationGrpc;
import banksim.proto.SnapshotRequest;
import banksim.proto.Vote;
import banksim.proto.Write;
import banksim.proto.Writes;
import banksim.trace.Participant;
import banksim.trace.Rpc;
import banksim.trace.TraceEvent;
import banksim.trace.Tracer;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** What a restarted peer asks of a live branch before it serves again (see {@link Rejoin}). */
final class ReplicationService extends ReplicationGrpc.ReplicationImplBase {
  private final Participant self;
  private final Tracer tracer;
  private final Replica replica;
  private final Propagator propagator;
  private final Coordinator coordinator;

  /** Writes of strong prepared here, by operation id, until their commit or abort. */
  private final Map<Long, Write> prepared = new ConcurrentHashMap<>();

  ReplicationService(
      int id, Replica replica, Propagator propagator, Coordinator coordinator, Tracer tracer) {
    this.self = Participant.branch(id);
    this.tracer = tracer;
    this.replica = replica;
    this.propagator = propagator;
    this.coordinator = coordinator;
  }

  @Override
  public void order(Write request, StreamObserver<Decision> reply) {
    traceReceived(Rpc.ORDER, request);
    coordinator.order(
        request,
        decision -> {
          reply.onNext(decision);
          reply.onCompleted();
        });
  }

  @Override
  public void prepare(Write request, StreamObserver<Vote> reply) {
    traceReceived(Rpc.PREPARE, request);
    prepared.put(request.getOperationId(), request);
    vote(reply);
  }

  /** Applies a prepared write as the coordinator decided; a commit sent again applies nothing. */
  @Override
  public void commit(Write request, StreamObserver<Vote> reply) {
    traceReceived(Rpc.COMMIT, request);
    prepared.remove(request.getOperationId());
    try {
      if (replica.propagated(request, 0) != null) {
        replica.wakeWaiters();
      }
    } catch (ArithmeticException e) {
      reply.onError(
          Status.OUT_OF_RANGE
              .withDescription("the balance would leave the range of a long")
              .asException());
      return;
    }
    vote(reply);
  }

  @Override
  public void abort(Write request, StreamObserver<Vote> reply) {
    traceReceived(Rpc.ABORT, request);
    prepared.remove(request.getOperationId());
    vote(reply);
  }

  /** Strong's messages carry no Lamport clock: they are not events of SPEC section 7. */
  private void traceReceived(Rpc rpc, Write write) {
    if (tracer.enabled()) {
      tracer.record(
          TraceEvent.recv(rpc, Participant.branch(write.getOrigin()), self)
              .withAmount(write.getAmount())
              .withOp(write.getOperationId() == 0 ? null : write.getOperationId()));
    }
  }

  private static void vote(StreamObserver<Vote> reply) {
    reply.onNext(Vote.newBuilder().setOk(true).build());
    reply.onCompleted();
  }

  @Override
  public void inFlight(InFlightRequest request, StreamObserver<Writes> reply) {
    reply.onNext(Writes.newBuilder().addAllWrites(propagator.inFlight()).build());
    reply.onCompleted();
  }

  @Override
  public void drain(DrainRequest request, StreamObserver<Drained> reply) {
    propagator.whenDrained(
        () -> {
          reply.onNext(Drained.getDefaultInstance());
          reply.onCompleted();
        });
  }

  @Override
  public void snapshot(SnapshotRequest request, StreamObserver<ReplicaState> reply) {
    reply.onNext(replica.snapshot());
    reply.onCompleted();
  }
}
