package banksim.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The shared test vectors, copied into the test resources under vectors/. */
public final class Vectors {
  private static final String EXPECTED = ".expected.json";

  private Vectors() {}

  public static Path dir() {
    try {
      return Path.of(Vectors.class.getResource("/vectors").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The name of every valid vector: NAME.json runs and must write NAME.expected.json. */
  public static List<String> names() {
    try (Stream<Path> files = Files.list(dir())) {
      List<String> names = new ArrayList<>(files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(EXPECTED))
          .map(n -> n.substring(0, n.length() - EXPECTED.length()))
          .sorted()
          .toList());
      if (names.isEmpty()) {
        throw new IllegalStateException("no vectors in " + dir());
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path input(String name) {
    return dir().resolve(name + ".json");
  }

  public static Path expected(String name) {
    return dir().resolve(name + EXPECTED);
  }

  /** The rows of invalid/cases.tsv: file, exit code, text the error line must contain. */
  public static List<InvalidCase> invalidCases() {
    try {
      return Files.readAllLines(dir().resolve("invalid/cases.tsv")).stream()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.split("\t"))
          .map(f -> new InvalidCase(dir().resolve("invalid").resolve(f[0]), Integer.parseInt(f[1]), f[2]))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public record InvalidCase(Path file, int exitCode, String text) {
    @Override
    public String toString() {
      return file.getFileName().toString();
    }
  }
}
