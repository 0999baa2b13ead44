package org.apache.thrift.transport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A Thrift server socket that never listens on all interfaces: a wildcard (or missing) bind address
 * is replaced by the loopback address.
 *
 * <p>Why this class exists: Apache Zeppelin 0.10.0 opens its two Thrift RPC servers (the
 * interpreter event server in the Zeppelin server, and {@code RemoteInterpreterServer} in every
 * interpreter process) with {@code new TServerSocket(port)}, which binds the wildcard address, and
 * offers no setting to change it. Stratum promises that every port of the notebook server it starts
 * is bound to 127.0.0.1 only, so {@code stratum notebook serve} and the real-server test put this
 * jar first on the class path of both JVMs, ahead of libthrift 0.13.0, whose public API this class
 * keeps. It is never on a Stratum module's class path and is not installed into a user's own
 * Zeppelin.
 */
public class TServerSocket extends TServerTransport {
  private ServerSocket serverSocket_;
  private int clientTimeout_;

  /** Arguments of {@link TServerSocket#TServerSocket(ServerSocketTransportArgs)}. */
  public static class ServerSocketTransportArgs
      extends AbstractServerTransportArgs<ServerSocketTransportArgs> {
    ServerSocket serverSocket;

    /** Wraps an existing, already bound server socket. */
    public ServerSocketTransportArgs serverSocket(ServerSocket serverSocket) {
      this.serverSocket = serverSocket;
      return this;
    }
  }

  public TServerSocket(ServerSocket serverSocket) throws TTransportException {
    this(serverSocket, 0);
  }

  public TServerSocket(ServerSocket serverSocket, int clientTimeout) throws TTransportException {
    this(new ServerSocketTransportArgs().serverSocket(serverSocket).clientTimeout(clientTimeout));
  }

  public TServerSocket(int port) throws TTransportException {
    this(port, 0);
  }

  public TServerSocket(int port, int clientTimeout) throws TTransportException {
    this(new InetSocketAddress(port), clientTimeout);
  }

  public TServerSocket(InetSocketAddress bindAddr) throws TTransportException {
    this(bindAddr, 0);
  }

  public TServerSocket(InetSocketAddress bindAddr, int clientTimeout) throws TTransportException {
    this(new ServerSocketTransportArgs().bindAddr(bindAddr).clientTimeout(clientTimeout));
  }

  public TServerSocket(ServerSocketTransportArgs args) throws TTransportException {
    clientTimeout_ = args.clientTimeout;
    if (args.serverSocket != null) {
      serverSocket_ = args.serverSocket;
      return;
    }
    InetSocketAddress bind = loopbackIfWildcard(args.bindAddr);
    try {
      serverSocket_ = new ServerSocket();
      serverSocket_.setReuseAddress(true);
      serverSocket_.bind(bind, args.backlog);
    } catch (IOException e) {
      close();
      throw new TTransportException("Could not create ServerSocket on address " + bind + ".", e);
    }
  }

  /** The loopback address with the same port when {@code requested} is missing or a wildcard. */
  static InetSocketAddress loopbackIfWildcard(InetSocketAddress requested) {
    if (requested == null) {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    }
    if (requested.getAddress() == null || requested.getAddress().isAnyLocalAddress()) {
      return new InetSocketAddress(InetAddress.getLoopbackAddress(), requested.getPort());
    }
    return requested;
  }

  @Override
  public void listen() throws TTransportException {
    if (serverSocket_ != null) {
      try {
        serverSocket_.setSoTimeout(0);
      } catch (IOException e) {
        throw new TTransportException("Could not set socket timeout", e);
      }
    }
  }

  @Override
  protected TSocket acceptImpl() throws TTransportException {
    if (serverSocket_ == null) {
      throw new TTransportException(TTransportException.NOT_OPEN, "No underlying server socket.");
    }
    try {
      TSocket socket = new TSocket(serverSocket_.accept());
      socket.setTimeout(clientTimeout_);
      return socket;
    } catch (IOException e) {
      throw new TTransportException(e);
    }
  }

  @Override
  public void close() {
    if (serverSocket_ != null) {
      try {
        serverSocket_.close();
      } catch (IOException e) {
        // closing a listening socket: nothing left to release
      }
      serverSocket_ = null;
    }
  }

  @Override
  public void interrupt() {
    // Closing the socket makes a blocked accept() return, which is how Thrift stops a server.
    close();
  }

  public ServerSocket getServerSocket() {
    return serverSocket_;
  }
}
