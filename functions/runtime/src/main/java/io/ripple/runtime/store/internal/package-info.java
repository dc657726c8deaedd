/**
 * Event store implementations: the JDBC store for SQLite and PostgreSQL and the in-memory
 * store. Not API: use {@link io.ripple.runtime.store.JdbcStore} and the interfaces of
 * {@code io.ripple.runtime.store}.
 */
@NullMarked
package io.ripple.runtime.store.internal;

import org.jspecify.annotations.NullMarked;
