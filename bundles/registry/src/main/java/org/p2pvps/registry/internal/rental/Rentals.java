package org.p2pvps.registry.internal.rental;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.p2pvps.device.Device;
import org.p2pvps.device.Period;
import org.p2pvps.registry.internal.ApiException;
import org.p2pvps.registry.internal.DesiredState;
import org.p2pvps.registry.internal.DeviceRegistry;
import org.p2pvps.registry.internal.OwnerAccounts;
import org.p2pvps.registry.internal.RegistrySettings;
import org.p2pvps.registry.internal.RegistryOptions;
import org.p2pvps.registry.internal.Secrets;
import org.p2pvps.registry.internal.SshPublicKey;
import org.p2pvps.registry.internal.Validation;
import org.p2pvps.registry.internal.store.DeviceFields;
import org.p2pvps.registry.internal.store.DeviceStore;
import org.p2pvps.rental.Money;
import org.p2pvps.rental.PaymentProvider;
import org.p2pvps.rental.PaymentRequest;
import org.p2pvps.rental.Rental;
import org.p2pvps.rental.RentalService;
import org.p2pvps.rental.RentalState;
import org.p2pvps.rental.RenterGrant;
import org.p2pvps.store.MongoStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

/**
 * Rentals: a renter takes one device for some periods, pays through a provider (or is the owner,
 * self-renting for free), gets credentials, and the device returns to the market when it ends.
 * The device document's {@code rentalId} is the lock: claiming it is one atomic update, so of many
 * racing renters exactly one wins. All state lives in the store; timers only sweep it.
 */
@Component(service = {Rentals.class, RentalService.class})
public final class Rentals implements RentalService {

    static final String SELF_RENT_PROVIDER = "self";
    private static final Logger LOG = LoggerFactory.getLogger(Rentals.class);
    private static final int MAX_CONTACT_LENGTH = 200;

    private final RentalStore rentals;
    private final DeviceStore devices;
    private final DeviceRegistry registry;
    private final OwnerAccounts accounts;
    private final PaymentProviders providers;
    private final RegistryOptions registryOptions;
    private final RentalOptions options;
    private final Secrets secrets;
    private final Clock clock;

    @Activate
    public Rentals(@Reference MongoStore store, @Reference DeviceRegistry registry, @Reference OwnerAccounts accounts,
            @Reference PaymentProviders providers, @Reference RegistrySettings settings) {
        this(store, registry, accounts, providers, settings.registry(), settings.rentals(),
                new Secrets(new SecureRandom()), Clock.systemUTC());
    }

    public Rentals(MongoStore store, DeviceRegistry registry, OwnerAccounts accounts, PaymentProviders providers,
            RegistryOptions registryOptions, RentalOptions options, Secrets secrets, Clock clock) {
        this.rentals = new RentalStore(store.database());
        this.devices = new DeviceStore(store.database(), registry.listings());
        this.registry = registry;
        this.accounts = accounts;
        this.providers = providers;
        this.registryOptions = registryOptions;
        this.options = options;
        this.secrets = secrets;
        this.clock = clock;
    }

