package org.p2pvps.registry.internal.rest;

import javax.servlet.Servlet;
import javax.servlet.ServletConfig;

import org.apache.cxf.Bus;
import org.apache.cxf.bus.CXFBusFactory;
import org.apache.cxf.transport.servlet.CXFNonSpringServlet;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.p2pvps.listing.ListingService;
import org.p2pvps.registry.internal.DeviceRegistry;
import org.p2pvps.registry.internal.OwnerAccounts;
import org.p2pvps.registry.internal.rental.Rentals;
import org.p2pvps.registry.internal.RegistrySettings;
import org.p2pvps.store.MongoStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves /api/v1 through the OSGi HTTP Whiteboard with a CXF bus of its own, so the API comes and goes
 * with this bundle and never shares CXF's global /cxf servlet with other applications.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(ApiServlet.PATTERN)
@HttpWhiteboardServletName("p2pvps-api-v1")
public final class ApiServlet extends CXFNonSpringServlet {

    static final String PATTERN = "/api/v1/*";
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    private final transient RestApi api;

    @Activate
    public ApiServlet(@Reference MongoStore store, @Reference OwnerAccounts accounts,
            @Reference DeviceRegistry devices, @Reference ListingService listings, @Reference Rentals rentals,
            @Reference RegistrySettings settings) {
        this.api = new RestApi(store, accounts, devices, listings, rentals, settings.registry().requestBodyMaxBytes());
    }

    @Override
    protected void loadBus(ServletConfig servletConfig) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(CXFBusFactory.class.getClassLoader());
        try {
            Bus bus = new CXFBusFactory().createBus();
            setBus(bus);
            api.publish(bus, "/");
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        LOG.info("REST API serving at /api/v1");
    }

    @Override
    public void destroy() {
        Bus bus = getBus();
        super.destroy();
        if (bus != null) {
            bus.shutdown(true);
        }
        LOG.info("REST API at /api/v1 stopped");
    }
}
