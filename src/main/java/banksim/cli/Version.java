package banksim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.Properties;
import java.util.stream.Collectors;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into banksim/version.properties at build time, and the JVM's. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/banksim/version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    }
    String jvmFlags =
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
            .filter(argument -> argument.startsWith("-X"))
            .collect(Collectors.joining(" "));
    return new String[] {
      "bank-sim " + properties.getProperty("version", "unknown"),
      "Java "
          + System.getProperty("java.version")
          + " ("
          + System.getProperty("java.vm.name")
          + (jvmFlags.isEmpty() ? "" : ", " + jvmFlags)
          + "), gRPC over Netty"
    };
  }
}
