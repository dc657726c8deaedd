/**
 * Where actors' events live: the {@link io.ripple.runtime.store.EventStore} port and its
 * value types, the durable {@link io.ripple.runtime.store.JdbcStore} (SQLite or
 * PostgreSQL, chosen at run time), snapshots ({@link io.ripple.runtime.store.ActorStates})
 * and the timers the timer service reads ({@link io.ripple.runtime.store.TimerQueue}).
 */
@NullMarked
package io.ripple.runtime.store;

import org.jspecify.annotations.NullMarked;
