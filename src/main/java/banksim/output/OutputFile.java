package banksim.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a file so that a reader never sees half of it: the bytes go to a temporary file beside the
 * target, which is then renamed into place. A failed run leaves the target untouched. A symbolic
 * link is followed (the file it names is replaced, the link stays); a target that exists and is not
 * a regular file ({@code /dev/null}, a FIFO, a terminal) is written into, never replaced.
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
    Path file = resolved();
    Path dir = directory(file);
    if (!Files.isDirectory(dir)) {
      throw new IOException("cannot write the output: folder " + dir + " does not exist");
    }
    if (Files.isDirectory(file)) {
      throw new IOException("cannot write the output: " + file + " is a folder; name a file");
    }
    boolean writable =
        Files.exists(file)
            ? Files.isWritable(file) && (isSpecial(file) || Files.isWritable(dir))
            : Files.isWritable(dir);
    if (!writable) {
      throw new IOException(
          "cannot write the output: no permission to write " + file + "; choose another file");
    }
    if (!isSpecial(file)) {
      probe(file, dir);
    }
  }

  /**
   * Creates and deletes the temporary file the write will use, so that what only the file system
   * knows (a name too long, a full or read-only disk) stops the run before it starts.
   */
  private static void probe(Path file, Path dir) throws IOException {
    Path temp;
    try {
      temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    } catch (IOException e) {
      String reason =
          e instanceof FileSystemException fs && fs.getReason() != null
              ? fs.getReason()
              : e.toString();
      throw new IOException("cannot write the output: " + file + ": " + reason, e);
    }
    Files.deleteIfExists(temp);
  }

  public void write(String content) throws IOException {
    Path file = resolved();
    if (isSpecial(file)) {
      try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE)) {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      }
      return;
    }
    Path temp = Files.createTempFile(directory(file), "." + file.getFileName() + ".", ".tmp");
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      keepPermissions(file, temp);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * The file a symbolic link names (the link itself is never replaced); else the target. A link to
   * what has no path, as /dev/stdout is to a pipe, is the target itself: written through, never
   * replaced.
   */
  private Path resolved() throws IOException {
    if (!Files.isSymbolicLink(target)) {
      return target;
    }
    if (!Files.exists(target)) {
      return target.resolveSibling(Files.readSymbolicLink(target)).normalize();
    }
    try {
      return target.toRealPath();
    } catch (NoSuchFileException e) {
      return target;
    }
  }

  /** A device, a FIFO, a socket: a file that exists but that a rename would destroy. */
  private static boolean isSpecial(Path file) {
    return Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file);
  }

  /** A temporary file is private (rw-------); the output gets the target's or rw-r--r--. */
  private static void keepPermissions(Path file, Path temp) throws IOException {
    if (!Files.getFileStore(temp).supportsFileAttributeView(PosixFileAttributeView.class)) {
      return;
    }
    Set<PosixFilePermission> permissions =
        Files.exists(file)
            ? Files.getPosixFilePermissions(file)
            : PosixFilePermissions.fromString("rw-r--r--");
    Files.setPosixFilePermissions(temp, permissions);
  }

  @Override
  public String toString() {
    return target.toString();
  }

  private static Path directory(Path file) {
    Path parent = file.getParent();
    return parent == null ? Path.of(".").toAbsolutePath() : parent;
  }
}
