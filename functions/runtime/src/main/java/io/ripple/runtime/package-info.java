/**
 * The pure actor model: deciders, message type bindings and rejections.
 *
 * <p>Nothing here does I/O or depends on a framework, so actor code that uses only this
 * package stays testable without booting Quarkus and stays native-image friendly.
 */
@NullMarked
package io.ripple.runtime;

import org.jspecify.annotations.NullMarked;
