package banksim.cluster;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The Netty threads of one bank: every server and every channel of the JVM share one event loop
 * per core. gRPC's default (two per core, servers and clients apart) measured slower here: a
 * write fans out across more threads than there are cores to run them.
 */
final class EventLoops implements AutoCloseable {
  static final Class<NioServerSocketChannel> SERVER_CHANNEL = NioServerSocketChannel.class;
  static final Class<NioSocketChannel> CLIENT_CHANNEL = NioSocketChannel.class;

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(
      Runtime.getRuntime().availableProcessors(), new DefaultThreadFactory("bank-sim-netty", true),
      NioIoHandler.newFactory());

  EventLoopGroup group() {
    return group;
  }

  /** Stops the threads; call after every server and channel using them has terminated. */
  @Override
  public void close() throws InterruptedException {
    group.shutdownGracefully(0, 5, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
  }
}
