package org.p2pvps.registry.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.p2pvps.device.Device;
import org.p2pvps.device.DeviceEvent;
import org.p2pvps.device.DeviceService;
import org.p2pvps.device.Hardware;
import org.p2pvps.registry.internal.store.DeviceDocuments;
import org.p2pvps.registry.internal.store.DeviceFields;
import org.p2pvps.registry.internal.store.DeviceStore;
import org.p2pvps.registry.internal.store.DuplicateKey;
import org.p2pvps.store.MongoStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.MongoException;
import com.mongodb.client.model.Updates;

/** Devices: created by owners, registered by the device itself, kept alive by heartbeats. */
@Component(service = {DeviceRegistry.class, DeviceService.class})
public final class DeviceRegistry implements DeviceService {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistry.class);
    /** Blind random picks before reading which ports are taken; plenty while the range is not nearly full. */
    private static final int RANDOM_PORT_TRIES = 3;
    private static final int MAX_REGISTRATION_TRIES = 20;

    /** A new device and its one-time registration token. */
    public record CreatedDevice(Device device, String registrationToken) {
    }

    private final DeviceStore devices;
    private final DeviceEvents events;
    private final RegistryOptions options;
    private final Secrets secrets;
    private final Clock clock;
    private final GatewayInfo gateway;
    private final ListingIndex listings;

    @Activate
    public DeviceRegistry(@Reference MongoStore store, @Reference DeviceEvents events, @Reference GatewayInfo gateway,
            @Reference ListingIndex listings, @Reference RegistrySettings settings) {
        this(store, events, gateway, listings, settings.registry(), new Secrets(new SecureRandom()),
                Clock.systemUTC());
    }

    public DeviceRegistry(MongoStore store, DeviceEvents events, GatewayInfo gateway, ListingIndex listings,
            RegistryOptions options, Secrets secrets, Clock clock) {
        this.listings = listings;
        this.gateway = gateway;
        this.devices = new DeviceStore(store.database(), listings);
        this.events = events;
        this.options = options;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** @return the read model every writer of the devices collection keeps current */
    public ListingIndex listings() {
        return listings;
    }

    /** @return what the registry knows of the SSH gateway devices use */
    public GatewayInfo gateway() {
        return gateway;
    }

    public CreatedDevice create(String ownerId, DeviceDraft draft) {
        Validation.required("body", draft);
        String token = secrets.newToken();
        Instant now = clock.instant();
        String id = new ObjectId().toHexString();
        devices.insert(new Document("_id", id)
                .append(DeviceFields.OWNER_ID, ownerId)
                .append(DeviceFields.NAME, Validation.deviceName(draft.name()))
                .append(DeviceFields.DESCRIPTION, Validation.description(draft.description()))
                .append(DeviceFields.CURRENCY, Validation.currency(draft.currency()))
                .append(DeviceFields.PRICING, DeviceDocuments.pricing(Validation.pricing(draft.pricing())))
                .append(DeviceFields.CREATED_AT, Date.from(now))
                .append(DeviceFields.REGISTRATION_TOKEN_HASH, Secrets.hash(token)));
        Device device = owned(ownerId, id);
        LOG.info("Owner {} created device {} ({})", ownerId, id, device.name());
        events.publish(new DeviceEvent(DeviceEvent.Type.CREATED, id, now));
        return new CreatedDevice(device, token);
    }

    public List<Device> ownedBy(String ownerId) {
        return devices.findByOwner(ownerId).stream().map(DeviceDocuments::device).toList();
    }

    /** @return the owner's device; someone else's device is as unknown as a missing one */
    public Device owned(String ownerId, String deviceId) {
        return devices.find(deviceId)
                .filter(d -> ownerId.equals(d.getString(DeviceFields.OWNER_ID)))
                .map(DeviceDocuments::device)
                .orElseThrow(() -> unknownDevice(deviceId));
    }

    public Device change(String ownerId, String deviceId, DeviceDraft patch) {
        Validation.required("body", patch);
        List<Bson> changes = new ArrayList<>();
        if (patch.name() != null) {
            changes.add(Updates.set(DeviceFields.NAME, Validation.deviceName(patch.name())));
        }
        if (patch.description() != null) {
            changes.add(Updates.set(DeviceFields.DESCRIPTION, Validation.description(patch.description())));
        }
        if (patch.currency() != null) {
            changes.add(Updates.set(DeviceFields.CURRENCY, Validation.currency(patch.currency())));
        }
        if (patch.pricing() != null) {
            changes.add(Updates.set(DeviceFields.PRICING, DeviceDocuments.pricing(Validation.pricing(patch.pricing()))));
        }
        if (changes.isEmpty()) {
            throw ApiException.invalid("nothing to change: send at least one of name, description, currency, pricing");
        }
        Document updated = devices.updateOwned(deviceId, ownerId, Updates.combine(changes));
        if (updated == null) {
            throw unknownDevice(deviceId);
        }
        return DeviceDocuments.device(updated);
    }

    public void delete(String ownerId, String deviceId) {
        if (!devices.deleteOwnedUnrented(deviceId, ownerId)) {
            owned(ownerId, deviceId); // 404 when it is not the owner's
            throw ApiException.conflict("device " + deviceId + " has a pending or active rental; "
                    + "end it first (DELETE /api/v1/rentals/{id}) so the renter is not cut off unannounced");
        }
        LOG.info("Owner {} deleted device {}", ownerId, deviceId);
        events.publish(new DeviceEvent(DeviceEvent.Type.DELETED, deviceId, clock.instant()));
    }

    /** Issues a fresh one-time registration token, replacing any unused one (a reinstalled device). */
    public String newRegistrationToken(String ownerId, String deviceId) {
        String token = secrets.newToken();
        if (devices.updateOwned(deviceId, ownerId,
                Updates.set(DeviceFields.REGISTRATION_TOKEN_HASH, Secrets.hash(token))) == null) {
            throw unknownDevice(deviceId);
        }
        LOG.info("Owner {} issued a new registration token for device {}", ownerId, deviceId);
        return token;
    }

    public Registration register(String deviceId, RegistrationRequest request) {
        Validation.required("body", request);
        String token = Validation.required("registrationToken", request.registrationToken());
        SshPublicKey key = SshPublicKey.parse(request.publicKey());
        Hardware hardware = Validation.hardware(request.hardware());
        Document device = devices.find(deviceId).orElseThrow(() -> unknownDevice(deviceId));
        String tokenHash = Secrets.hash(token);
        if (!Secrets.sameHash(device.getString(DeviceFields.REGISTRATION_TOKEN_HASH), tokenHash)) {
            throw ApiException.unauthorized("registrationToken is wrong or already used; "
                    + "the owner can issue a new one with POST /api/v1/devices/{id}/registration-token");
        }
        Integer keptPort = device.getInteger(DeviceFields.TUNNEL_PORT);
        boolean keepPort = keptPort != null && options.tunnelPorts().contains(keptPort);
        String keptSubdomain = device.getString(DeviceFields.SUBDOMAIN);
        String deviceToken = secrets.newToken();
        for (int attempt = 0; attempt < MAX_REGISTRATION_TRIES; attempt++) {
            int port = keepPort ? keptPort : pickPort(attempt);
            String subdomain = keptSubdomain != null ? keptSubdomain
                    : Subdomains.forName(device.getString(DeviceFields.NAME), secrets.random());
            Instant now = clock.instant();
            try {
                Document registered = devices.completeRegistration(deviceId, tokenHash, Updates.combine(
                        Updates.set(DeviceFields.PUBLIC_KEY, key.openSsh()),
                        Updates.set(DeviceFields.KEY_FINGERPRINT, key.fingerprint()),
                        Updates.set(DeviceFields.HARDWARE, DeviceDocuments.hardware(hardware)),
                        Updates.set(DeviceFields.DEVICE_TOKEN_HASH, Secrets.hash(deviceToken)),
                        Updates.set(DeviceFields.TUNNEL_PORT, port),
                        Updates.set(DeviceFields.SUBDOMAIN, subdomain),
                        Updates.set(DeviceFields.REGISTERED_AT, Date.from(now)),
                        Updates.set(DeviceFields.LAST_SEEN, Date.from(now))));
                if (registered == null) {
                    throw ApiException.unauthorized("registrationToken is wrong or already used");
                }
                LOG.info("Device {} registered: key {}, tunnel port {}, subdomain {}", deviceId, key.fingerprint(),
                        port, subdomain);
                events.publish(new DeviceEvent(DeviceEvent.Type.REGISTERED, deviceId, now));
                return new Registration(deviceToken, port, subdomain, gatewayForDevices());
            } catch (MongoException e) {
                String index = DuplicateKey.index(e).orElseThrow(() -> e);
                if (DeviceStore.KEY_INDEX.equals(index)) {
                    throw ApiException.conflict("this public key is already bound to another device; "
                            + "every device needs a key of its own");
                }
                LOG.debug("Registration of {} collided on {}; trying again", deviceId, index);
            }
        }
        throw ApiException.unavailable("could not assign a free tunnel port and subdomain; try again");
    }

    private int pickPort(int attempt) {
        PortRange range = options.tunnelPorts();
        if (attempt < RANDOM_PORT_TRIES) {
            return range.any(secrets.random());
        }
        int port = range.anyFree(devices.usedPorts(range), secrets.random());
        if (port < 0) {
            LOG.warn("Tunnel port range {}-{} is exhausted", range.min(), range.max());
            throw ApiException.unavailable("this server has no free tunnel port left; tell its operator");
        }
        return port;
    }

    public DesiredState heartbeat(String deviceId, String deviceToken, HeartbeatReport report) {
        if (deviceToken == null) {
            throw ApiException.unauthorized("heartbeats need 'Authorization: Bearer <deviceToken>'");
        }
        Document device = devices.find(deviceId).orElseThrow(() -> unknownDevice(deviceId));
        String tokenHash = Secrets.hash(deviceToken);
        if (!Secrets.sameHash(device.getString(DeviceFields.DEVICE_TOKEN_HASH), tokenHash)) {
            throw ApiException.unauthorized("the device token is wrong; the device must register again");
        }
        Instant now = clock.instant();
        if (!devices.recordHeartbeat(deviceId, tokenHash, now, status(report))) {
            throw ApiException.unauthorized("the device token was replaced; the device must register again");
        }
        return DesiredState.available((int) options.heartbeatInterval().toSeconds(), now, gatewayForDevices());
    }

    private Registration.Gateway gatewayForDevices() {
        return new Registration.Gateway(options.gatewayHost(), options.gatewayPort(),
                gateway.hostKeyFingerprint().orElse(null));
    }

    private static Document status(HeartbeatReport report) {
        Document status = new Document();
        if (report != null) {
            putTrimmed(status, "tunnel", report.tunnel(), 32);
            putTrimmed(status, "container", report.container(), 32);
            putTrimmed(status, "appliedRentalId", report.appliedRentalId(), 64);
            putTrimmed(status, "message", report.message(), 500);
            if (report.uptimeSeconds() != null && report.uptimeSeconds() >= 0) {
                status.append("uptimeSeconds", report.uptimeSeconds());
            }
        }
        return status;
    }

    private static void putTrimmed(Document status, String field, String value, int max) {
        if (value != null) {
            status.append(field, value.length() > max ? value.substring(0, max) : value);
        }
    }

    public boolean online(Device device) {
        return options.online(device.tunnelConnected(), device.lastSeen(), clock.instant());
    }

    @Override
    public Optional<Device> find(String deviceId) {
        return devices.find(deviceId).map(DeviceDocuments::device);
    }

    @Override
    public List<Device> list(int skip, int limit) {
        return devices.page(skip, limit).stream().map(DeviceDocuments::device).toList();
    }

    @Override
    public long count() {
        return devices.count();
    }

    private static ApiException unknownDevice(String deviceId) {
        return ApiException.notFound("no device with id '" + Validation.shown(deviceId) + "'");
    }
}
