package banksim.input;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parses and validates a bank input (SPEC section 2) into records. Every problem is reported with
 * its JSON location, e.g. {@code $[3].events[1].money: must be an integer from 0 to 2147483647, got
 * -5}; the first problem found stops the parse.
 */
public final class InputParser {
  public static final int MAX_PORT = 65535;
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]*)");
  private static final int MAX_SHOWN_VALUE = 60;
  private static final String TYPES =
      "\"branch\" or \"customer\" (or the older \"bank\" or \"client\")";
  private static final String EVENTS = "events";
  private static final String REQUESTS = "customer-requests";
  private static final String REQUEST_ID = "customer-request-id";
  private static final String BRANCH = "branch";
  private static final String DEST = "dest";

  private final int basePort;

  /**
   * @param basePort branch N listens on basePort + N, so ids are limited to MAX_PORT - basePort
   */
  public InputParser(int basePort) {
    if (basePort < 0 || basePort >= MAX_PORT) {
      throw new IllegalArgumentException("base port out of range: " + basePort);
    }
    this.basePort = basePort;
  }

  /**
   * Reads and validates an input file. One larger than this JVM can hold parsed (a 32nd of its
   * heap: a JSON tree takes many times its text) is refused before it is read whole.
   */
  public BankInput parse(Path file) throws InvalidInputException {
    long limit = Runtime.getRuntime().maxMemory() / 32;
    try {
      return validate(JsonFile.parse(JsonFile.readText(file, limit)));
    } catch (OutOfMemoryError e) {
      throw new InvalidInputException(tooLarge(limit));
    } catch (InvalidInputException e) {
      if (e.getMessage().startsWith("larger than ")) {
        throw new InvalidInputException(tooLarge(limit), e);
      }
      throw e;
    }
  }

  private static String tooLarge(long limit) {
    return "larger than "
        + limit / (1 << 20)
        + " MiB, more than this JVM can hold parsed; give java more memory (java -Xmx8g -jar"
        + " bank-sim.jar ...) or split the input";
  }

  public BankInput validate(JsonElement root) throws InvalidInputException {
    if (!root.isJsonArray()) {
      throw new InvalidInputException(
          "$: must be a JSON array of branches and customers, got " + shown(root));
    }
    JsonArray entries = root.getAsJsonArray();
    List<BranchSpec> branches = new ArrayList<>();
    Map<Integer, String> branchLocations = new HashMap<>();
    List<RawCustomer> rawCustomers = new ArrayList<>();

    for (int i = 0; i < entries.size(); i++) {
      String at = "$[" + i + "]";
      JsonObject entry = object(entries.get(i), at, "an object with \"id\" and \"type\"");
      String type = string(entry, "type", at, TYPES);
      switch (type) {
        case "branch", "bank" -> {
          int id = (int) integer(entry, "id", at, 1, maxBranchId(), branchIdRule());
          unique(branchLocations, id, at);
          long balance = integer(entry, "balance", at, 0, Long.MAX_VALUE, null);
          branches.add(new BranchSpec(id, balance));
        }
        case "customer", "client" -> {
          // Ids may repeat: every entry is a customer of its own (the course's Project 1 input
          // lists customers 1-50 twice).
          int id = (int) integer(entry, "id", at, 1, Integer.MAX_VALUE, null);
          String key = eventsKey(entry, at);
          rawCustomers.add(
              new RawCustomer(id, at + "." + key, array(entry, key, at, "a list of events")));
        }
        default ->
            throw new InvalidInputException(
                at + ".type: must be " + TYPES + ", got " + shown(entry.get("type")));
      }
    }
    if (branches.isEmpty()) {
      throw new InvalidInputException(
          entries.isEmpty()
              ? "the input has no entries; at least one branch is required"
              : "the input has no branch; at least one {\"type\": \"branch\"} entry is required");
    }
    List<CustomerSpec> customers = new ArrayList<>();
    int position = 0;
    for (RawCustomer raw : rawCustomers) {
      customers.add(customer(raw, branchLocations, position));
      position += raw.events().size();
    }
    boolean projectTwo = rawCustomers.stream().anyMatch(raw -> raw.at().endsWith("." + REQUESTS));
    return new BankInput(branches, customers, projectTwo);
  }

  /**
   * @param at the location of the event list, e.g. {@code $[3].events}
   */
  private record RawCustomer(int id, String at, JsonArray events) {}

  /** "events", or "customer-requests" as Project 2 inputs call the list; never both. */
  private static String eventsKey(JsonObject entry, String at) throws InvalidInputException {
    boolean events = entry.has(EVENTS);
    boolean requests = entry.has(REQUESTS);
    if (events && requests) {
      throw new InvalidInputException(
          at
              + ": has both \""
              + EVENTS
              + "\" and \""
              + REQUESTS
              + "\"; a customer has one list of events, under either key");
    }
    return requests ? REQUESTS : EVENTS;
  }

  /**
   * @param position how many customer events come before this customer's in the input
   */
  private CustomerSpec customer(RawCustomer raw, Map<Integer, String> branches, int position)
      throws InvalidInputException {
    List<EventSpec> events = new ArrayList<>();
    for (int j = 0; j < raw.events().size(); j++) {
      String at = raw.at() + "[" + j + "]";
      JsonObject event = object(raw.events().get(j), at, "an event object");
      String name = string(event, "interface", at, "\"deposit\", \"withdraw\" or \"query\"");
      Operation operation =
          Operation.fromWireName(name)
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          at
                              + ".interface: must be \"deposit\", \"withdraw\" or \"query\", got "
                              + shown(event.get("interface"))));
      int money =
          operation.isWrite() ? (int) integer(event, "money", at, 0, Integer.MAX_VALUE, null) : 0;
      String routingKey = routingKey(event, at);
      boolean routed = routingKey != null;
      int branch;
      if (routed) {
        branch = (int) integer(event, routingKey, at, 1, Integer.MAX_VALUE, null);
        if (!branches.containsKey(branch)) {
          throw new InvalidInputException(
              at + "." + routingKey + ": there is no branch " + branch + " in the input");
        }
      } else {
        branch = raw.id();
        if (!branches.containsKey(branch)) {
          throw new InvalidInputException(
              at
                  + ": goes to branch "
                  + branch
                  + " (the customer's id), but there is no branch "
                  + branch
                  + "; add that branch or give the event a \"branch\" key");
        }
      }
      events.add(
          new EventSpec(operation, money, branch, routed, request(event, at, position + j + 1)));
    }
    return new CustomerSpec(raw.id(), events);
  }

  /**
   * The request id the Project 2 logs name an event by: its "customer-request-id" (which must be a
   * whole number), else its "id" where that is one; else its position.
   */
  private static long request(JsonObject event, String at, long position)
      throws InvalidInputException {
    if (event.has(REQUEST_ID)) {
      // The Project 2 logs name events by it: it must be one.
      return integer(event, REQUEST_ID, at, 0, Long.MAX_VALUE, null);
    }
    JsonElement id = event.get("id");
    if (id != null
        && id.isJsonPrimitive()
        && id.getAsJsonPrimitive().isNumber()
        && INTEGER.matcher(id.getAsString()).matches()) {
      try {
        return Long.parseLong(id.getAsString());
      } catch (NumberFormatException e) {
        // Too long for a request id: not one.
      }
    }
    return position;
  }

  /**
   * The key that routes an event to a branch: "branch" (Project 3, 2023 on) or "dest" (2021-22);
   * null where it has neither. Both are allowed only where they agree.
   */
  private static String routingKey(JsonObject event, String at) throws InvalidInputException {
    boolean branch = event.has(BRANCH);
    boolean dest = event.has(DEST);
    if (branch && dest) {
      long byBranch = integer(event, BRANCH, at, 1, Integer.MAX_VALUE, null);
      long byDest = integer(event, DEST, at, 1, Integer.MAX_VALUE, null);
      if (byBranch != byDest) {
        throw new InvalidInputException(
            at
                + ": \""
                + BRANCH
                + "\": "
                + byBranch
                + " and \""
                + DEST
                + "\": "
                + byDest
                + " route the event to different branches; keep one");
      }
    }
    return branch ? BRANCH : dest ? DEST : null;
  }

  private int maxBranchId() {
    return MAX_PORT - basePort;
  }

  private String branchIdRule() {
    return "(the branch listens on --base-port "
        + basePort
        + " + id, at most port "
        + MAX_PORT
        + ")";
  }

  private static void unique(Map<Integer, String> seen, int id, String at)
      throws InvalidInputException {
    String first = seen.putIfAbsent(id, at);
    if (first != null) {
      throw new InvalidInputException(at + ".id: branch " + id + " is already defined at " + first);
    }
  }

  private static JsonObject object(JsonElement value, String at, String what)
      throws InvalidInputException {
    if (!value.isJsonObject()) {
      throw new InvalidInputException(at + ": must be " + what + ", got " + shown(value));
    }
    return value.getAsJsonObject();
  }

  private static JsonArray array(JsonObject parent, String key, String at, String what)
      throws InvalidInputException {
    JsonElement value = required(parent, key, at, what);
    if (!value.isJsonArray()) {
      throw new InvalidInputException(
          at + "." + key + ": must be " + what + ", got " + shown(value));
    }
    return value.getAsJsonArray();
  }

  private static String string(JsonObject parent, String key, String at, String expected)
      throws InvalidInputException {
    JsonElement value = required(parent, key, at, expected);
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw new InvalidInputException(
          at + "." + key + ": must be " + expected + ", got " + shown(value));
    }
    return value.getAsString();
  }

  /** An integer in [min, max] written without fraction or exponent, as Python's json reads int. */
  private static long integer(
      JsonObject parent, String key, String at, long min, long max, String rule)
      throws InvalidInputException {
    String expected = "an integer from " + min + " to " + max + (rule == null ? "" : " " + rule);
    JsonElement value = required(parent, key, at, expected);
    if (value.isJsonPrimitive()) {
      JsonPrimitive primitive = value.getAsJsonPrimitive();
      String text = primitive.getAsString();
      if (primitive.isNumber() && INTEGER.matcher(text).matches()) {
        BigInteger number = new BigInteger(text);
        if (number.compareTo(BigInteger.valueOf(min)) >= 0
            && number.compareTo(BigInteger.valueOf(max)) <= 0) {
          return number.longValueExact();
        }
      }
    }
    throw new InvalidInputException(
        at + "." + key + ": must be " + expected + ", got " + shown(value));
  }

  private static JsonElement required(JsonObject parent, String key, String at, String expected)
      throws InvalidInputException {
    JsonElement value = parent.get(key);
    if (value == null) {
      throw new InvalidInputException(at + "." + key + ": missing; must be " + expected);
    }
    return value;
  }

  /** The value as JSON, shortened so that one error stays one readable line. */
  private static String shown(JsonElement value) {
    if (value == null) {
      return "nothing";
    }
    String json = value.toString();
    return json.length() <= MAX_SHOWN_VALUE ? json : json.substring(0, MAX_SHOWN_VALUE - 3) + "...";
  }
}
