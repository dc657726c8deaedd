@NullMarked
package io.ripple.devbroker.manifest;

import org.jspecify.annotations.NullMarked;
