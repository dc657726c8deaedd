@NullMarked
package io.ripple.devbroker.telemetry;

import org.jspecify.annotations.NullMarked;