    /**
     * Starts a rental. With the device owner's session token it is a self-rent: free and active at once.
     *
     * @param bearer the caller's owner session token, or {@code null} for an anonymous renter
     */
    public RentalTicket rent(RentalRequest request, String bearer) {
        Validation.required("body", request);
        String deviceId = Validation.required("deviceId", request.deviceId());
        Period period = Validation.period("period", Validation.required("period", request.period()));
        int count = periods(request.count());
        String sshKey = request.sshPublicKey() == null ? null : SshPublicKey.parse(request.sshPublicKey(), RentalFields.SSH_PUBLIC_KEY).openSsh();
        String contact = contact(request.contact());
        String renterOwnerId = bearer == null ? null : accounts.authenticate(bearer);

        Device device = registry.find(deviceId)
                .orElseThrow(() -> ApiException.notFound("no device with id '" + Validation.shown(deviceId) + "'"));
        if (!device.registered()) {
            throw ApiException.conflict("device " + deviceId + " has not registered yet, so it cannot be rented");
        }
        if (!registry.online(device)) {
            throw ApiException.conflict("device " + deviceId + " is offline; try another device or later");
        }
        boolean selfRent = device.ownerId().equals(renterOwnerId);
        Money listPrice = RentalPrice.of(device, period, count); // an owner, too, rents only what they offer
        Money price = selfRent ? new Money(0, listPrice.currency()) : listPrice;
        PaymentProvider provider = selfRent ? null : provider(request.paymentProvider());

        Instant now = clock.instant();
        String id = new ObjectId().toHexString();
        String rentalToken = secrets.newToken();
        RenterCredentials credentials = RenterCredentials.generate(secrets.random());
        Document rental = new Document("_id", id)
                .append(RentalFields.DEVICE_ID, deviceId)
                .append(RentalFields.OWNER_ID, device.ownerId())
                .append(RentalFields.PERIOD, period.name())
                .append(RentalFields.COUNT, count)
                .append(RentalFields.AMOUNT, price.amount())
                .append(RentalFields.CURRENCY, price.currency())
                .append(RentalFields.SELF_RENT, selfRent)
                .append(RentalFields.CONTACT, contact)
                .append(RentalFields.SSH_PUBLIC_KEY, sshKey)
                .append(RentalFields.PROVIDER, selfRent ? SELF_RENT_PROVIDER : provider.name())
                .append(RentalFields.RENTAL_TOKEN_HASH, Secrets.hash(rentalToken))
                .append(RentalFields.LOGIN, credentials.login())
                .append(RentalFields.PASSWORD_HASH, credentials.passwordHash())
                .append(RentalFields.PASSWORD_SEALED, SealedPassword.seal(credentials.password(), rentalToken,
                        secrets.random()))
                .append(RentalFields.CREATED_AT, Date.from(now));
        if (selfRent) {
            Instant expiresAt = now.plus(period.length().multipliedBy(count));
            rental.append(RentalFields.STATE, RentalState.ACTIVE.name())
                    .append(RentalFields.ACTIVATED_AT, Date.from(now))
                    .append(RentalFields.EXPIRES_AT, Date.from(expiresAt));
        } else {
            rental.append(RentalFields.STATE, RentalState.PENDING_PAYMENT.name())
                    .append(RentalFields.PAY_BY, Date.from(now.plus(options.paymentTimeout())));
        }
        // the rental exists before it claims the device, so a crash in between leaves only an
        // orphan the sweeper cancels, never a device locked by nothing
        rentals.insert(rental);
        if (!devices.claim(deviceId, id)) {
            rentals.delete(id);
            throw ApiException.conflict("device " + deviceId + " is already rented or reserved; "
                    + "GET /api/v1/listings shows when it is free again");
        }
        Rental created = RentalDocuments.rental(rental);
        providers.offer(device, false);
        if (selfRent) {
            rentedUntil(deviceId, id, created.expiresAt());
            LOG.info("Owner {} self-rented device {} for {} x {} (rental {})", device.ownerId(), deviceId, count,
                    period, id);
            return new RentalTicket(created, rentalToken, null);
        }
        LOG.info("Rental {} of device {} for {} x {} waits for payment of {} {} through '{}'", id, deviceId, count,
                period, price.amount(), price.currency(), provider.name());
        return new RentalTicket(created, rentalToken, startPurchase(provider, created, price));
    }

