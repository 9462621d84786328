package banksim.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import banksim.output.Layout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    return outputs().stream().filter(o -> o.layout().isEmpty()).map(Output::name).toList();
  }

  /**
   * Every expected output: NAME.expected.json (the default layout) and NAME.LAYOUT.expected.json
   * (the same run with --layout LAYOUT).
   */
  public static List<Output> outputs() {
    try (Stream<Path> files = Files.list(dir())) {
      List<Output> outputs =
          new ArrayList<>(
              files
                  .map(p -> p.getFileName().toString())
                  .filter(n -> n.endsWith(EXPECTED))
                  .map(n -> Output.of(n.substring(0, n.length() - EXPECTED.length())))
                  .sorted((a, b) -> a.toString().compareTo(b.toString()))
                  .toList());
      if (outputs.isEmpty()) {
        throw new IllegalStateException("no vectors in " + dir());
      }
      return outputs;
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

  /** A vector's expected bytes in the default layout or one asked for with --layout. */
  public record Output(String name, Optional<Layout> layout) {
    /** "NAME" or "NAME.LAYOUT", as the expected file is named. */
    public static Output of(String stem) {
      for (Layout layout : Layout.values()) {
        String suffix = "." + layout.optionName();
        if (stem.endsWith(suffix)) {
          return new Output(
              stem.substring(0, stem.length() - suffix.length()), Optional.of(layout));
        }
      }
      return new Output(stem, Optional.empty());
    }

    public Path input() {
      return Vectors.input(name);
    }

    public Path expected() {
      return dir().resolve(toString() + EXPECTED);
    }

    /** The command-line options that ask for this layout: none for the default. */
    public List<String> layoutArgs() {
      return layout.map(l -> List.of("--layout", l.optionName())).orElse(List.of());
    }

    @Override
    public String toString() {
      return name + layout.map(l -> "." + l.optionName()).orElse("");
    }
  }

  /** The Project 2 vectors: p2/NAME.json with its three logs. */
  public static List<String> projectTwoNames() {
    try (Stream<Path> files = Files.list(dir().resolve("p2"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json") && n.indexOf('.') == n.lastIndexOf('.'))
          .map(n -> n.substring(0, n.length() - ".json".length()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a Project 2 vector's input with --clocks into {@code dir}; checks the three logs. */
  public static void assertProjectTwoLogs(String name, Path dir, Path output) throws IOException {
    Path p2 = dir().resolve("p2");
    assertArrayEquals(
        Files.readAllBytes(p2.resolve(name + ".all_events.json")),
        Files.readAllBytes(output),
        name + ": all events");
    for (String log : List.of("customer_events", "branch_events")) {
      assertArrayEquals(
          Files.readAllBytes(p2.resolve(name + "." + log + ".json")),
          Files.readAllBytes(dir.resolve(log + ".json")),
          name + ": " + log);
    }
  }

  /** The rows of invalid/cases.tsv: file, exit code, text the error line must contain. */
  public static List<InvalidCase> invalidCases() {
    try {
      return Files.readAllLines(dir().resolve("invalid/cases.tsv")).stream()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.split("\t"))
          .map(
              f ->
                  new InvalidCase(
                      dir().resolve("invalid").resolve(f[0]), Integer.parseInt(f[1]), f[2]))
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
