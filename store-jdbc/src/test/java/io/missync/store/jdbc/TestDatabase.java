package io.missync.store.jdbc;

import javax.sql.DataSource;

/** A real database the store's tests run on: PostgreSQL or embedded H2. */
public interface TestDatabase {
  /** A data source on the database, or the test is skipped (failed on CI) when there is none. */
  DataSource dataSource();

  /** A fresh schema name, unused so far. */
  String newSchema();

  /** Whether this is PostgreSQL (some tests check PostgreSQL-only behaviour). */
  boolean isPostgres();

  /** The throwaway PostgreSQL cluster (or the one named by the environment). */
  TestDatabase POSTGRES =
      new TestDatabase() {
        @Override
        public DataSource dataSource() {
          return TestPostgres.dataSource();
        }

        @Override
        public String newSchema() {
          return TestPostgres.newSchema();
        }

        @Override
        public boolean isPostgres() {
          return true;
        }

        @Override
        public String toString() {
          return "PostgreSQL";
        }
      };

  /** One H2 database in file mode in a temporary directory, for the whole JVM. */
  TestDatabase H2 =
      new TestDatabase() {
        @Override
        public DataSource dataSource() {
          return TestH2.dataSource();
        }

        @Override
        public String newSchema() {
          return TestH2.newSchema();
        }

        @Override
        public boolean isPostgres() {
          return false;
        }

        @Override
        public String toString() {
          return "H2";
        }
      };
}
