package banksim.model;

import banksim.input.BankInput;
import banksim.input.BranchSpec;
import banksim.input.CustomerSpec;
import banksim.input.EventSpec;
import banksim.input.InvalidInputException;
import banksim.output.CustomerRecv;
import banksim.output.RecvEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference semantics of a whole run (SPEC section 4), computed sequentially without any
 * network: one balance per branch; a deposit adds its money at every branch; a withdrawal succeeds
 * when the target branch holds at least the money, and then takes it from every branch; a query
 * reads the target branch. What a sequential run of bank-sim must produce.
 */
public final class ReferenceBank {
  private ReferenceBank() {}

  /**
   * What every customer receives, in input order, when the customers run one after another.
   *
   * @throws InvalidInputException where a deposit would take a balance past 2^63-1: no branch can
   *     answer such an input (a bank-sim branch refuses the deposit with OUT_OF_RANGE)
   */
  public static List<CustomerRecv> run(BankInput input) throws InvalidInputException {
    Map<Integer, Long> balances = new HashMap<>();
    for (BranchSpec branch : input.branches()) {
      balances.put(branch.id(), branch.balance());
    }
    List<CustomerRecv> received = new ArrayList<>(input.customers().size());
    for (int c = 0; c < input.customers().size(); c++) {
      CustomerSpec customer = input.customers().get(c);
      List<RecvEntry> recv = new ArrayList<>(customer.events().size());
      for (int e = 0; e < customer.events().size(); e++) {
        EventSpec event = customer.events().get(e);
        switch (event.operation()) {
          case QUERY -> recv.add(RecvEntry.query(event, balances.get(event.branch())));
          case DEPOSIT -> {
            try {
              balances.replaceAll((id, balance) -> Math.addExact(balance, event.money()));
            } catch (ArithmeticException overflow) {
              throw new InvalidInputException(
                  "customer "
                      + customer.id()
                      + " (customer entry "
                      + (c + 1)
                      + "), event "
                      + e
                      + ": its deposit of "
                      + event.money()
                      + " takes a balance past "
                      + Long.MAX_VALUE
                      + ", which no branch can hold");
            }
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
