package io.ripple.testkit;

import static io.restassured.RestAssured.given;

import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.ripple.runtime.internal.WireAttributes;
import java.util.UUID;

/**
 * Posts CloudEvents to an actor function under test the way a Knative broker delivers
 * them: binary mode, {@code ce-*} headers.
 */
public final class ActorRequests {

    private ActorRequests() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** A binary-mode request; {@code subject} may be null. */
    public static RequestSpecification binary(String id, String type, String source, String subject) {
        RequestSpecification request = given().header("ce-specversion", "1.0").header("ce-id", id)
                .header("ce-source", source).header("ce-type", type).contentType("application/json");
        return subject == null ? request : request.header("ce-subject", subject);
    }

    /** A command from outside: source {@code /tests}, {@code subject} = the actor it is for. */
    public static ValidatableResponse command(String type, String subject, String data) {
        return binary(newId(), type, "/tests", subject).body(data).post("/").then();
    }

    /** Another actor's event, as its Trigger delivers it. */
    public static ValidatableResponse event(String type, String actorType, String actorId, String data) {
        return binary(newId(), type, WireAttributes.actorSource(actorType, actorId), actorId)
                .header("ce-time", "2026-01-01T08:00:00Z").body(data).post("/").then();
    }
}
