package io.ripple.devbroker.manifest;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A YAML mapper for fabric8's Knative model that rejects unknown fields.
 *
 * <p>fabric8 model classes collect unknown fields in an {@code @JsonAnySetter}
 * ({@code additionalProperties}), so {@code FAIL_ON_UNKNOWN_PROPERTIES} alone never fires;
 * removing the any-setter from their deserializers makes a typo such as {@code filtres:} an
 * {@code UnrecognizedPropertyException} that carries the path to the field.
 */
final class StrictManifestMapper {

    private StrictManifestMapper() {
    }

    static ObjectMapper create() {
        SimpleModule strict = new SimpleModule("ripple-strict-manifests");
        strict.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                    BeanDeserializerBuilder builder) {
                if (description.getBeanClass().getName().startsWith("io.fabric8.")) {
                    builder.setAnySetter(null);
                }
                return builder;
            }
        });
        return new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .registerModule(strict);
    }
}
