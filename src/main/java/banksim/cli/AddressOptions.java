package banksim.cli;

import banksim.branch.PropagationPolicy;
import banksim.cluster.BranchAddresses;
import banksim.cluster.ClusterConfig;
import banksim.input.BankInput;
import banksim.input.BranchSpec;
import banksim.input.ClusterFile;
import banksim.input.ClusterFile.HostPort;
import banksim.input.InputParser;
import banksim.input.InvalidInputException;
import banksim.launch.Failure;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** Where the branches are: --bind and --base-port, or a --cluster file; and --deadline-ms. */
final class AddressOptions {
  static final int MAX_BASE_PORT = InputParser.MAX_PORT - 1;
  private static final String DEFAULT_BIND = "127.0.0.1";

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description =
          "the address branches listen on (default: "
              + DEFAULT_BIND
              + "; with --cluster, each branch's own entry)")
  String bind;

  @Option(
      names = "--base-port",
      paramLabel = "PORT",
      defaultValue = "50000",
      description = "branch N listens on PORT + N (default: ${DEFAULT-VALUE})")
  int basePort;

  @Option(
      names = "--cluster",
      paramLabel = "FILE",
      description = "a JSON object from branch id to \"host:port\": every branch's address")
  Path cluster;

  @Option(
      names = "--deadline-ms",
      paramLabel = "MS",
      defaultValue = "5000",
      description =
          "deadline of each propagation call; a customer's call gets one more than"
              + " all attempts of its write (default: ${DEFAULT-VALUE})")
  long deadlineMillis;

  @Option(
      names = "--retries",
      paramLabel = "N",
      defaultValue = "3",
      description =
          "further attempts of a propagation that got no answer; a retry is applied"
              + " once (default: ${DEFAULT-VALUE})")
  int retries;

  @Option(
      names = "--propagation",
      paramLabel = "MODE",
      defaultValue = "sync",
      converter = ModeConverter.class,
      description =
          "sync: a write is answered once every branch applied it (the seed's design); async:"
              + " once its own branch did, the others get it in the background; strong: every"
              + " write ordered by one coordinator and applied everywhere or nowhere, so no"
              + " withdrawal overdraws (default: ${DEFAULT-VALUE})")
  PropagationPolicy.Mode propagation = PropagationPolicy.Mode.SYNC;

  @Option(
      names = "--delay-ms",
      paramLabel = "MS",
      defaultValue = "0",
      description =
          "with --propagation async: hold every propagation this long before it is sent, so"
              + " that stale replicas can be seen (default: ${DEFAULT-VALUE})")
  long delayMillis;

  /** Reads --propagation; picocli reports what it throws as a usage error. */
  static final class ModeConverter implements CommandLine.ITypeConverter<PropagationPolicy.Mode> {
    @Override
    public PropagationPolicy.Mode convert(String value) {
      return PropagationPolicy.Mode.ofLabel(value)
          .orElseThrow(
              () ->
                  new CommandLine.TypeConversionException(
                      "'" + value + "' is no propagation mode; give sync, async or strong"));
    }
  }

  /** Checks the options that do not depend on the input. */
  void check() throws Failure {
    if (basePort < 0 || basePort > MAX_BASE_PORT) {
      throw Failure.usage("--base-port must be from 0 to " + MAX_BASE_PORT + ", got " + basePort);
    }
    if (bind != null && bind.isBlank()) {
      throw Failure.usage("--bind must name an address, such as 127.0.0.1 or 0.0.0.0");
    }
    if (deadlineMillis < 1) {
      throw Failure.usage("--deadline-ms must be at least 1, got " + deadlineMillis);
    }
    if (retries < 0 || retries > 100) {
      throw Failure.usage("--retries must be from 0 to 100, got " + retries);
    }
    if (delayMillis < 0 || delayMillis > 600_000) {
      throw Failure.usage("--delay-ms must be from 0 to 600000, got " + delayMillis);
    }
    if (delayMillis > 0 && propagation != PropagationPolicy.Mode.ASYNC) {
      throw Failure.usage(
          "--delay-ms holds propagations back only with --propagation async; add it, or drop"
              + " --delay-ms");
    }
  }

  /** The parser for INPUT: with a cluster file, ports come from it, not from --base-port. */
  InputParser inputParser() {
    return new InputParser(cluster == null ? basePort : 0);
  }

  ClusterConfig config(BankInput input, long readyTimeoutMillis) throws Failure {
    InetAddress bindAddress = bind == null ? null : resolve(bind, "--bind");
    List<Integer> ids = input.branches().stream().map(BranchSpec::id).toList();
    BranchAddresses addresses;
    if (cluster == null) {
      addresses =
          BranchAddresses.onPorts(
              bindAddress == null ? resolve(DEFAULT_BIND, "--bind") : bindAddress, basePort, ids);
    } else {
      addresses = BranchAddresses.fromCluster(clusterEntries(ids), bindAddress);
    }
    return new ClusterConfig(
        addresses,
        new PropagationPolicy(deadlineMillis, retries, propagation, delayMillis),
        readyTimeoutMillis);
  }

  private Map<Integer, InetSocketAddress> clusterEntries(List<Integer> ids) throws Failure {
    Map<Integer, HostPort> entries;
    try {
      entries = ClusterFile.read(cluster);
    } catch (InvalidInputException e) {
      throw Failure.invalid(cluster + ": " + e.getMessage(), e);
    }
    Map<Integer, InetSocketAddress> addresses = new LinkedHashMap<>();
    for (int id : ids) {
      HostPort entry = entries.get(id);
      if (entry == null) {
        throw Failure.invalid(
            cluster + ": no address for branch " + id + "; add \"" + id + "\": \"host:port\"",
            null);
      }
      addresses.put(
          id, new InetSocketAddress(resolve(entry.host(), cluster.toString()), entry.port()));
    }
    return addresses;
  }

  /** What to add to a port-in-use error: the option that moves the ports. */
  String portHint() {
    return cluster == null
        ? "choose other ports with --base-port (now " + basePort + ")"
        : "choose other ports in " + cluster;
  }

  /** The arguments that give a branch process the same addresses and deadline. */
  List<String> asArguments() {
    List<String> arguments = new ArrayList<>();
    if (bind != null) {
      arguments.addAll(List.of("--bind", bind));
    }
    if (cluster != null) {
      arguments.addAll(List.of("--cluster", cluster.toAbsolutePath().toString()));
    }
    arguments.addAll(
        List.of(
            "--base-port",
            Integer.toString(basePort),
            "--deadline-ms",
            Long.toString(deadlineMillis),
            "--retries",
            Integer.toString(retries),
            "--propagation",
            propagation.label(),
            "--delay-ms",
            Long.toString(delayMillis)));
    return arguments;
  }

  private static InetAddress resolve(String host, String where) throws Failure {
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw Failure.usage(
          where + ": cannot resolve '" + host + "'; give an IP address such as 127.0.0.1");
    }
  }
}
