package banksim.cli;

import banksim.input.BankInput;
import banksim.launch.Failure;
import java.io.PrintStream;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bank-sim branch INPUT --id N}: one branch of INPUT, its peers the others. */
@Command(
    name = "branch",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    header = "Serves one branch of INPUT until SIGINT or SIGTERM.",
    description = {
      "Serves one branch of INPUT (its balance and its peers come from INPUT) until",
      "SIGINT or SIGTERM. Peers may start in any order: a propagation waits for a peer",
      "up to its deadline. With --cluster, the branch listens on its own entry's address."
    },
    footerHeading = "%nExample:%n",
    footer = "  java -jar target/bank-sim.jar branch input/seed.json --id 3 --cluster cluster.json")
final class BranchCommand extends ServeCommand {
  @Option(names = "--id", paramLabel = "N", required = true, description = "the branch to serve")
  private int id;

  BranchCommand(ErrorReport errors, PrintStream err) {
    super(errors, err);
  }

  /** For {@link BranchProcessMain}, which reads the launcher's arguments without picocli. */
  void setId(int id) {
    this.id = id;
  }

  int id() {
    return id;
  }

  @Override
  List<Integer> hosted(BankInput bank) throws Failure {
    if (bank.branches().stream().noneMatch(branch -> branch.id() == id)) {
      throw Failure.usage("--id " + id + ": " + input + " has no branch " + id);
    }
    return List.of(id);
  }
}
