package banksim.workload;

import banksim.input.BankInput;
import banksim.input.BranchSpec;
import banksim.input.CustomerSpec;
import banksim.input.EventSpec;
import banksim.input.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Makes reproducible bank inputs for benchmarks and tests: the same settings give the same input on
 * every machine and JVM ({@link Random} is specified to the bit).
 *
 * <p>Customer i talks to branch i (to branch ((i - 1) mod B) + 1, with a "branch" key, where there
 * are more customers than branches). About 40% of events are deposits of 1 to 100, 30% withdrawals
 * (one in six of them larger than the bank can ever hold, so it fails; the others 1 to 100), 30%
 * queries. A fraction of events, {@code routeFraction}, names a random branch.
 */
public final class WorkloadGenerator {
  private static final int MAX_AMOUNT = 100;

  private final WorkloadSpec spec;

  public WorkloadGenerator(WorkloadSpec spec) {
    this.spec = spec;
  }

  public BankInput generate() {
    Random random = new Random(spec.seed());
    List<BranchSpec> branches = new ArrayList<>(spec.branches());
    for (int id = 1; id <= spec.branches(); id++) {
      branches.add(new BranchSpec(id, spec.balance()));
    }
    int tooLarge = tooLargeToWithdraw();
    List<CustomerSpec> customers = new ArrayList<>(spec.customers());
    for (int id = 1; id <= spec.customers(); id++) {
      boolean hasOwnBranch = id <= spec.branches();
      int home = (id - 1) % spec.branches() + 1;
      List<EventSpec> events = new ArrayList<>(spec.eventsPerCustomer());
      for (int e = 0; e < spec.eventsPerCustomer(); e++) {
        boolean routed = random.nextDouble() < spec.routeFraction();
        int branch = routed ? 1 + random.nextInt(spec.branches()) : home;
        EventSpec event = event(random, tooLarge, branch, routed || !hasOwnBranch);
        // Request ids as an input without any gets them: the position among all events.
        long request = (long) (id - 1) * spec.eventsPerCustomer() + e + 1;
        events.add(
            new EventSpec(event.operation(), event.money(), branch, event.routed(), request));
      }
      customers.add(new CustomerSpec(id, events));
    }
    return new BankInput(branches, customers);
  }

  private static EventSpec event(Random random, int tooLarge, int branch, boolean routed) {
    int roll = random.nextInt(10);
    if (roll < 4) {
      return new EventSpec(Operation.DEPOSIT, 1 + random.nextInt(MAX_AMOUNT), branch, routed);
    }
    if (roll < 7) {
      int money = random.nextInt(6) == 0 ? tooLarge : 1 + random.nextInt(MAX_AMOUNT);
      return new EventSpec(Operation.WITHDRAW, money, branch, routed);
    }
    return new EventSpec(Operation.QUERY, 0, branch, routed);
  }

  /** More than the initial balance plus every deposit could make, where an int allows that. */
  private int tooLargeToWithdraw() {
    long ceiling =
        spec.balance() + (long) MAX_AMOUNT * spec.customers() * spec.eventsPerCustomer() + 1;
    return (int) Math.min(Integer.MAX_VALUE, ceiling);
  }
}
