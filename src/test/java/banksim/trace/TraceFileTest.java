package banksim.trace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import banksim.input.InvalidInputException;
import banksim.proto.BankServiceGrpc;
import banksim.proto.ReplicationGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trace's lines, written and read back by Gson's mapping of TraceEvent. */
@Tag("unit")
class TraceFileTest {
  @TempDir Path dir;

  @Test
  void linesHaveTheDocumentedShapeAndReadBackEqual() throws Exception {
    Path file = dir.resolve("t.jsonl");
    List<TraceEvent> events =
        List.of(
            TraceEvent.send(Rpc.MSG_DELIVERY, Participant.customer(1), Participant.branch(1))
                .withEvent("deposit")
                .withAmount(10)
                .withClock(1L)
                .withRequest(1)
                .at(791582),
            TraceEvent.recv(Rpc.PROPAGATE_DEPOSIT, Participant.branch(1), Participant.branch(2))
                .withAmount(10)
                .withOp(1L)
                .withClock(4L)
                .withRequest(1)
                .at(885824),
            TraceEvent.reply(Rpc.QUERY, Participant.branch(2), Participant.customer(12), "410")
                .at(900000));

    try (TraceFile trace = new TraceFile(Files.newOutputStream(file), 0)) {
      events.forEach(trace::write);
    }

    assertEquals(
        """
        {"t_us":791582,"kind":"send","rpc":"MsgDelivery","from":"customer 1","to":"branch 1","event":"deposit","amount":10,"clock":1,"request":1}
        {"t_us":885824,"kind":"recv","rpc":"Propagate_Deposit","from":"branch 1","to":"branch 2","amount":10,"op":1,"clock":4,"request":1}
        {"t_us":900000,"kind":"reply","rpc":"Query","from":"branch 2","to":"customer 12","result":"410"}
        """,
        Files.readString(file));
    assertEquals(events, TraceReader.read(file));
  }

  @Test
  void theWireNamesAreTheGeneratedService() {
    List<String> grpcNames =
        java.util.stream.Stream.concat(
                BankServiceGrpc.getServiceDescriptor().getMethods().stream(),
                ReplicationGrpc.getServiceDescriptor().getMethods().stream()
                    .filter(
                        method ->
                            List.of("Order", "Prepare", "Commit", "Abort")
                                .contains(method.getBareMethodName())))
            .map(method -> method.getBareMethodName())
            .toList();

    assertEquals(grpcNames, List.of(Rpc.values()).stream().map(Rpc::wireName).toList());
    assertEquals(Rpc.PROPAGATE_WITHDRAW, Rpc.fromWireName("Propagate_Withdraw"));
  }

  @Test
  void unknownNamesAreNotTraceRecords() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("bad.jsonl"),
            "{\"t_us\":1,\"kind\":\"send\","
                + "\"rpc\":\"Transfer\",\"from\":\"customer 1\",\"to\":\"branch 1\"}\n");
    Path who =
        Files.writeString(
            dir.resolve("who.jsonl"),
            "{\"t_us\":1,\"kind\":\"send\","
                + "\"rpc\":\"Query\",\"from\":\"teller 1\",\"to\":\"branch 1\"}\n");

    assertThrows(InvalidInputException.class, () -> TraceReader.read(file));
    assertThrows(InvalidInputException.class, () -> TraceReader.read(who));
  }
}