    private PaymentRequest startPurchase(PaymentProvider provider, Rental rental, Money amount) {
        PaymentRequest request;
        try {
            request = provider.purchaseStarted(rental, amount);
        } catch (RuntimeException e) {
            LOG.warn("Payment provider '{}' failed to start the purchase of rental {}", provider.name(), rental.id(), e);
            if (rental.state() == RentalState.PENDING_PAYMENT) {
                end(rental.id(), "the payment provider failed");
            } else {
                rentals.updateActive(rental.id(), Filters.exists(RentalFields.PENDING_RENEWAL),
                        Updates.combine(Updates.unset(RentalFields.PENDING_RENEWAL),
                                Updates.unset(RentalFields.PENDING_RENEWAL_AMOUNT)));
            }
            throw ApiException.unavailable("the payment provider '" + provider.name() + "' failed; try again later");
        }
        if (request != null && request.reference() != null) {
            rentals.updateReference(rental.id(), request.reference());
        }
        return request;
    }

    /** The rental as the caller may see it: its renter (rental token) or the device's owner (session). */
    public RentalView view(String rentalId, String bearer) {
        Document rental = readable(rentalId, bearer);
        Rental shown = RentalDocuments.rental(rental);
        return new RentalView(shown, isRenter(rental, bearer) ? access(rental, bearer) : null);
    }

    /** Extends an active rental by {@code count} periods, through the same settlement as the rental. */
    public RentalTicket renew(String rentalId, String bearer, Integer requestedCount) {
        int count = periods(requestedCount);
        Document rental = readable(rentalId, bearer);
        Rental current = RentalDocuments.rental(rental);
        if (current.state() != RentalState.ACTIVE) {
            throw ApiException.conflict("rental " + rentalId + " is " + current.state() + "; only an active rental renews");
        }
        Device device = registry.find(current.deviceId())
                .orElseThrow(() -> ApiException.conflict("the rented device no longer exists"));
        Money price = RentalPrice.of(device, current.period(), count);
        if (current.selfRent()) {
            Rental extended = extend(rental, count, 0, null)
                    .orElseThrow(() -> ApiException.conflict("rental " + rentalId + " changed meanwhile; try again"));
            return new RentalTicket(extended, null, null);
        }
        PaymentProvider provider = provider(current.paymentProvider());
        Document pending = rentals.updateActive(rentalId,
                Filters.exists(RentalFields.PENDING_RENEWAL, false),
                Updates.combine(Updates.set(RentalFields.PENDING_RENEWAL, count),
                        Updates.set(RentalFields.PENDING_RENEWAL_AMOUNT, price.amount())));
        if (pending == null) {
            throw ApiException.conflict("rental " + rentalId + " already has a renewal waiting for payment");
        }
        Rental renewing = RentalDocuments.rental(pending);
        LOG.info("Rental {} asks to renew by {} x {}, waiting for payment through '{}'", rentalId, count,
                current.period(), provider.name());
        return new RentalTicket(renewing, null, startPurchase(provider, renewing, price));
    }

    /** The device's owner ends a rental of their device early. */
    public Rental endByOwner(String rentalId, String ownerBearer) {
        String ownerId = accounts.authenticate(ownerBearer);
        Document rental = rentals.find(rentalId).filter(r -> ownerId.equals(r.getString(RentalFields.OWNER_ID)))
                .orElseThrow(() -> unknown(rentalId));
        return convert(() -> end(rental.getString("_id"), "ended by the device's owner"));
    }

    /**
     * The heartbeat's rental part: turns the idle desired state into {@code RENTED} while an active
     * rental holds the device, and records that the device applied it.
     */
    public DesiredState desiredState(String deviceId, String appliedRentalId, DesiredState idle) {
        Optional<Document> active = heldBy(deviceId)
                .filter(rental -> RentalState.ACTIVE.name().equals(rental.getString(RentalFields.STATE)));
        if (active.isEmpty()) {
            return idle;
        }
        Document rental = active.get();
        String id = rental.getString("_id");
        if (id.equals(appliedRentalId) && !rental.getBoolean(RentalFields.DEVICE_READY, false)) {
            rentals.updateActive(id, Filters.empty(), Updates.set(RentalFields.DEVICE_READY, true));
            LOG.info("Device {} applied rental {}", deviceId, id);
        }
        String key = rental.getString(RentalFields.SSH_PUBLIC_KEY);
        return idle.rented(id, rental.getString(RentalFields.LOGIN), rental.getString(RentalFields.PASSWORD_HASH),
                key == null ? List.of() : List.of(key), RentalDocuments.rental(rental).expiresAt());
    }

