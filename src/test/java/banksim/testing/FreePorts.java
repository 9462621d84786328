package banksim.testing;

import banksim.input.BranchSpec;
import banksim.input.InputParser;
import banksim.input.InvalidInputException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Collection;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds a --base-port under which every branch's port is free right now. Bases are drawn below
 * Linux's ephemeral range (32768+), so outgoing connections do not take them meanwhile.
 */
public final class FreePorts {
  private static final int LOWEST = 10_000;
  private static final int HIGHEST = 32_000;

  private FreePorts() {}

  public static int baseFor(Collection<Integer> branchIds) {
    int maxId = branchIds.stream().mapToInt(Integer::intValue).max().orElse(0);
    for (int attempt = 0; attempt < 200; attempt++) {
      int base = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST - maxId);
      if (branchIds.stream().allMatch(id -> isFree(base + id))) {
        return base;
      }
    }
    throw new IllegalStateException(
        "no free base port found for " + branchIds.size() + " branches");
  }

  /** A free base for every branch of the input file. */
  public static int baseFor(Path input) throws InvalidInputException {
    return baseFor(
        new InputParser(0).parse(input).branches().stream().map(BranchSpec::id).toList());
  }

  /** The same, as the argument of --base-port. */
  public static String base(Path input) throws InvalidInputException {
    return Integer.toString(baseFor(input));
  }

  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
