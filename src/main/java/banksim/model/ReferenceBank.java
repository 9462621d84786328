package banksim.model;

import banksim.input.BankInput;
import banksim.input.BranchSpec;
import banksim.input.CustomerSpec;
import banksim.input.EventSpec;
import banksim.output.CustomerRecv;
import banksim.output.RecvEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference semantics of a whole run (SPEC section 4), computed sequentially without any
 * network: one balance per branch; a deposit adds its money at every branch; a withdrawal
 * succeeds when the target branch holds at least the money, and then takes it from every branch;
 * a query reads the target branch. What a sequential run of bank-sim must produce.
 */
public final class ReferenceBank {
  private ReferenceBank() {}

  public static List<CustomerRecv> run(BankInput input) {
    Map<Integer, Long> balances = new HashMap<>();
    for (BranchSpec branch : input.branches()) {
      balances.put(branch.id(), branch.balance());
    }
    List<CustomerRecv> received = new ArrayList<>(input.customers().size());
    for (CustomerSpec customer : input.customers()) {
      List<RecvEntry> recv = new ArrayList<>(customer.events().size());
      for (EventSpec event : customer.events()) {
        switch (event.operation()) {
          case QUERY -> recv.add(RecvEntry.query(event, balances.get(event.branch())));
          case DEPOSIT -> {
            balances.replaceAll((id, balance) -> balance + event.money());
            recv.add(RecvEntry.write(event, true));
          }
          case WITHDRAW -> {
            boolean covered = balances.get(event.branch()) >= event.money();
            if (covered) {
              balances.replaceAll((id, balance) -> balance - event.money());
            }
            recv.add(RecvEntry.write(event, covered));
          }
        }
      }
      received.add(new CustomerRecv(customer.id(), recv));
    }
    return received;
  }
}
