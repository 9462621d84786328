package banksim.input;

import java.util.List;

/**
 * A whole validated input: branches and customers, each in input order.
 *
 * @param projectTwo whether customers list "customer-requests", as Project 2 inputs do: a run then
 *     writes the event logs of SPEC section 7
 */
public record BankInput(
    List<BranchSpec> branches, List<CustomerSpec> customers, boolean projectTwo) {
  public BankInput {
    branches = List.copyOf(branches);
    customers = List.copyOf(customers);
  }

  public BankInput(List<BranchSpec> branches, List<CustomerSpec> customers) {
    this(branches, customers, false);
  }

  /** Whether any event names its branch ("branch" or "dest"), as Project 3 inputs do. */
  public boolean routed() {
    return customers.stream().flatMap(c -> c.events().stream()).anyMatch(EventSpec::routed);
  }

  public int eventCount() {
    return customers.stream().mapToInt(c -> c.events().size()).sum();
  }
}
