/** Axon's JDBC stores on PostgreSQL: table names shared with the Flyway migrations in {@code db/migration}. */
package dev.regent.infrastructure.postgres;
