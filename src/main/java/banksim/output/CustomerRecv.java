package banksim.output;

import java.util.List;
import java.util.Optional;

/** One customer entry's part of the output: its id and what it received, event by event. */
public record CustomerRecv(int id, List<RecvEntry> recv) {
  public CustomerRecv {
    recv = List.copyOf(recv);
  }

  /** The answer to its last query, if it made one. */
  public Optional<RecvEntry> lastQuery() {
    for (int i = recv.size() - 1; i >= 0; i--) {
      if (recv.get(i).isQuery()) {
        return Optional.of(recv.get(i));
      }
    }
    return Optional.empty();
  }
}
