package banksim.input;

import java.util.List;

/** A customer of the input and its events, in the order it sends them. */
public record CustomerSpec(int id, List<EventSpec> events) {
  public CustomerSpec {
    events = List.copyOf(events);
  }
}
