@NullMarked
package io.ripple.devbroker.http;

import org.jspecify.annotations.NullMarked;
