@NullMarked
package io.ripple.devbroker.ingress;

import org.jspecify.annotations.NullMarked;
