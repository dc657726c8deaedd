@NullMarked
package io.ripple.devbroker.log;

import org.jspecify.annotations.NullMarked;
