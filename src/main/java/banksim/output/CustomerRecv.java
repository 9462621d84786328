package banksim.output;

import java.util.List;

/** One customer's part of the output: its id and what it received, event by event. */
public record CustomerRecv(int id, List<RecvEntry> recv) {
  public CustomerRecv {
    recv = List.copyOf(recv);
  }
}
