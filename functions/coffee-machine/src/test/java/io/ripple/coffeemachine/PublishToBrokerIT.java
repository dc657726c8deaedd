package io.ripple.coffeemachine;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged application (java -jar quarkus-run.jar). */
@QuarkusIntegrationTest
class PublishToBrokerIT extends PublishToBrokerTest {
}
