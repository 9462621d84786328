package banksim.trace;

import java.util.Locale;

/** Who sends or receives a message: a customer or a branch, by id. Written "customer 3". */
public record Participant(Role role, int id) implements Comparable<Participant> {
  /** Branches first: a diagram lists them above the customers. */
  public enum Role {
    BRANCH,
    CUSTOMER;

    String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static Participant customer(int id) {
    return new Participant(Role.CUSTOMER, id);
  }

  public static Participant branch(int id) {
    return new Participant(Role.BRANCH, id);
  }

  /** Reads "customer 3" or "branch 2"; IllegalArgumentException otherwise. */
  public static Participant parse(String text) {
    for (Role role : Role.values()) {
      String prefix = role.word() + " ";
      if (text.startsWith(prefix) && text.substring(prefix.length()).matches("[1-9][0-9]{0,9}")) {
        return new Participant(role, Integer.parseInt(text.substring(prefix.length())));
      }
    }
    throw new IllegalArgumentException("not a customer or branch: " + text);
  }

  @Override
  public int compareTo(Participant other) {
    return role != other.role ? role.compareTo(other.role) : Integer.compare(id, other.id);
  }

  @Override
  public String toString() {
    return role.word() + " " + id;
  }
}
