package banksim.output;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a file so that a reader never sees half of it: the bytes go to a temporary file beside the
 * target, which is then renamed into place. A failed run leaves the target untouched. A symbolic
 * link is followed (the file it names is replaced, the link stays); a target that exists and is not
 * a regular file ({@code /dev/null}, a FIFO, a terminal) is written into, never replaced; and a
 * path that names this process's standard output or error ({@code /dev/stdout}, {@code
 * /proc/self/fd/1}) is written through that descriptor as {@code -o -} writes, so that neither a
 * shell's {@code >>} nor a closed standard output can make it replace another file.
 */
public final class OutputFile {
  /** As Linux's limit: a chain of links longer than this is a loop. */
  private static final int MAX_LINKS = 40;

  /** A real path that names a descriptor: /proc/PID/fd/N, or a thread's /proc/PID/task/TID/fd/N. */
  private static final Pattern DESCRIPTOR =
      Pattern.compile("/proc/([0-9]+)(?:/task/[0-9]+)?/fd/([0-9]+)");

  private final Path target;

  public OutputFile(Path target) {
    // Not normalized: "link/.." is the link's target's parent, which only the file system knows.
    this.target = target.toAbsolutePath();
  }

  /**
   * Checks, before anything starts, that the file can be written.
   *
   * @throws IOException with a message saying what is wrong and what to do
   */
  public void checkWritable() throws IOException {
    OptionalInt descriptor = descriptor();
    if (descriptor.isPresent()) {
      checkDescriptor(descriptor.getAsInt());
      return;
    }
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
    OptionalInt descriptor = descriptor();
    if (descriptor.isPresent()) {
      try (OutputStream out = through(descriptor.getAsInt())) {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      }
      return;
    }
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
   * The file the target names once its symbolic links are followed one by one (the links themselves
   * are never replaced): the first path that is not a link, existing or not.
   */
  private Path resolved() throws IOException {
    Path path = target;
    for (int links = 0; Files.isSymbolicLink(path); links++) {
      if (links == MAX_LINKS) {
        throw new IOException(
            "cannot write the output: " + target + ": too many levels of symbolic links");
      }
      path = path.resolveSibling(Files.readSymbolicLink(path));
    }
    return path;
  }

  /**
   * Standard output or error where the target, or a link on the way, names one of this process's
   * descriptors (/dev/stdout, /proc/self/fd/1, /dev/fd/2, through any linked folder): written
   * through it as {@code -o -} writes, never resolved to whatever the descriptor has open, never
   * replaced.
   *
   * @throws IOException for any other descriptor, or another process's
   */
  private OptionalInt descriptor() throws IOException {
    Path path = target;
    for (int links = 0; links <= MAX_LINKS; links++) {
      OptionalInt named = descriptorNamed(path);
      if (named.isPresent() || !Files.isSymbolicLink(path)) {
        return named;
      }
      path = path.resolveSibling(Files.readSymbolicLink(path));
    }
    return OptionalInt.empty(); // resolved() reports the loop
  }

  /** The descriptor this path names, judged by its folder's real path (/proc/self is a link). */
  private OptionalInt descriptorNamed(Path path) throws IOException {
    Path parent = path.getParent();
    if (parent == null || path.getFileName() == null) {
      return OptionalInt.empty();
    }
    Path real;
    try {
      real = parent.toRealPath().resolve(path.getFileName());
    } catch (IOException e) {
      return OptionalInt.empty(); // no such folder: no descriptor either
    }
    Matcher named = DESCRIPTOR.matcher(real.toString());
    if (!named.matches()) {
      return OptionalInt.empty();
    }
    int number = Integer.parseInt(named.group(2));
    if (Long.parseLong(named.group(1)) != ProcessHandle.current().pid()
        || (number != 1 && number != 2)) {
      throw new IOException(
          "cannot write the output: "
              + target
              + " is a file descriptor other than standard output or error; name a file, or -"
              + " for standard output");
    }
    return OptionalInt.of(number);
  }

  /** Whether this path is this process's standard output (checked by {@link #checkWritable()}). */
  public boolean isStandardOutput() {
    try {
      return descriptor().equals(OptionalInt.of(1));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A stream that writes the file as it goes (a trace), not atomically: standard output or error
   * through its descriptor, left open on close; else the file, created or emptied.
   */
  public OutputStream openStream() throws IOException {
    OptionalInt descriptor = descriptor();
    return descriptor.isPresent()
        ? through(descriptor.getAsInt())
        : Files.newOutputStream(resolved());
  }

  /** A stream over standard output (1) or error (2) whose close only flushes. */
  private static OutputStream through(int descriptor) {
    return new FilterOutputStream(
        new FileOutputStream(descriptor == 1 ? FileDescriptor.out : FileDescriptor.err)) {
      @Override
      public void write(byte[] bytes, int offset, int length) throws IOException {
        out.write(bytes, offset, length);
      }

      @Override
      public void close() throws IOException {
        flush(); // closing would close the descriptor
      }
    };
  }

  /** Refuses a standard output or error that is closed or open only for reading. */
  private void checkDescriptor(int number) throws IOException {
    Path info = Path.of("/proc/self/fdinfo/" + number);
    if (!Files.isDirectory(info.getParent())) {
      return; // no /proc to ask: the write will tell
    }
    String flags =
        Files.exists(info)
            ? Files.readAllLines(info).stream()
                .filter(line -> line.startsWith("flags:"))
                .map(line -> line.substring("flags:".length()).trim())
                .findFirst()
                .orElse("")
            : "";
    // The access mode is the flags' low two bits: 0 read only, 1 write only, 2 both.
    if (flags.isEmpty() || (Integer.parseInt(flags, 8) & 3) == 0) {
      throw new IOException(
          "cannot write the output: "
              + target
              + ": "
              + (number == 1 ? "standard output" : "standard error")
              + " is closed or open only for reading; name a file");
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
