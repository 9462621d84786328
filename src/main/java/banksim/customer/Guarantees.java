package banksim.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The client-centric guarantees a customer asks of the branches (SPEC section 8).
 *
 * @param readYourWrites every request is served only where the customer's earlier writes are
 *     applied
 * @param monotonicWrites the customer's writes are applied in its order at every branch
 */
public record Guarantees(boolean readYourWrites, boolean monotonicWrites) {
  public static final Guarantees NONE = new Guarantees(false, false);

  /**
   * Reads "none", "ryw", "mw", "ryw,mw" or "mw,ryw".
   *
   * @throws IllegalArgumentException naming what it cannot read
   */
  public static Guarantees parse(String text) {
    if (text.trim().toLowerCase(Locale.ROOT).equals("none")) {
      return NONE;
    }
    boolean ryw = false;
    boolean mw = false;
    for (String part : text.split(",", -1)) {
      switch (part.trim().toLowerCase(Locale.ROOT)) {
        case "ryw" -> ryw = true;
        case "mw" -> mw = true;
        default ->
            throw new IllegalArgumentException(
                "'" + part + "' is no guarantee; give none, ryw, mw or ryw,mw");
      }
    }
    return new Guarantees(ryw, mw);
  }

  /** "none", "ryw", "mw" or "ryw,mw": what {@link #parse} reads. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    if (readYourWrites) {
      parts.add("ryw");
    }
    if (monotonicWrites) {
      parts.add("mw");
    }
    return parts.isEmpty() ? "none" : String.join(",", parts);
  }
}