    /** @return the pending or active rental holding the device, if any */
    public Optional<Rental> holding(String deviceId) {
        return heldBy(deviceId).map(RentalDocuments::rental);
    }

    /**
     * The rental the device's lock names, read by ids alone (a query on the rentals' device would scan
     * them all in the embedded store, on every heartbeat). A lock a crash left on a finished rental
     * counts as none; the sweeper releases it.
     */
    private Optional<Document> heldBy(String deviceId) {
        return devices.find(deviceId)
                .map(device -> device.getString(DeviceFields.RENTAL_ID))
                .flatMap(rentals::find)
                .filter(rental -> RentalState.valueOf(rental.getString(RentalFields.STATE)).holdsDevice());
    }

    /** Ends what is due: expired active rentals, unpaid pending ones; frees devices a crash left held. */
    public void sweep() {
        Instant now = clock.instant();
        for (Document due : rentals.activeExpiredBy(now)) {
            finish(due, RentalState.ACTIVE, RentalState.EXPIRED, "expired",
                    Filters.lte(RentalFields.EXPIRES_AT, Date.from(now)));
        }
        for (Document unpaid : rentals.unpaidBy(now)) {
            finish(unpaid, RentalState.PENDING_PAYMENT, RentalState.CANCELLED, "not paid in time", Filters.empty());
        }
        for (Document finished : rentals.finishedButHoldingDevice()) {
            release(finished);
        }
    }

    @Override
    public Optional<Rental> find(String rentalId) {
        return rentals.find(rentalId).map(RentalDocuments::rental);
    }

    @Override
    public List<Rental> list(int skip, int limit) {
        return rentals.page(skip, limit).stream().map(RentalDocuments::rental).toList();
    }

    @Override
    public long count() {
        return rentals.count();
    }

    @Override
    public Optional<RenterGrant> renterByPassword(String login, String password) {
        if (login == null || password == null) {
            return Optional.empty();
        }
        return rentals.activeWithLogin(login)
                .filter(r -> RenterCredentials.matches(password, r.getString(RentalFields.PASSWORD_HASH)))
                .map(Rentals::grant);
    }

    @Override
    public Optional<RenterGrant> renterByKey(String login, String publicKey) {
        if (login == null || publicKey == null) {
            return Optional.empty();
        }
        String offered = keyData(publicKey);
        return rentals.activeWithLogin(login)
                .filter(r -> r.getString(RentalFields.SSH_PUBLIC_KEY) != null
                        && keyData(r.getString(RentalFields.SSH_PUBLIC_KEY)).equals(offered))
                .map(Rentals::grant);
    }

    @Override
    public Optional<RenterGrant> activeGrant(String rentalId) {
        return rentals.find(rentalId)
                .filter(r -> RentalState.ACTIVE.name().equals(r.getString(RentalFields.STATE)))
                .filter(r -> RentalDocuments.rental(r).expiresAt().isAfter(clock.instant()))
                .map(Rentals::grant);
    }

    private static RenterGrant grant(Document rental) {
        Rental shown = RentalDocuments.rental(rental);
        return new RenterGrant(shown.id(), shown.deviceId(), shown.login(), shown.expiresAt());
    }

    /** @return "type base64" of an OpenSSH key line: the comment does not make a key */
    private static String keyData(String openSshLine) {
        String[] parts = openSshLine.trim().split("\\s+");
        return parts.length < 2 ? "" : parts[0] + " " + parts[1];
    }

