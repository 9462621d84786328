package banksim.input;

import java.util.Optional;

/** What a customer event asks of its branch; the names are the exercise's "interface" values. */
public enum Operation {
  DEPOSIT("deposit"),
  WITHDRAW("withdraw"),
  QUERY("query");

  private final String wireName;

  Operation(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in the input's "interface", the request's "event" and the output. */
  public String wireName() {
    return wireName;
  }

  public boolean isWrite() {
    return this != QUERY;
  }

  public static Optional<Operation> fromWireName(String name) {
    for (Operation operation : values()) {
      if (operation.wireName.equals(name)) {
        return Optional.of(operation);
      }
    }
    return Optional.empty();
  }
}
