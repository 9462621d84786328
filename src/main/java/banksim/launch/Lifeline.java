package banksim.launch;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection from each child JVM to the one that started it, over a Unix domain socket: the
 * kernel closes it when the parent ends, however it ends (killed, or a zombie its own parent has
 * not reaped yet, which a check of its process id would still find), and the child, reading it,
 * ends at once. Nothing is ever sent on it.
 */
public final class Lifeline {
  /** The system property that names the parent's socket in a child JVM. */
  static final String PROPERTY = "banksim.lifeline";

  private static Lifeline parent;

  private final Path socket;
  private final ServerSocketChannel server;
  private final List<SocketChannel> children = new ArrayList<>();

  private Lifeline(Path socket, ServerSocketChannel server) {
    this.socket = socket;
    this.server = server;
  }

  /**
   * This JVM's end of the lifelines of the children it starts, opened once; empty where Unix domain
   * sockets are not to be had (the children then watch this JVM's process id instead).
   */
  static synchronized Optional<Lifeline> parent() {
    if (parent == null) {
      try {
        Path dir = Files.createTempDirectory("bank-sim-");
        Path socket = dir.resolve("lifeline");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Lifeline opened = new Lifeline(socket, server);
        Thread accepting = new Thread(opened::accept, "bank-sim-lifeline");
        accepting.setDaemon(true);
        // A thread still blocked in accept holds the JVM's exit up by a third of a second.
        Thread ending = new Thread(() -> opened.close(accepting), "bank-sim-lifeline-end");
        try {
          Runtime.getRuntime().addShutdownHook(ending);
        } catch (IllegalStateException e) {
          // The JVM is exiting already: no child will be started.
          opened.close(accepting);
          return Optional.empty();
        }
        accepting.start();
        parent = opened;
      } catch (IOException | UnsupportedOperationException e) {
        return Optional.empty();
      }
    }
    return Optional.of(parent);
  }

  /**
   * Opens this JVM's end on a thread of its own; {@link #parent()} then waits for it, if at all.
   */
  static void openInBackground() {
    Thread opening = new Thread(Lifeline::parent, "bank-sim-lifeline-open");
    opening.setDaemon(true);
    opening.start();
  }

  /** The JVM option that hands a child its end. */
  String childOption() {
    return "-D" + PROPERTY + "=" + socket;
  }

  /**
   * Ends the accepting thread as this JVM exits, and removes the socket and its folder; the
   * children's ends close with the JVM.
   */
  private void close(Thread accepting) {
    try {
      server.close();
      accepting.join(1_000);
    } catch (IOException e) {
      // Closing only ends the accept.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    removeSocket();
  }

  /**
   * Removes this JVM's socket and its folder, if it opened one: before a halt, which runs no
   * shutdown hook, and from the hook. A JVM killed outright leaves them behind.
   */
  static synchronized void removeOwn() {
    if (parent != null) {
      parent.removeSocket();
    }
  }

  private void removeSocket() {
    try {
      Files.deleteIfExists(socket);
      Files.deleteIfExists(socket.getParent());
    } catch (IOException e) {
      // Left in the temporary folder, as a killed JVM leaves it.
    }
  }

  /** Accepts children and keeps their connections open for as long as this JVM lives. */
  private void accept() {
    try {
      while (true) {
        SocketChannel child = server.accept();
        synchronized (children) {
          children.add(child);
        }
      }
    } catch (IOException e) {
      // The socket closed: this JVM is ending.
    }
  }

  /**
   * In a child: holds its end, and halts this JVM once the parent's end closes. Returns false where
   * this JVM has no lifeline (the caller then watches the parent's process id).
   */
  static boolean holdIfGiven() {
    String path = System.getProperty(PROPERTY);
    if (path == null) {
      return false;
    }
    SocketChannel channel;
    try {
      channel = SocketChannel.open(UnixDomainSocketAddress.of(path));
    } catch (IOException | RuntimeException e) {
      Shutdown.halt(ExitCode.RUNTIME); // the parent is gone already
      return true;
    }
    AtomicBoolean exiting = new AtomicBoolean();
    Thread holding =
        new Thread(
            () -> {
              ByteBuffer buffer = ByteBuffer.allocate(1);
              try {
                while (channel.read(buffer.clear()) >= 0) {
                  // Nothing is sent: only the end matters.
                }
              } catch (IOException e) {
                // Reset, or closed below: the end all the same.
              }
              if (!exiting.get()) {
                Shutdown.halt(ExitCode.RUNTIME);
              }
            },
            "bank-sim-lifeline");
    holding.setDaemon(true);
    holding.start();
    // A thread still blocked in a read holds the JVM's exit up by a third of a second: end it.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  exiting.set(true);
                  try {
                    channel.close();
                    holding.join(1_000);
                  } catch (IOException e) {
                    // Closing only ends the read.
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "bank-sim-lifeline-end"));
    return true;
  }
}
