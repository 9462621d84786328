package banksim.launch;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;

/**
 * Netty settings that only cost time here, applied before any Netty class loads. Measured with JFR
 * and perf: Netty's own JFR events (on whenever the JVM has JFR) loaded and checked event classes
 * on every buffer allocation, 16% of the CPU of the seed example's 22 branch processes; its leak
 * detector records a stack trace for one buffer in 128, a few percent of 100 x 100 x 10 (which
 * tests, running without this, still watch for); and looking for SLF4J and Log4j 2 before settling
 * on java.util.logging, which grpc-java logs through anyway, cost each process two failed class
 * look-ups.
 */
public final class NettyDefaults {
  private static final String JFR_EVENTS = "io.netty.jfr.enabled";
  private static final String LEAK_DETECTION = "io.netty.leakDetection.level";
  private static final String LEAK_DETECTION_OLD_NAME = "io.netty.leakDetectionLevel";

  private NettyDefaults() {}

  /** Call first thing in a main method; a setting the user gave with -D stays theirs. */
  public static void apply() {
    if (System.getProperty(JFR_EVENTS) == null) {
      System.setProperty(JFR_EVENTS, "false");
    }
    if (System.getProperty(LEAK_DETECTION) == null
        && System.getProperty(LEAK_DETECTION_OLD_NAME) == null) {
      System.setProperty(LEAK_DETECTION, "disabled");
    }
    InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
  }
}
