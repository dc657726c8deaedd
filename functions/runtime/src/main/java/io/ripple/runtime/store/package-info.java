/**
 * Where actors' events live: the {@link io.ripple.runtime.store.EventStore} port and its value types.
 */
@NullMarked
package io.ripple.runtime.store;

import org.jspecify.annotations.NullMarked;