    @Override
    public Rental paid(String rentalId, String provider, String reference) {
        Document rental = rentals.find(rentalId).orElseThrow(() -> new NoSuchElementException("no rental with id " + rentalId));
        Rental current = RentalDocuments.rental(rental);
        if (current.state() == RentalState.PENDING_PAYMENT) {
            Instant now = clock.instant();
            Instant expiresAt = now.plus(current.period().length().multipliedBy(current.count()));
            Document active = rentals.transition(rentalId, RentalState.PENDING_PAYMENT, RentalState.ACTIVE,
                    Filters.empty(), Updates.combine(
                            Updates.set(RentalFields.ACTIVATED_AT, Date.from(now)),
                            Updates.set(RentalFields.EXPIRES_AT, Date.from(expiresAt)),
                            Updates.unset(RentalFields.PAY_BY),
                            reference(reference)));
            if (active == null) {
                throw new IllegalStateException("rental " + rentalId + " changed meanwhile; look at it again");
            }
            rentedUntil(current.deviceId(), rentalId, expiresAt);
            LOG.info("Rental {} paid through '{}' (reference {}): active until {}", rentalId, provider, reference, expiresAt);
            return RentalDocuments.rental(active);
        }
        if (current.state() == RentalState.ACTIVE && current.pendingRenewal() > 0) {
            long amount = rental.get(RentalFields.PENDING_RENEWAL_AMOUNT, Number.class).longValue();
            Rental renewed = extend(rental, current.pendingRenewal(), amount, reference)
                    .orElseThrow(() -> new IllegalStateException("rental " + rentalId + " changed meanwhile; look at it again"));
            LOG.info("Renewal of rental {} paid through '{}': active until {}", rentalId, provider, renewed.expiresAt());
            return renewed;
        }
        throw new IllegalStateException("rental " + rentalId + " is " + current.state() + " with nothing waiting for payment");
    }

    @Override
    public Rental end(String rentalId, String reason) {
        Document rental = rentals.find(rentalId).orElseThrow(() -> new NoSuchElementException("no rental with id " + rentalId));
        RentalState state = RentalState.valueOf(rental.getString(RentalFields.STATE));
        RentalState next = state == RentalState.PENDING_PAYMENT ? RentalState.CANCELLED : RentalState.ENDED;
        if (!state.canBecome(next)) {
            throw new IllegalStateException("rental " + rentalId + " is already " + state);
        }
        return finish(rental, state, next, reason, Filters.empty())
                .orElseThrow(() -> new IllegalStateException("rental " + rentalId + " changed meanwhile; look at it again"));
    }

    private Optional<Rental> finish(Document rental, RentalState from, RentalState to, String reason, Bson condition) {
        String id = rental.getString("_id");
        Document finished = rentals.transition(id, from, to, condition, Updates.combine(
                Updates.set(RentalFields.ENDED_AT, Date.from(clock.instant())),
                Updates.set(RentalFields.END_REASON, reason)));
        if (finished == null) {
            return Optional.empty();
        }
        LOG.info("Rental {} of device {} is {}: {}", id, rental.getString(RentalFields.DEVICE_ID), to, reason);
        release(finished);
        return Optional.of(RentalDocuments.rental(finished));
    }

    /** The device is held by the rental until then, and is asked to check in to apply it now. */
    private void rentedUntil(String deviceId, String rentalId, Instant expiresAt) {
        devices.rentedUntil(deviceId, rentalId, expiresAt);
        registry.gateway().requestCheckIn(deviceId);
    }

    private void release(Document finished) {
        String deviceId = finished.getString(RentalFields.DEVICE_ID);
        devices.release(deviceId, finished.getString("_id"));
        rentals.markDeviceReleased(finished.getString("_id"));
        if (!RentalState.CANCELLED.name().equals(finished.getString(RentalFields.STATE))) {
            registry.gateway().requestCheckIn(deviceId); // a cancelled rental never reached the device
        }
        registry.find(deviceId).ifPresent(device -> providers.offer(device, true));
    }

