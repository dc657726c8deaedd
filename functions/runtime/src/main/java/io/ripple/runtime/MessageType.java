package io.ripple.runtime;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a command or event record to its CloudEvent {@code type}.
 *
 * <p>Per the wire contract the value is {@code <domain>.<actor>.<name>}: imperative for
 * commands ({@code coffee.machine.brew}), past tense for events
 * ({@code coffee.machine.brew-started}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MessageType {
    /** The CloudEvent type. */
    String value();
}
