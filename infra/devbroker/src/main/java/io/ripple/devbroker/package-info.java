/**
 * The local Knative Broker data plane: reads Broker/Trigger/Service manifests, accepts
 * CloudEvents on {@code POST /<namespace>/<broker>}, stores them in a durable log and
 * delivers them to matching triggers with Knative's delivery semantics.
 */
@NullMarked
package io.ripple.devbroker;

import org.jspecify.annotations.NullMarked;
