package io.missync.store.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Reuses physical connections between the store's operations, as the connection pool of a real
 * deployment would; a test-only stand-in (the store itself needs no pool).
 */
public final class PooledTestDataSource implements DataSource {
  private final DataSource target;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();

  public PooledTestDataSource(DataSource target) {
    this.target = target;
  }

  /** The data source underneath, whose connections really close. */
  DataSource unpooled() {
    return target;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection physical = idle.pollFirst();
    if (physical == null || physical.isClosed()) {
      physical = target.getConnection();
    }
    Connection c = physical;
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close")) {
                if (!c.getAutoCommit()) {
                  c.rollback();
                  c.setAutoCommit(true);
                }
                if (c.getTransactionIsolation() != Connection.TRANSACTION_READ_COMMITTED) {
                  c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                }
                if (idle.size() < 16) {
                  idle.addFirst(c);
                } else {
                  c.close();
                }
                return null;
              }
              try {
                return method.invoke(c, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
