package io.ripple.coffeemachine;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Posts coffee-machine commands as real CloudEvents, the way a Knative broker delivers them. */
final class Commands {

    private Commands() {
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static RequestSpecification binary(String id, String type, String subject) {
        return given().header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", "/tests")
                .header("ce-type", type).header("ce-subject", subject).contentType("application/json");
    }

    static ValidatableResponse post(String id, String type, String subject, String data) {
        return binary(id, type, subject).body(data).post("/").then();
    }

    static ValidatableResponse post(String type, String subject, String data) {
        return post(newId(), type, subject, data);
    }

    static ValidatableResponse structured(String json) {
        return given().contentType("application/cloudevents+json").body(json).post("/").then();
    }
}
