package banksim.branch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A client that knows only the exercise's wire names and field numbers, and none of bank-sim's
 * generated code, talks to a branch: the names are the seed's.
 */
@Tag("grpc")
class WireNamesTest {
  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private static MethodDescriptor<byte[], byte[]> method(String fullName) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(fullName)
        .setRequestMarshaller(BYTES)
        .setResponseMarshaller(BYTES)
        .build();
  }

  /** CustomerRequest{customer_id = 1, event = 2, amount = 3}, encoded by hand. */
  private static byte[] customerRequest(int customerId, String event, int amount) {
    byte[] name = event.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[2 + 2 + name.length + 2];
    int i = 0;
    bytes[i++] = 0x08; // field 1, varint
    bytes[i++] = (byte) customerId;
    bytes[i++] = 0x12; // field 2, length-delimited
    bytes[i++] = (byte) name.length;
    System.arraycopy(name, 0, bytes, i, name.length);
    i += name.length;
    bytes[i++] = 0x18; // field 3, varint
    bytes[i] = (byte) amount;
    return bytes;
  }

  /** ResponseMessage{message = 1, success = 2}, as the branch must encode it. */
  private static byte[] response(String message, boolean success) {
    byte[] text = message.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[2 + text.length + (success ? 2 : 0)];
    bytes[0] = 0x0a;
    bytes[1] = (byte) text.length;
    System.arraycopy(text, 0, bytes, 2, text.length);
    if (success) {
      bytes[2 + text.length] = 0x10;
      bytes[3 + text.length] = 1;
    }
    return bytes;
  }

  @Test
  void seedMethodNamesAndFieldNumbersWork() throws Exception {
    String name = "wire-names-" + System.nanoTime();
    ManagedChannel channel = InProcessChannelBuilder.forName(name).build();
    ManagedChannel peerChannel = InProcessChannelBuilder.forName(name + "-2").build();
    List<Peer> cluster = List.of(Peer.of(1, name, channel), Peer.of(2, name + "-2", peerChannel));
    BranchServer branch =
        new BranchServer(
            1, 400, InProcessServerBuilder.forName(name), cluster, new PropagationPolicy(2_000, 0));
    // Branch 2 takes branch 1's propagations; the test sends one as branch 2 would.
    BranchServer peer =
        new BranchServer(
            2,
            400,
            InProcessServerBuilder.forName(name + "-2"),
            cluster,
            new PropagationPolicy(2_000, 0));
    branch.start();
    peer.start();
    try {
      byte[] deposit =
          ClientCalls.blockingUnaryCall(
              channel,
              method("BankService.BankService/MsgDelivery"),
              CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
              customerRequest(3, "deposit", 100));
      byte[] query =
          ClientCalls.blockingUnaryCall(
              channel,
              method("BankService.BankService/MsgDelivery"),
              CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
              customerRequest(3, "query", 0));
      byte[] propagated =
          ClientCalls.blockingUnaryCall(
              channel,
              method("BankService.BankService/Propagate_Deposit"),
              CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
              new byte[] {0x08, 2, 0x10, 5}); // BranchRequest{branch_id = 2, amount = 5}

      assertArrayEquals(response("success", true), deposit);
      assertArrayEquals(response("500", true), query);
      assertArrayEquals(response("success", true), propagated);
      assertEquals(505, branch.balance());
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      peerChannel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      branch.stop();
      peer.stop();
    }
  }
}
