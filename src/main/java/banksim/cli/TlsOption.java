package banksim.cli;

import banksim.certs.CertificateFileException;
import banksim.certs.CertsFolder;
import banksim.certs.TlsMaterial;
import banksim.cluster.BranchAddresses;
import banksim.cluster.ClusterConfig;
import banksim.launch.Failure;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** --tls DIR: mutual TLS with the certificates of 'bank-sim certs'; plaintext without it. */
final class TlsOption {
  @Option(
      names = "--tls",
      paramLabel = "DIR",
      description =
          "mutual TLS with the certificates in DIR, made by 'bank-sim certs': ca.pem;"
              + " branch-N.pem and .key of each branch run here; customers.pem and .key where"
              + " customers run without branches (customers, --processes). Default: plaintext")
  Path dir;

  /**
   * The configuration for a JVM that serves {@code hosted} (none: customers only): with TLS, each
   * hosted branch presents its own certificate and the channels the first one's, or the customers'
   * where none is hosted; without, a warning where branches are off loopback.
   */
  ClusterConfig apply(ClusterConfig config, Collection<Integer> hosted, PrintStream err)
      throws Failure {
    if (dir == null) {
      warnIfExposed(config.addresses(), err);
      return config;
    }
    return config.withTls(
        hosted.isEmpty() ? read(() -> CertsFolder.forCustomers(dir)) : forBranches(hosted));
  }

  /** Checks every branch's files, for a launcher whose branch processes will read them. */
  void checkBranches(Collection<Integer> ids) throws Failure {
    if (dir != null) {
      forBranches(ids);
    }
  }

  private TlsMaterial forBranches(Collection<Integer> ids) throws Failure {
    return read(() -> CertsFolder.forBranches(dir, ids));
  }

  /** The argument that gives a branch process the same certificates. */
  List<String> asArguments() {
    return dir == null ? List.of() : List.of("--tls", dir.toAbsolutePath().toString());
  }

  @FunctionalInterface
  private interface Reading {
    TlsMaterial read() throws CertificateFileException;
  }

  private static TlsMaterial read(Reading reading) throws Failure {
    try {
      return reading.read();
    } catch (CertificateFileException e) {
      throw Failure.invalid(e.getMessage(), e);
    }
  }

  /** One line on standard error where a branch listens or is reached off loopback in plaintext. */
  private static void warnIfExposed(BranchAddresses addresses, PrintStream err) {
    Set<String> exposed = new LinkedHashSet<>();
    addresses.listen().keySet().stream()
        .sorted()
        .flatMap(id -> Stream.of(addresses.listenAddress(id), addresses.connectAddress(id)))
        .map(InetSocketAddress::getAddress)
        .filter(address -> address != null && !address.isLoopbackAddress())
        .map(InetAddress::getHostAddress)
        .forEach(exposed::add);
    if (exposed.isEmpty()) {
      return;
    }
    List<String> shown = new ArrayList<>(exposed);
    err.println(
        "bank-sim: warning: branches at "
            + String.join(", ", shown.subList(0, Math.min(3, shown.size())))
            + (shown.size() > 3 ? " and " + (shown.size() - 3) + " more addresses" : "")
            + " talk in plaintext; anyone who can reach them can move money. Make certificates"
            + " with 'bank-sim certs CLUSTER_FILE -o DIR' and pass --tls DIR.");
    err.flush();
  }
}
