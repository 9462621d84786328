package banksim.verify;

/**
 * One place where a guarantee does not hold.
 *
 * @param path the output's location of the event it happened at ({@code $[4]}, {@code
 *     $[1].recv[2]}), or null where there is none (a branch's order of two writes)
 * @param customer the customer's id, or null
 * @param event the event's index in the customer's events (the input's {@code events[N]}), or null
 * @param where the event in words: "$[4] (customer 2, event 5, query at branch 2)"
 * @param problem what is wrong there
 */
public record Violation(String path, Integer customer, Integer event, String where, String problem)
    implements Finding {
  @Override
  public String describe() {
    return where + ": " + problem;
  }
}
