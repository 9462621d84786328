package banksim.input;

import java.util.List;

/** A whole validated input: branches and customers, each in input order. */
public record BankInput(List<BranchSpec> branches, List<CustomerSpec> customers) {
  public BankInput {
    branches = List.copyOf(branches);
    customers = List.copyOf(customers);
  }

  /** Whether any event names its branch ("branch" or "dest"), as Project 3 inputs do. */
  public boolean routed() {
    return customers.stream().flatMap(c -> c.events().stream()).anyMatch(EventSpec::routed);
  }

  public int eventCount() {
    return customers.stream().mapToInt(c -> c.events().size()).sum();
  }
}
