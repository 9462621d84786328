package banksim.branch;

import banksim.proto.BankServiceGrpc;
import banksim.proto.BankServiceGrpc.BankServiceStub;
import banksim.proto.ReplicationGrpc;
import banksim.proto.ReplicationGrpc.ReplicationStub;
import io.grpc.Channel;

/**
 * Another branch as a propagation target. The channel is shared: the whole JVM holds one channel
 * per destination branch, however many branches send to it.
 *
 * @param address where the branch listens, for error messages
 * @param replication the same branch's bank-sim service: the coordinator of {@code strong}
 */
public record Peer(int id, String address, BankServiceStub stub, ReplicationStub replication) {
  public static Peer of(int id, String address, Channel channel) {
    return new Peer(
        id, address, BankServiceGrpc.newStub(channel), ReplicationGrpc.newStub(channel));
  }
}
