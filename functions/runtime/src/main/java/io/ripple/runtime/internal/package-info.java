/**
 * The runtime's adapters: CloudEvent mapping, command processing, publishing, HTTP edges.
 * Not API: actor code depends only on {@code io.ripple.runtime}.
 */
@NullMarked
package io.ripple.runtime.internal;

import org.jspecify.annotations.NullMarked;