    private Optional<Rental> extend(Document rental, int count, long amount, String reference) {
        Rental current = RentalDocuments.rental(rental);
        Instant expiresAt = current.expiresAt().plus(current.period().length().multipliedBy(count));
        Document extended = rentals.updateActive(current.id(),
                Filters.eq(RentalFields.EXPIRES_AT, Date.from(current.expiresAt())),
                Updates.combine(Updates.set(RentalFields.EXPIRES_AT, Date.from(expiresAt)),
                        Updates.inc(RentalFields.COUNT, count),
                        Updates.inc(RentalFields.AMOUNT, amount),
                        Updates.unset(RentalFields.PENDING_RENEWAL),
                        Updates.unset(RentalFields.PENDING_RENEWAL_AMOUNT),
                        reference(reference)));
        if (extended == null) {
            return Optional.empty();
        }
        rentedUntil(current.deviceId(), current.id(), expiresAt);
        return Optional.of(RentalDocuments.rental(extended));
    }

    private static Bson reference(String reference) {
        return reference == null ? Updates.combine() : Updates.set(RentalFields.PAYMENT_REFERENCE, reference);
    }

    private Document readable(String rentalId, String bearer) {
        if (bearer == null) {
            throw ApiException.unauthorized("this call needs 'Authorization: Bearer <rentalToken>' "
                    + "(or the device owner's session token)");
        }
        Document rental = rentals.find(rentalId).orElseThrow(() -> unknown(rentalId));
        if (isRenter(rental, bearer) || isOwner(rental, bearer)) {
            return rental;
        }
        throw unknown(rentalId);
    }

    private static boolean isRenter(Document rental, String bearer) {
        return Secrets.sameHash(rental.getString(RentalFields.RENTAL_TOKEN_HASH), Secrets.hash(bearer));
    }

    private boolean isOwner(Document rental, String bearer) {
        try {
            return rental.getString(RentalFields.OWNER_ID).equals(accounts.authenticate(bearer));
        } catch (ApiException notAnOwnerSession) {
            return false;
        }
    }

    private RenterAccess access(Document rental, String rentalToken) {
        if (!RentalState.ACTIVE.name().equals(rental.getString(RentalFields.STATE))) {
            return null;
        }
        Device device = registry.find(rental.getString(RentalFields.DEVICE_ID)).orElse(null);
        String password = SealedPassword.open(rental.getString(RentalFields.PASSWORD_SEALED), rentalToken);
        if (device == null || device.tunnelPort() == null || password == null) {
            return null;
        }
        return RenterAccess.of(registryOptions.gatewayHost(), device.tunnelPort(), rental.getString(RentalFields.LOGIN),
                password, registryOptions.gatewayPort(), device.subdomain());
    }

    private PaymentProvider provider(String name) {
        String wanted = name == null || name.isBlank() ? ManualPayment.NAME : name.trim();
        return providers.named(wanted).orElseThrow(() -> ApiException.invalid("unknown payment provider '"
                + Validation.shown(wanted) + "'; this server offers " + providers.names()));
    }

    private int periods(Integer count) {
        if (count == null) {
            return 1;
        }
        if (count < 1 || count > options.maxCount()) {
            throw ApiException.invalid("count must be 1-" + options.maxCount());
        }
        return count;
    }

    private static String contact(String contact) {
        if (contact == null) {
            return null;
        }
        String trimmed = contact.strip();
        if (trimmed.length() > MAX_CONTACT_LENGTH) {
            throw ApiException.invalid("contact must be at most " + MAX_CONTACT_LENGTH + " characters");
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static ApiException unknown(String rentalId) {
        return ApiException.notFound("no rental with id '" + Validation.shown(rentalId) + "'");
    }

    /** Runs an API-level operation for a REST caller, turning its plain exceptions into API errors. */
    private static Rental convert(java.util.function.Supplier<Rental> operation) {
        try {
            return operation.get();
        } catch (NoSuchElementException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (IllegalStateException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }
}
