package io.ripple.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** What the warm-up prepares before the first command: JSON bindings and step timers. */
class FirstCommandPreparationTest {

    @Test
    void everyCommandAndEventTypeIsBoundBeforeTheFirstCommand() {
        Set<Class<?>> readers = ConcurrentHashMap.newKeySet();
        Set<Class<?>> writers = ConcurrentHashMap.newKeySet();
        SimpleModule watcher = new SimpleModule("binding-watcher");
        watcher.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean,
                    JsonDeserializer<?> deserializer) {
                readers.add(bean.getBeanClass());
                return deserializer;
            }
        });
        watcher.setSerializerModifier(new BeanSerializerModifier() {
            @Override
            public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription bean,
                    JsonSerializer<?> serializer) {
                writers.add(bean.getBeanClass());
                return serializer;
            }
        });
        CloudEventCodec<Counter.Add, Counter.Event, Integer> codec =
                new CloudEventCodec<>(Counter.DEFINITION, new ObjectMapper().registerModule(watcher));

        codec.prepareForFirstCommand();

        assertThat(readers).contains(Counter.Add.class, Counter.Deposited.class, Counter.Added.class,
                Counter.Refused.class);
        assertThat(writers).contains(Counter.Added.class, Counter.Refused.class);
    }

    @Test
    void stepTimersExistBeforeAnyCommandIsTimed() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ActorMetrics metrics = new ActorMetrics(registry, "counter");

        metrics.registerSteps();

        List<String> steps = registry.find("ripple.command.step").tag("actor", "counter").timers().stream()
                .map(timer -> timer.getId().getTag("step")).toList();
        assertThat(steps).containsExactlyInAnyOrder("load", "decide", "append", "publish");
        assertThat(registry.find("ripple.command.step").timers()).allMatch(timer -> timer.count() == 0);
    }
}
