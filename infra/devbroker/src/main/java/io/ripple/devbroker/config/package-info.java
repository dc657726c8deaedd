@NullMarked
package io.ripple.devbroker.config;

import org.jspecify.annotations.NullMarked;
