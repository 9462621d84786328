package banksim.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.input.BankInput;
import banksim.input.EventSpec;
import banksim.input.InputJson;
import banksim.input.InputParser;
import banksim.input.JsonFile;
import banksim.input.Operation;
import banksim.model.ReferenceBank;
import banksim.output.RecvEntry;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class WorkloadGeneratorTest {
  private static BankInput generate(
      int branches, int customers, int events, long seed, double route) {
    return new WorkloadGenerator(new WorkloadSpec(branches, customers, events, seed, 1000, route))
        .generate();
  }

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedOthers() {
    String first = InputJson.write(generate(5, 5, 20, 42, 0.2));

    assertEquals(first, InputJson.write(generate(5, 5, 20, 42, 0.2)));
    assertNotEquals(first, InputJson.write(generate(5, 5, 20, 43, 0.2)));
  }

  @Test
  void theWrittenJsonParsesBackToTheSameInput() throws Exception {
    BankInput input = generate(7, 12, 30, 3, 0.25);

    assertEquals(input, new InputParser(50000).validate(JsonFile.parse(InputJson.write(input))));
  }

  @Test
  void mixesOperationsAsDocumented() {
    List<EventSpec> events =
        generate(10, 10, 1000, 1, 0).customers().stream()
            .flatMap(c -> c.events().stream())
            .toList();
    Map<Operation, Long> counts =
        events.stream().collect(Collectors.groupingBy(EventSpec::operation, Collectors.counting()));

    assertEquals(10_000, events.size());
    assertEquals(0.40, counts.get(Operation.DEPOSIT) / 10_000.0, 0.02);
    assertEquals(0.30, counts.get(Operation.WITHDRAW) / 10_000.0, 0.02);
    assertEquals(0.30, counts.get(Operation.QUERY) / 10_000.0, 0.02);
    assertTrue(events.stream().noneMatch(EventSpec::routed));
  }

  @Test
  void aboutOneWithdrawalInSixCanNeverSucceed() throws Exception {
    BankInput input = generate(4, 4, 3000, 9, 0);
    List<RecvEntry> withdrawals =
        ReferenceBank.run(input).stream()
            .flatMap(c -> c.recv().stream())
            .filter(r -> r.interfaceName().equals("withdraw"))
            .toList();
    Map<String, Long> results =
        withdrawals.stream()
            .collect(Collectors.groupingBy(RecvEntry::result, Collectors.counting()));

    assertEquals(1 / 6.0, results.get("fail") / (double) withdrawals.size(), 0.03);
  }

  @Test
  void routesTheRequestedShareAndGivesExtraCustomersABranchKey() {
    BankInput input = generate(3, 6, 2000, 5, 0.5);
    Map<Integer, List<EventSpec>> byCustomer =
        input.customers().stream().collect(Collectors.toMap(c -> c.id(), c -> c.events()));
    long routed = byCustomer.get(1).stream().filter(EventSpec::routed).count();

    assertEquals(0.5, routed / 2000.0, 0.05);
    assertTrue(
        byCustomer.get(5).stream().allMatch(EventSpec::routed), "customer 5 has no branch 5");
    assertTrue(byCustomer.get(5).stream().filter(e -> e.branch() != 2).count() > 0);
    assertEquals(
        Map.of(1, 1, 2, 1, 3, 1),
        input.branches().stream().collect(Collectors.toMap(b -> b.id(), b -> 1, Integer::sum)));
    assertEquals(6, input.customers().size());
  }
}
