@NullMarked
package io.ripple.devbroker.topology;

import org.jspecify.annotations.NullMarked;
