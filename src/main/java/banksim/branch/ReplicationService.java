package banksim.branch;

import banksim.proto.DrainRequest;
import banksim.proto.Drained;
import banksim.proto.InFlightRequest;
import banksim.proto.ReplicaState;
import banksim.proto.ReplicationGrpc;
import banksim.proto.SnapshotRequest;
import banksim.proto.Writes;
import io.grpc.stub.StreamObserver;

/** What a restarted peer asks of a live branch before it serves again (see {@link Rejoin}). */
final class ReplicationService extends ReplicationGrpc.ReplicationImplBase {
  private final Replica replica;
  private final Propagator propagator;

  ReplicationService(Replica replica, Propagator propagator) {
    this.replica = replica;
    this.propagator = propagator;
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
