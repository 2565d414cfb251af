package org.p2pvps.registry.internal.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletName;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * Answers /api/v1 while the API itself does not run (its store has not started: a refused setting, a database that
 * does not answer yet; or the registry's settings were refused): {@code GET /health} is a 503 with status DOWN,
 * everything else a 503 to retry. Without it
 * those were Jetty's 404s, which monitoring reads as a wrong URL and a device's governor as "your device was
 * deleted". Registered at the API's own pattern with a lower ranking, so the HTTP Whiteboard serves the API
 * whenever it is there and this servlet only when it is not.
 */
@Component(service = Servlet.class, property = Constants.SERVICE_RANKING + ":Integer=-1")
@HttpWhiteboardServletPattern(ApiServlet.PATTERN)
@HttpWhiteboardServletName("p2pvps-api-v1-not-started")
public final class ApiNotStartedServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final String HEALTH = "{\"status\":\"DOWN\",\"api\":\"v1\",\"message\":\"the API has not started; "
            + "its operator's log says why\"}";
    private static final String UNAVAILABLE = "{\"error\":\"unavailable\",\"message\":\"the server's API has not "
            + "started yet; try again in a few seconds\"}";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", String.valueOf(StoreUnavailableMapper.RETRY_AFTER_SECONDS));
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        boolean health = "GET".equals(request.getMethod()) && "/health".equals(request.getPathInfo());
        response.getWriter().write(health ? HEALTH : UNAVAILABLE);
    }
}
