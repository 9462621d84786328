package banksim.cli;

import banksim.customer.Guarantees;
import banksim.run.RunSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** How the customers run: one after another, or all at once; and what to say at the end. */
final class RunOptions {
  @Option(
      names = "--concurrent",
      description =
          "run all customers at once (each one's events in order); then check that"
              + " the replicas agree. The output is then not deterministic")
  boolean concurrent;

  @Option(
      names = {"-v", "--verbose"},
      description = "print the final balance of the branches on standard error")
  boolean verbose;

  @Option(
      names = "--guarantees",
      paramLabel = "G",
      defaultValue = "none",
      converter = GuaranteesConverter.class,
      description =
          "what each customer's requests ask of a branch (SPEC section 8): none, ryw (served"
              + " only where the customer's earlier writes are applied), mw (its writes applied"
              + " in its order everywhere) or ryw,mw; matters with --propagation async"
              + " (default: ${DEFAULT-VALUE})")
  Guarantees guarantees;

  RunSettings settings() {
    return new RunSettings(concurrent, verbose, guarantees);
  }

  /** Reads --guarantees; picocli reports what it throws as a usage error. */
  static final class GuaranteesConverter implements CommandLine.ITypeConverter<Guarantees> {
    @Override
    public Guarantees convert(String value) {
      try {
        return Guarantees.parse(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }
}
