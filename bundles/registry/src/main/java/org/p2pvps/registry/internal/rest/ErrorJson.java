package org.p2pvps.registry.internal.rest;

/**
 * Every error the API returns.
 *
 * @param error a stable machine-readable code, e.g. {@code invalid_request}
 * @param message a sentence for the human who sent the request
 */
public record ErrorJson(String error, String message) {
}
