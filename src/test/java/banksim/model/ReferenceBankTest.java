package banksim.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import banksim.input.BankInput;
import banksim.input.InputParser;
import banksim.output.Layout;
import banksim.output.OutputJson;
import banksim.testing.Vectors;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The sequential model reproduces every shared vector, so tests may use it as the oracle. */
@Tag("unit")
class ReferenceBankTest {
  static List<Vectors.Output> vectors() {
    return Vectors.outputs();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void reproducesTheVectorInItsLayout(Vectors.Output vector) throws Exception {
    String expected = Files.readString(vector.expected());
    BankInput input = new InputParser(0).parse(vector.input());

    String actual =
        OutputJson.pretty(
            ReferenceBank.run(input), vector.layout().orElse(Layout.defaultFor(input)));

    assertEquals(expected, actual);
  }
}
