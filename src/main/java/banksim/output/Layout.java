package banksim.output;

import banksim.input.BankInput;
import java.util.Locale;

/** How the customers' answers are laid out in the output (SPEC section 4). */
public enum Layout {
  /** One record per customer entry with all its answers: Project 1's output. */
  CUSTOMER,
  /** One record per event, every answer with its branch: what Project 3's checker reads. */
  EVENT,
  /** One {"id", "balance"} per customer entry that queried: the 2021 Project 3 balance file. */
  BALANCE;

  /** What the course's checkers expect of this input: events in their own records once routed. */
  public static Layout defaultFor(BankInput input) {
    return input.routed() ? EVENT : CUSTOMER;
  }

  /** The name on the command line: customer, event, balance. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
