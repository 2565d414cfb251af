package org.p2pvps.registry.internal.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A small JSON client for the API over real HTTP, with {@link HttpClient}. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One HTTP exchange's answer. */
    record Reply(int status, String body, java.net.http.HttpHeaders headers) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    Http(URI base) {
        this.base = base;
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    Reply get(String path, String token) {
        return send(request(path, token).GET());
    }

    Reply get(String path) {
        return get(path, null);
    }

    Reply delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    Reply post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    Reply post(String path, Object body) {
        return post(path, null, body);
    }

    Reply put(String path, String token, Object body) {
        return send("PUT", path, token, body);
    }

    Reply patch(String path, String token, Object body) {
        return send("PATCH", path, token, body);
    }

    /** Sends {@code body} as JSON: a String as it is, anything else through Jackson. */
    Reply send(String method, String path, String token, Object body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .method(method, publisher(body)));
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json");
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static BodyPublisher publisher(Object body) {
        if (body == null) {
            return BodyPublishers.noBody();
        }
        try {
            return BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
