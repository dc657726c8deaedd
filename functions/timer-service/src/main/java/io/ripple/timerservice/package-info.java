/**
 * The timer service: sends the commands of due actor timers to the broker, so timers
 * fire while every actor function is scaled to zero (docs/adr/timers-as-events-and-a-timer-service.md).
 */
@NullMarked
package io.ripple.timerservice;

import org.jspecify.annotations.NullMarked;
