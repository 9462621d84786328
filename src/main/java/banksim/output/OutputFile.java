package banksim.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes the output file so that a reader never sees half of it: the bytes go to a temporary file
 * beside the target, which is then renamed into place. A failed run leaves the target untouched.
 */
public final class OutputFile {
  private final Path target;

  public OutputFile(Path target) {
    this.target = target.toAbsolutePath().normalize();
  }

  /**
   * Checks, before anything starts, that the file can be written.
   *
   * @throws IOException with a message saying what is wrong and what to do
   */
  public void checkWritable() throws IOException {
    Path dir = directory();
    if (!Files.isDirectory(dir)) {
      throw new IOException("cannot write the output: folder " + dir + " does not exist");
    }
    if (Files.isDirectory(target)) {
      throw new IOException("cannot write the output: " + target + " is a folder; name a file with -o");
    }
    if (!Files.isWritable(dir) || (Files.exists(target) && !Files.isWritable(target))) {
      throw new IOException("cannot write the output: no permission to write " + target
          + "; choose another file with -o");
    }
  }

  public void write(String content) throws IOException {
    Path dir = directory();
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      keepPermissions(temp);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** A temporary file is private (rw-------); the output gets the target's or rw-r--r--. */
  private void keepPermissions(Path temp) throws IOException {
    if (!Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return;
    }
    Set<PosixFilePermission> permissions = Files.exists(target)
        ? Files.getPosixFilePermissions(target)
        : PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(temp, permissions);
  }

  @Override
  public String toString() {
    return target.toString();
  }

  private Path directory() {
    Path parent = target.getParent();
    return parent == null ? Path.of(".").toAbsolutePath() : parent;
  }
}
