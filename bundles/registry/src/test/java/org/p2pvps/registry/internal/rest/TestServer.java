package org.p2pvps.registry.internal.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.cxf.Bus;
import org.apache.cxf.bus.CXFBusFactory;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.service.factory.ServiceConstructionException;
import org.apache.cxf.jaxrs.JAXRSServiceImpl;
import org.apache.cxf.jaxrs.model.ClassResourceInfo;
import org.p2pvps.registry.internal.DeviceEvents;
import org.p2pvps.registry.internal.DeviceEventsAccess;
import org.p2pvps.registry.internal.DeviceRegistry;
import org.p2pvps.registry.internal.GatewayInfo;
import org.p2pvps.registry.internal.ListingIndex;
import org.p2pvps.registry.internal.ListingSearch;
import org.p2pvps.registry.internal.MutableClock;
import org.p2pvps.registry.internal.OwnerAccounts;
import org.p2pvps.registry.internal.RegistryOptions;
import org.p2pvps.registry.internal.Secrets;
import org.p2pvps.registry.internal.rental.ManualPayment;
import org.p2pvps.registry.internal.rental.PaymentProviders;
import org.p2pvps.registry.internal.rental.PaymentProvidersAccess;
import org.p2pvps.registry.internal.rental.RentalOptions;
import org.p2pvps.registry.internal.rental.Rentals;
import org.p2pvps.store.MongoStore;
import org.p2pvps.store.internal.MongoStoreComponent;
import org.p2pvps.store.internal.StoreOptions;

/**
 * The whole registry outside OSGi: the embedded MongoDB-wire store in a directory, the real components
 * built with {@code new}, and the REST API on CXF's Jetty transport at {@code http://127.0.0.1:<port>/api/v1}.
 */
final class TestServer implements AutoCloseable {

    static final RentalOptions RENTAL_OPTIONS = new RentalOptions(Duration.ofMinutes(60), 1000, Duration.ofSeconds(10));

    private static final int BIND_ATTEMPTS = 5;

    final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
    final RegistryOptions options;
    final MongoStore store;
    private final AutoCloseable storeToClose;
    final DeviceEvents events;
    final OwnerAccounts accounts;
    final DeviceRegistry devices;
    final ListingSearch listings;
    final PaymentProviders payments;
    final Rentals rentals;
    final URI base;
    final Http http;
    private final Bus bus;
    private final Server server;

    private <S extends MongoStore & AutoCloseable> TestServer(S store, RegistryOptions options) {
        this.options = options;
        this.store = store;
        this.storeToClose = store;
        this.events = new DeviceEvents();
        Secrets secrets = new Secrets(new SecureRandom());
        this.accounts = new OwnerAccounts(store, options, secrets, clock);
        ListingIndex index = new ListingIndex(store);
        this.devices = new DeviceRegistry(store, events, new GatewayInfo(), index, options, secrets, clock);
        this.listings = new ListingSearch(index, options, clock);
        this.payments = new PaymentProviders();
        PaymentProvidersAccess.add(payments, new ManualPayment());
        this.rentals = new Rentals(store, devices, accounts, payments, options, RENTAL_OPTIONS, secrets, clock);
        this.bus = new CXFBusFactory().createBus();
        RestApi api = new RestApi(store, accounts, devices, listings, rentals, options.requestBodyMaxBytes());
        URI address = null;
        Server published = null;
        // a free port can be taken by another process between probing and binding: try another one
        for (int attempt = 1; published == null; attempt++) {
            address = URI.create("http://127.0.0.1:" + freePort() + "/api/v1/");
            try {
                published = api.publish(bus, address.toString().substring(0, address.toString().length() - 1));
            } catch (ServiceConstructionException e) {
                if (attempt == BIND_ATTEMPTS) {
                    throw e;
                }
            }
        }
        this.base = address;
        this.server = published;
        this.http = new Http(base);
    }

    static TestServer start(Path dir, RegistryOptions options) {
        return new TestServer(new MongoStoreComponent(new StoreOptions(null, "p2pvps", dir, 0)), options);
    }

    /** On a store of the test's own; closed with the server. */
    static <S extends MongoStore & AutoCloseable> TestServer start(S store, RegistryOptions options) {
        return new TestServer(store, options);
    }

    /** @return the resource classes the running API serves, as CXF sees them */
    List<Class<?>> resourceClasses() {
        return ((JAXRSServiceImpl) server.getEndpoint().getService()).getClassResourceInfos().stream()
                .<Class<?>>map(ClassResourceInfo::getServiceClass)
                .toList();
    }

    @Override
    public void close() throws Exception {
        try {
            server.destroy();
            bus.shutdown(true);
        } finally {
            DeviceEventsAccess.stop(events);
            storeToClose.close();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
