/**
 * Test kit for actors: given/when/then for deciders, and scenario files of CloudEvents.
 */
@NullMarked
package io.ripple.testkit;

import org.jspecify.annotations.NullMarked;
