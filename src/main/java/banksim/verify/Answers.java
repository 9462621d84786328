package banksim.verify;

import banksim.input.BankInput;
import banksim.input.CustomerSpec;
import banksim.input.EventSpec;
import banksim.input.Operation;
import banksim.output.Layout;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What an output says about each event of the input, by its structure alone: which record (and
 * entry) answers which event, and what it answered. Unlike {@link Grader}, which compares values
 * with the sequential model, this lines the records up with the input's events whatever their
 * values, so that the answers of a run with stale replicas can be checked against a guarantee.
 *
 * @param layout the layout the output is written in
 * @param byCustomer per customer entry of the input, in input order, one answer per event
 */
public record Answers(Layout layout, List<List<Answer>> byCustomer) {
  public Answers {
    byCustomer = byCustomer.stream().map(List::copyOf).toList();
  }

  /**
   * What the output answered to one event.
   *
   * @param entry the customer entry's index in the input (0-based, customers only)
   * @param index the event's index in the customer's events (its {@code events[index]})
   * @param event the input's event
   * @param path where the output answers it: {@code $[4]} or {@code $[1].recv[2]}
   * @param success whether a write succeeded; null where the output does not say (the balance
   *     layout) and for a query
   * @param balance a query's balance; null where the output does not show it
   */
  public record Answer(
      int entry, int index, EventSpec event, String path, Boolean success, Long balance) {
    /** "customer 2, event 5, query at branch 2". */
    public String describe(int customerId) {
      return "customer "
          + customerId
          + ", event "
          + index
          + ", "
          + event.operation().wireName()
          + " at branch "
          + event.branch();
    }

    /** The write's change to a balance: +money for a deposit, -money for a withdrawal. */
    public long delta() {
      return event.operation() == Operation.WITHDRAW ? -(long) event.money() : event.money();
    }
  }

  /** Where the records do not line up with the input's events, and why. */
  public static final class MisalignedException extends Exception {
    private static final long serialVersionUID = 1L;

    MisalignedException(String message) {
      super(message);
    }
  }

  /**
   * Lines the records up with the input's events in the first layout they fit: the input's own,
   * then the other per-event layout, then the balance file.
   *
   * @throws MisalignedException where they fit none: the message names the first record or entry
   *     that does not answer its event, in the layout that fits furthest
   */
  public static Answers read(BankInput input, List<JsonElement> records)
      throws MisalignedException {
    Set<Layout> order = new LinkedHashSet<>();
    order.add(Layout.defaultFor(input));
    order.add(Layout.CUSTOMER);
    order.add(Layout.EVENT);
    order.add(Layout.BALANCE);
    Misfit best = null;
    for (Layout layout : order) {
      Attempt attempt = new Attempt(input, records, layout);
      Optional<Misfit> misfit = attempt.run();
      if (misfit.isEmpty()) {
        return new Answers(layout, attempt.answers);
      }
      if (best == null || misfit.get().fitted() > best.fitted()) {
        best = misfit.get();
      }
    }
    throw new MisalignedException(
        "the output does not answer the input's events in any layout; in the "
            + best.layout().optionName()
            + " layout, which fits furthest: "
            + best.message());
  }

  private record Misfit(Layout layout, int fitted, String message) {}

  /** One layout tried on the records. */
  private static final class Attempt {
    private final BankInput input;
    private final List<JsonElement> records;
    private final Layout layout;
    private final List<List<Answer>> answers = new ArrayList<>();
    private int fitted;

    Attempt(BankInput input, List<JsonElement> records, Layout layout) {
      this.input = input;
      this.records = records;
      this.layout = layout;
    }

    Optional<Misfit> run() {
      try {
        switch (layout) {
          case CUSTOMER -> customers();
          case EVENT -> events();
          case BALANCE -> balances();
        }
        return Optional.empty();
      } catch (MisalignedException e) {
        return Optional.of(new Misfit(layout, fitted, e.getMessage()));
      }
    }

    private void customers() throws MisalignedException {
      List<CustomerSpec> customers = input.customers();
      for (int c = 0; c < customers.size(); c++) {
        CustomerSpec customer = customers.get(c);
        JsonObject record = record(c, customer.id());
        JsonArray recv = recv(record, "$[" + c + "]", customer.id());
        if (recv.size() != customer.events().size()) {
          throw new MisalignedException(
              "$["
                  + c
                  + "].recv (customer "
                  + customer.id()
                  + "): expected "
                  + customer.events().size()
                  + " entries, one per event, got "
                  + recv.size());
        }
        List<Answer> answered = new ArrayList<>();
        for (int e = 0; e < recv.size(); e++) {
          answered.add(
              entry(c, e, customer, recv.get(e), "$[" + c + "].recv[" + e + "]", record.get("id")));
          fitted++;
        }
        answers.add(answered);
      }
      extra(customers.size());
    }

