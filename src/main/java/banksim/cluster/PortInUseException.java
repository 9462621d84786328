package banksim.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A branch's port is taken by another process. */
public final class PortInUseException extends RunFailedException {
  private static final long serialVersionUID = 1L;

  public PortInUseException(int branchId, String address, int port, Throwable cause) {
    super(
        "branch "
            + branchId
            + " cannot listen on "
            + address
            + ": the address is already in use"
            + (inClientPortRange(port)
                ? " (Linux hands out ports from "
                    + CLIENT_PORTS[0]
                    + " to "
                    + CLIENT_PORTS[1]
                    + " to other programs' connections, which can hold it for a minute: a"
                    + " --base-port below "
                    + CLIENT_PORTS[0]
                    + " avoids them)"
                : ""),
        cause);
  }

  /** Linux's ephemeral port range, where it picks client ports; 32768-60999 if unknown. */
  private static final int[] CLIENT_PORTS = clientPorts();

  private static int[] clientPorts() {
    try {
      String[] range =
          Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
              .trim()
              .split("\\s+", -1);
      return new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[1])};
    } catch (IOException | RuntimeException e) {
      return new int[] {32768, 60999};
    }
  }

  static boolean inClientPortRange(int port) {
    return port >= CLIENT_PORTS[0] && port <= CLIENT_PORTS[1];
  }
}
