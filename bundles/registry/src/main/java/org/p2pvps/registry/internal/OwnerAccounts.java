package org.p2pvps.registry.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bson.types.ObjectId;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.p2pvps.owner.Owner;
import org.p2pvps.owner.OwnerService;
import org.p2pvps.registry.internal.store.OwnerStore;
import org.p2pvps.registry.internal.store.SessionStore;
import org.p2pvps.store.MongoStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Owner sign-up, login and the bearer tokens that prove a login. */
@Component(service = {OwnerAccounts.class, OwnerService.class})
public final class OwnerAccounts implements OwnerService {

    private static final Logger LOG = LoggerFactory.getLogger(OwnerAccounts.class);

    /** A login token and when it stops working. */
    public record Session(String token, Instant expiresAt) {
    }

    private final OwnerStore owners;
    private final SessionStore sessions;
    private final PasswordHasher passwords;
    private final Secrets secrets;
    private final RegistryOptions options;
    private final Clock clock;

    @Activate
    public OwnerAccounts(@Reference MongoStore store, @Reference RegistrySettings settings) {
        this(store, settings.registry(), new Secrets(new SecureRandom()), Clock.systemUTC());
    }

    public OwnerAccounts(MongoStore store, RegistryOptions options, Secrets secrets, Clock clock) {
        this.owners = new OwnerStore(store.database());
        this.sessions = new SessionStore(store.database());
        this.passwords = new PasswordHasher(options.passwordHashCost(), secrets.random());
        this.secrets = secrets;
        this.options = options;
        this.clock = clock;
    }

    public Owner signUp(String email, String password) {
        String address = Validation.email(email);
        String hash = passwords.hash(Validation.newPassword(password));
        Owner owner = new Owner(new ObjectId().toHexString(), address, clock.instant());
        if (!owners.insert(owner, hash)) {
            throw ApiException.conflict("an account with this e-mail address already exists");
        }
        LOG.info("Owner {} signed up as {}", owner.id(), owner.email());
        return owner;
    }

    public Session logIn(String email, String password) {
        if (email == null || password == null || !PasswordHasher.fits(password)) {
            throw ApiException.unauthorized("e-mail or password is wrong");
        }
        Optional<org.bson.Document> owner = owners.findByEmail(email.trim().toLowerCase(java.util.Locale.ROOT));
        if (owner.isEmpty()) {
            passwords.matchNothing(password);
            throw ApiException.unauthorized("e-mail or password is wrong");
        }
        if (!passwords.matches(password, owner.get().getString("passwordHash"))) {
            throw ApiException.unauthorized("e-mail or password is wrong");
        }
        Instant now = clock.instant();
        sessions.deleteExpired(now);
        String token = secrets.newToken();
        Instant expiresAt = now.plus(options.sessionTtl());
        sessions.insert(Secrets.hash(token), owner.get().getString("_id"), expiresAt);
        return new Session(token, expiresAt);
    }

    /** @return the id of the owner whose live session token this is */
    public String authenticate(String bearerToken) {
        if (bearerToken == null) {
            throw ApiException.unauthorized("this call needs 'Authorization: Bearer <token>' from POST /api/v1/sessions");
        }
        return sessions.ownerOf(Secrets.hash(bearerToken), clock.instant())
                .orElseThrow(() -> ApiException.unauthorized("the session token is unknown or has expired; log in again"));
    }

    @Override
    public Optional<Owner> find(String ownerId) {
        return owners.find(ownerId);
    }

    @Override
    public List<Owner> list(int skip, int limit) {
        return owners.page(skip, limit);
    }

    @Override
    public long count() {
        return owners.count();
    }
}
