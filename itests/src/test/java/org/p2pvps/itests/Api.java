package org.p2pvps.itests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A plain HTTP client for /api/v1 of the server under test, from inside the Karaf container. */
final class Api {

    record Reply(int status, JsonNode json, String body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    Api(int port) {
        this.base = "http://127.0.0.1:" + port + "/api/v1";
    }

    Reply get(String path, String bearer) {
        return send(request(path, bearer).GET());
    }

    Reply post(String path, String bearer, String json) {
        return send(request(path, bearer).POST(BodyPublishers.ofString(json)));
    }

    Reply put(String path, String bearer, String json) {
        return send(request(path, bearer).PUT(BodyPublishers.ofString(json)));
    }

    Reply delete(String path, String bearer) {
        return send(request(path, bearer).DELETE());
    }

    /** Signs a new owner up. @return their credentials, as the JSON body of a login */
    String signUp(String email) {
        String credentials = "{\"email\":\"" + email + "\",\"password\":\"correct horse battery\"}";
        Reply created = post("/owners", null, credentials);
        if (created.status() != 201) {
            throw new AssertionError("sign-up failed: " + created.status() + " " + created.body());
        }
        return credentials;
    }

    /** Signs a new owner up and logs in. @return the session token */
    String newOwnerSession(String email) {
        Reply session = post("/sessions", null, signUp(email));
        if (session.status() != 200) {
            throw new AssertionError("log-in failed: " + session.status() + " " + session.body());
        }
        return session.json().get("token").asText();
    }

    private HttpRequest.Builder request(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
        return bearer == null ? request : request.header("Authorization", "Bearer " + bearer);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            var response = http.send(request.build(), BodyHandlers.ofString());
            String body = response.body();
            JsonNode json = body.isBlank() || !body.trim().startsWith("{") ? null : JSON.readTree(body);
            return new Reply(response.statusCode(), json, body);
        } catch (IOException e) {
            throw new AssertionError("HTTP call to " + base + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
