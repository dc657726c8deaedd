@NullMarked
package io.ripple.devbroker.filter;

import org.jspecify.annotations.NullMarked;
