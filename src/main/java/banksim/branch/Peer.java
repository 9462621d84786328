package banksim.branch;

import banksim.proto.BankServiceGrpc;
import banksim.proto.BankServiceGrpc.BankServiceStub;
import io.grpc.Channel;

/**
 * Another branch as a propagation target. The channel is shared: the whole JVM holds one channel
 * per destination branch, however many branches send to it.
 *
 * @param address where the branch listens, for error messages
 */
public record Peer(int id, String address, BankServiceStub stub) {
  public static Peer of(int id, String address, Channel channel) {
    return new Peer(id, address, BankServiceGrpc.newStub(channel));
  }
}
