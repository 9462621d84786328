package banksim.input;

import java.util.List;

/** A whole validated input: branches and customers, each in input order. */
public record BankInput(List<BranchSpec> branches, List<CustomerSpec> customers) {
  public BankInput {
    branches = List.copyOf(branches);
    customers = List.copyOf(customers);
  }

  public int eventCount() {
    return customers.stream().mapToInt(c -> c.events().size()).sum();
  }
}
