package banksim.verify;

/** Something wrong with what was graded, said in one line. */
public interface Finding {
  String describe();
}
