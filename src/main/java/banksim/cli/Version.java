package banksim.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into banksim/version.properties at build time. */
final class Version implements IVersionProvider {
  @Override
  public String[] getVersion() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream("/banksim/version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    }
    return new String[] {"bank-sim " + properties.getProperty("version", "unknown"),
        "Java " + System.getProperty("java.version") + ", gRPC over Netty"};
  }
}
