/**
 * Offline validation of Ripple's Kubernetes manifests.
 *
 * <p>{@link io.ripple.manifests.ManifestSet} loads YAML into fabric8's typed Knative and
 * Kubernetes model and rejects fields the model does not know;
 * {@link io.ripple.manifests.CrdSchemaValidator} checks each custom resource against the
 * {@code openAPIV3Schema} of the served CRD version; {@link io.ripple.manifests.ManifestRules}
 * checks Ripple's own conventions (every trigger's subscriber exists, every actor scales to
 * zero and has health probes, ...). {@link io.ripple.manifests.ManifestValidator} runs all three
 * and returns a list of {@link io.ripple.manifests.Problem}s, each naming file, resource and
 * field.
 */
@NullMarked
package io.ripple.manifests;

import org.jspecify.annotations.NullMarked;
