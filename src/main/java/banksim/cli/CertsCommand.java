package banksim.cli;

import banksim.certs.CertificateFileException;
import banksim.certs.CertsFolder;
import banksim.input.BranchSpec;
import banksim.input.ClusterFile;
import banksim.input.InputParser;
import banksim.input.InvalidInputException;
import banksim.input.JsonFile;
import banksim.launch.ExitCode;
import banksim.launch.Failure;
import com.google.gson.JsonElement;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bank-sim certs}: a CA and every certificate of a bank, for --tls. */
@Command(
    name = "certs",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    header = "Makes the certificates of a bank for --tls.",
    description = {
      "Makes a new CA and, signed by it, a certificate for each branch of FILE and",
      "one for the customers: EC P-256 keys, SHA256withECDSA, valid for a year.",
      "FILE is a cluster file (a JSON object from branch id to \"host:port\") or an",
      "INPUT (its branches on loopback). Writes PEM files into DIR:",
      "  ca.pem          the CA's certificate: every host needs it",
      "  branch-N.pem    branch N's certificate: CN=branch-N, its cluster entry's",
      "                  host (IP or DNS name), 127.0.0.1, ::1 and localhost",
      "  branch-N.key    branch N's key: only the host that runs branch N needs it",
      "  customers.pem   the customers' certificate (CN=customers): they may call",
      "                  MsgDelivery and Query, and not move money between branches",
      "  customers.key   the customers' key: only the host that runs them needs it",
      "Keys are readable by their owner only. The CA's key is not kept, so nobody can",
      "issue another certificate: to add a branch, make a new folder. Refuses to",
      "overwrite: every file must be new."
    },
    footerHeading = "%nExample:%n",
    footer = {
      "  java -jar target/bank-sim.jar certs cluster.json -o certs",
      "  java -jar target/bank-sim.jar certs input/seed.json -o seed-certs",
      "  java -jar target/bank-sim.jar input/seed.json --tls seed-certs"
    })
final class CertsCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "a cluster file, or an INPUT whose branches run on loopback")
  private Path file;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      required = true,
      description = "the folder to write into (made where missing)")
  private Path dir;

  private final PrintStream err;

  CertsCommand(PrintStream err) {
    this.err = err;
  }

  @Override
  public Integer call() throws Failure {
    Map<Integer, String> hosts = branchHosts();
    List<Path> written;
    try {
      written = CertsFolder.make(dir, hosts, Instant.now());
    } catch (CertificateFileException e) {
      throw Failure.invalid(e.getMessage(), e);
    }
    err.println(
        "bank-sim: wrote "
            + written.size()
            + " files into "
            + dir
            + " for "
            + hosts.size()
            + (hosts.size() == 1 ? " branch" : " branches")
            + "; give every host ca.pem and only its own branch-N or customers files");
    err.flush();
    return ExitCode.OK;
  }

  /** Every branch of FILE with the host it is reached at. */
  private Map<Integer, String> branchHosts() throws Failure {
    try {
      JsonElement root = JsonFile.read(file);
      Map<Integer, String> hosts = new LinkedHashMap<>();
      if (root.isJsonObject()) {
        ClusterFile.parse(root).forEach((id, entry) -> hosts.put(id, entry.host()));
      } else if (root.isJsonArray()) {
        for (BranchSpec branch : new InputParser(0).validate(root).branches()) {
          hosts.put(branch.id(), "127.0.0.1");
        }
      } else {
        throw new InvalidInputException(
            "must be a cluster file (a JSON object from branch id to \"host:port\") or an INPUT"
                + " (a JSON array)");
      }
      if (hosts.isEmpty()) {
        throw new InvalidInputException(
            "names no branch; there is nothing to make certificates for");
      }
      return hosts;
    } catch (InvalidInputException e) {
      throw Failure.invalid(file + ": " + e.getMessage(), e);
    }
  }
}
