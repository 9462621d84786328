package banksim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A port in use says what to do, and why, where Linux's client ports can be the cause. */
@Tag("unit")
class PortInUseExceptionTest {
  @Test
  void aPortAmongTheClientPortsNamesTheRangeAndABaseBelowIt() {
    String message = new PortInUseException(3, "127.0.0.1:50003", 50003, null).getMessage();

    assertTrue(PortInUseException.inClientPortRange(50003));
    assertTrue(
        message.startsWith(
            "branch 3 cannot listen on 127.0.0.1:50003: the address is already in use (Linux"
                + " hands out ports from "),
        message);
    assertTrue(message.contains("a --base-port below "), message);
  }

  @Test
  void aPortBelowThemSaysOnlyThatItIsTaken() {
    assertEquals(
        "branch 3 cannot listen on 127.0.0.1:20003: the address is already in use",
        new PortInUseException(3, "127.0.0.1:20003", 20003, null).getMessage());
  }
}
