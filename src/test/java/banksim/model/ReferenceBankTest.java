package banksim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import banksim.input.InputParser;
import banksim.output.OutputJson;
import banksim.testing.Vectors;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sequential model reproduces every shared vector, so tests may use it as the oracle. */
class ReferenceBankTest {
  static List<String> vectors() {
    return Vectors.names();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void reproducesTheVector(String name) throws Exception {
    String expected = Files.readString(Vectors.expected(name));

    String actual = OutputJson.pretty(ReferenceBank.run(new InputParser(0).parse(Vectors.input(name))));

    assertEquals(expected, actual);
  }
}
