package banksim.launch;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;

/**
 * Netty settings that only cost start-up time here, applied before any Netty class loads. Measured
 * with JFR on the 22 branch processes of the seed example: Netty's own JFR events (on whenever the
 * JVM has JFR) loaded and checked event classes on every buffer allocation, 16% of the branches'
 * CPU; and looking for SLF4J and Log4j 2 before settling on java.util.logging, which grpc-java logs
 * through anyway, cost each process two failed class look-ups.
 */
public final class NettyDefaults {
  private static final String JFR_EVENTS = "io.netty.jfr.enabled";

  private NettyDefaults() {}

  /** Call first thing in a main method; a setting the user gave with -D stays theirs. */
  public static void apply() {
    if (System.getProperty(JFR_EVENTS) == null) {
      System.setProperty(JFR_EVENTS, "false");
    }
    InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
  }
}
