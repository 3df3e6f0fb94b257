package io.missync.store.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Forwards to another data source; tests override {@link #getConnection()}. */
class DelegatingDataSource implements DataSource {
  private final DataSource d;

  DelegatingDataSource(DataSource d) {
    this.d = d;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return d.getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return d.getConnection(username, password);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return d.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    d.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    d.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return d.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return d.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return d.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return d.isWrapperFor(iface);
  }
}