    private void events() throws MisalignedException {
      int r = 0;
      List<CustomerSpec> customers = input.customers();
      for (int c = 0; c < customers.size(); c++) {
        CustomerSpec customer = customers.get(c);
        List<Answer> answered = new ArrayList<>();
        for (int e = 0; e < customer.events().size(); e++, r++) {
          JsonObject record = record(r, customer.id());
          JsonArray recv = recv(record, "$[" + r + "]", customer.id());
          if (recv.size() != 1) {
            throw new MisalignedException(
                "$["
                    + r
                    + "].recv (customer "
                    + customer.id()
                    + ", event "
                    + e
                    + "): expected one entry, got "
                    + recv.size());
          }
          answered.add(
              entry(c, e, customer, recv.get(0), "$[" + r + "].recv[0]", record.get("id")));
          fitted++;
        }
        answers.add(answered);
      }
      extra(r);
    }

    /** The 2021 balance file: the last query's balance of every customer that queried. */
    private void balances() throws MisalignedException {
      int r = 0;
      List<CustomerSpec> customers = input.customers();
      for (int c = 0; c < customers.size(); c++) {
        CustomerSpec customer = customers.get(c);
        int lastQuery = -1;
        for (int e = 0; e < customer.events().size(); e++) {
          if (customer.events().get(e).operation() == Operation.QUERY) {
            lastQuery = e;
          }
        }
        Long balance = null;
        // A customer without a query has no record: its events are named by its entry.
        String at = lastQuery >= 0 ? "$[" + r + "]" : "customer entry " + (c + 1);
        if (lastQuery >= 0) {
          JsonObject record = record(r, customer.id());
          balance = integer(record.get("balance"));
          if (balance == null) {
            throw new MisalignedException(
                at
                    + " (customer "
                    + customer.id()
                    + "): expected an integer balance, got "
                    + Shown.json(record.get("balance")));
          }
          r++;
          fitted++;
        }
        List<Answer> answered = new ArrayList<>();
        for (int e = 0; e < customer.events().size(); e++) {
          EventSpec event = customer.events().get(e);
          answered.add(
              switch (event.operation()) {
                case QUERY -> new Answer(c, e, event, at, null, e == lastQuery ? balance : null);
                // A deposit always succeeds; whether a withdrawal did, the file does not say.
                case DEPOSIT -> new Answer(c, e, event, at, true, null);
                case WITHDRAW -> new Answer(c, e, event, at, null, null);
              });
        }
        answers.add(answered);
      }
      extra(r);
    }

    private JsonObject record(int r, int customerId) throws MisalignedException {
      String at = "$[" + r + "]";
      if (r >= records.size()) {
        throw new MisalignedException(
            at + " (customer " + customerId + "): expected a record, got nothing");
      }
      JsonElement record = records.get(r);
      if (!record.isJsonObject()
          || !Grader.sameNumber(record.getAsJsonObject().get("id"), customerId)) {
        JsonElement shown =
            record.isJsonObject() && record.getAsJsonObject().has("id")
                ? record.getAsJsonObject().get("id")
                : record;
        throw new MisalignedException(
            at
                + ": expected the record of customer "
                + customerId
                + ", got "
                + (shown == record ? Shown.json(record) : "{\"id\": " + Shown.json(shown) + "}"));
      }
      return record.getAsJsonObject();
    }

    private static JsonArray recv(JsonObject record, String at, int customerId)
        throws MisalignedException {
      JsonElement recv = record.get("recv");
      if (recv == null || !recv.isJsonArray()) {
        throw new MisalignedException(
            at + ".recv (customer " + customerId + "): expected a list, got " + Shown.json(recv));
      }
      return recv.getAsJsonArray();
    }

    private static Answer entry(
        int c, int e, CustomerSpec customer, JsonElement got, String at, JsonElement id)
        throws MisalignedException {
      EventSpec event = customer.events().get(e);
      String where = at + " (customer " + Shown.json(id) + ", event " + e + ")";
      JsonObject entry = got.isJsonObject() ? got.getAsJsonObject() : null;
      if (entry == null
          || !Grader.sameString(entry.get("interface"), event.operation().wireName())) {
        throw new MisalignedException(
            where
                + ": expected the answer to a "
                + event.operation().wireName()
                + ", got "
                + Shown.json(got));
      }
      if (entry.has("branch") && !Grader.sameNumber(entry.get("branch"), event.branch())) {
        throw new MisalignedException(
            where
                + ": the event goes to branch "
                + event.branch()
                + ", the output says branch "
                + Shown.json(entry.get("branch")));
      }
      if (event.operation() == Operation.QUERY) {
        Long balance = integer(entry.get("balance"));
        if (balance == null) {
          throw new MisalignedException(
              where + ": expected an integer balance, got " + Shown.json(entry.get("balance")));
        }
        return new Answer(c, e, event, at, null, balance);
      }
      JsonElement result = entry.get("result");
      boolean success = Grader.sameString(result, "success");
      if (!success && !Grader.sameString(result, "fail")) {
        throw new MisalignedException(
            where + ": expected \"success\" or \"fail\", got " + Shown.json(result));
      }
      return new Answer(c, e, event, at, success, null);
    }

    private void extra(int expected) throws MisalignedException {
      if (records.size() > expected) {
        throw new MisalignedException(
            "$[" + expected + "]: expected nothing, got " + Shown.json(records.get(expected)));
      }
    }
  }

  /** A JSON number with an integer value that fits a long (410.0 is 410), else null. */
  static Long integer(JsonElement value) {
    if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isNumber()) {
      return null;
    }
    try {
      BigDecimal number = value.getAsBigDecimal();
      return number.stripTrailingZeros().scale() > 0 ? null : number.longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }
}
