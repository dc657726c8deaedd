@NullMarked
package io.ripple.devbroker.delivery;

import org.jspecify.annotations.NullMarked;
