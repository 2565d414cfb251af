package org.p2pvps.registry.internal.rest;

import java.util.List;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.jaxrs.JAXRSServerFactoryBean;
import org.p2pvps.listing.ListingService;
import org.p2pvps.registry.internal.DeviceRegistry;
import org.p2pvps.registry.internal.OwnerAccounts;
import org.p2pvps.registry.internal.rental.Rentals;
import org.p2pvps.store.MongoStore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.jaxrs.json.JacksonJsonProvider;

/** The /api/v1 JAX-RS application: its resources and providers, on whichever CXF transport is given. */
public final class RestApi {

    private final MongoStore store;
    private final OwnerAccounts accounts;
    private final DeviceRegistry devices;
    private final ListingService listings;
    private final Rentals rentals;
    private final int requestBodyMaxBytes;

    public RestApi(MongoStore store, OwnerAccounts accounts, DeviceRegistry devices, ListingService listings,
            Rentals rentals, int requestBodyMaxBytes) {
        this.store = store;
        this.accounts = accounts;
        this.devices = devices;
        this.listings = listings;
        this.rentals = rentals;
        this.requestBodyMaxBytes = requestBodyMaxBytes;
    }

    /** Publishes the API at {@code address} (relative for a servlet, absolute for a standalone transport). */
    public Server publish(Bus bus, String address) {
        JAXRSServerFactoryBean factory = new JAXRSServerFactoryBean();
        factory.setBus(bus);
        factory.setAddress(address);
        factory.setServiceBeans(List.of(
                new HealthResource(store, devices.gateway()),
                new OwnersResource(accounts),
                new SessionsResource(accounts),
                new DevicesResource(accounts, devices, rentals),
                new RegistrationResource(devices),
                new HeartbeatResource(devices, rentals),
                new ListingsResource(listings),
                new RentalsResource(rentals),
                new OpenApiResource()));
        factory.setProviders(List.of(
                new JacksonJsonProvider(objectMapper()),
                new BodySizeLimit(requestBodyMaxBytes),
                new BodySizeLimit.TooLargeMapper(),
                new ApiExceptionMapper(),
                new JsonProcessingExceptionMapper(),
                new WebApplicationExceptionMapper(),
                new StoreUnavailableMapper(),
                new UnexpectedExceptionMapper()));
        return factory.create();
    }

    static ObjectMapper objectMapper() {
        ObjectMapper mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // "cores": 2.5 or "count": "3" are mistakes to report, not to round or coerce
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        return mapper;
    }
}
