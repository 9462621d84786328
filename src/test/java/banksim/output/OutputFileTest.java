package banksim.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import banksim.testing.Dirs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The output file: replaced whole, through a link, and never a device or FIFO replaced. */
@Tag("unit")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OutputFileTest {
  @TempDir Path dir;

  @Test
  void aRegularFileIsReplacedWholeAndNothingIsLeftBeside() throws Exception {
    Path file = Files.writeString(dir.resolve("out.json"), "an earlier output, longer than this");

    new OutputFile(file).write("[]\n");

    assertEquals("[]\n", Files.readString(file));
    assertEquals(List.of(file), Dirs.entries(dir));
  }

  @Test
  void aSymbolicLinkStaysAndTheFileItNamesIsReplaced() throws Exception {
    Path real = Files.writeString(dir.resolve("real.json"), "old");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), real.getFileName());
    Path dangling = Files.createSymbolicLink(dir.resolve("dangling.json"), Path.of("new.json"));

    new OutputFile(link).write("new\n");
    new OutputFile(dangling).write("created\n");

    assertTrue(Files.isSymbolicLink(link));
    assertEquals("new\n", Files.readString(real));
    assertTrue(Files.isSymbolicLink(dangling));
    assertEquals("created\n", Files.readString(dir.resolve("new.json")));
  }

  @Test
  void aChainOfLinksIsFollowedToItsEndAndEveryLinkStays() throws Exception {
    Path first = Files.createSymbolicLink(dir.resolve("first.json"), Path.of("second.json"));
    Path second = Files.createSymbolicLink(dir.resolve("second.json"), Path.of("absent.json"));

    new OutputFile(first).write("[]\n");

    assertTrue(Files.isSymbolicLink(first) && Files.isSymbolicLink(second), "both links stay");
    assertEquals("[]\n", Files.readString(dir.resolve("absent.json")));
  }

  @Test
  void aLoopOfLinksIsRefusedAndNothingIsWritten() throws Exception {
    Path a = Files.createSymbolicLink(dir.resolve("a.json"), Path.of("b.json"));
    Files.createSymbolicLink(dir.resolve("b.json"), Path.of("a.json"));

    IOException refused = assertThrows(IOException.class, () -> new OutputFile(a).checkWritable());

    assertTrue(refused.getMessage().contains("too many levels of symbolic links"));
    assertEquals(2, Dirs.entries(dir).size());
  }

  @Test
  void dotDotAfterALinkedFolderIsWhereTheFileSystemSaysNotWhereTheTextSays() throws Exception {
    Path sub = Files.createDirectories(dir.resolve("real").resolve("sub"));
    Path linked = Files.createSymbolicLink(dir.resolve("linked"), sub);

    new OutputFile(linked.resolve("..").resolve("out.json")).write("[]\n");

    assertEquals("[]\n", Files.readString(dir.resolve("real").resolve("out.json")));
    assertFalse(Files.exists(dir.resolve("out.json")));
  }

  @Test
  void aDescriptorOtherThanStandardOutputOrErrorIsRefused() throws Exception {
    Path toDescriptor =
        Files.createSymbolicLink(dir.resolve("fd.json"), Path.of("/proc/self/fd/7"));

    Path linkedProc = Files.createSymbolicLink(dir.resolve("p"), Path.of("/proc/self"));

    for (Path path :
        List.of(
            Path.of("/dev/fd/0"),
            Path.of("/proc/1/fd/1"),
            Path.of("/proc/thread-self/fd/7"),
            linkedProc.resolve("fd").resolve("7"),
            toDescriptor)) {
      IOException refused =
          assertThrows(
              IOException.class, () -> new OutputFile(path).checkWritable(), path::toString);
      assertTrue(
          refused.getMessage().contains("other than standard output or error"), path::toString);
    }
    assertTrue(Files.isSymbolicLink(toDescriptor));
  }

  @Test
  void devNullIsWrittenIntoNotReplaced() throws Exception {
    Path devNull = Path.of("/dev/null");
    OutputFile file = new OutputFile(devNull);

    file.checkWritable();
    file.write("[]\n");

    assertTrue(Files.exists(devNull) && !Files.isRegularFile(devNull), "still a device");
  }

  @Test
  void aFifoIsWrittenIntoNotReplaced() throws Exception {
    Path fifo = dir.resolve("fifo");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo");
    CompletableFuture<String> read =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(Files.readAllBytes(fifo), StandardCharsets.UTF_8);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });

    new OutputFile(fifo).write("through the pipe\n");

    assertEquals("through the pipe\n", read.get(10, TimeUnit.SECONDS));
    assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "still a FIFO");
  }
}
