package banksim.verify;

import banksim.output.Layout;
import java.util.List;
import java.util.stream.Stream;

/**
 * How an output compares with the reference, record by record.
 *
 * @param layout the layout the output was read in (the one that fits it best)
 * @param unit what is counted: "events", or "balances" for the balance layout
 * @param records one score per record the reference has, in order
 * @param extra differences beyond the reference's records (records it does not have)
 * @param correct how many events (or balances) the output got right
 * @param total how many there are
 * @param differences every difference, in output order
 */
public record Grade(
    Layout layout,
    String unit,
    List<RecordGrade> records,
    List<? extends Finding> extra,
    int correct,
    int total,
    List<Finding> differences) {
  public Grade(
      Layout layout, String unit, List<RecordGrade> records, List<? extends Finding> extra) {
    this(
        layout,
        unit,
        List.copyOf(records),
        List.copyOf(extra),
        records.stream().mapToInt(RecordGrade::correct).sum(),
        records.stream().mapToInt(RecordGrade::total).sum(),
        Stream.<Finding>concat(
                records.stream().flatMap(r -> r.differences().stream()), extra.stream())
            .toList());
  }

  /**
   * One record of the reference and how the output's record at its position fared.
   *
   * @param name e.g. "$[3] customer 4"
   * @param correct how many of its events the output got right
   * @param total how many events it has
   * @param differences where the output's record differs, first first
   */
  public record RecordGrade(
      String name, int correct, int total, List<? extends Finding> differences) {
    public RecordGrade {
      differences = List.copyOf(differences);
    }
  }

  /** "score: 196/200 events correct". */
  public String scoreLine() {
    return "score: " + correct() + "/" + total() + " " + unit + " correct";
  }

  /** Whether the output is exactly right: every event correct, nothing extra. */
  public boolean ok() {
    return differences().isEmpty();
  }
}
