package org.p2pvps.registry.internal.rental;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.p2pvps.rental.RentalState;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

/**
 * The {@code rentals} collection. Every state change is one conditional single-document update
 * ("from this state to that"), so two actors racing on one rental cannot both win.
 */
final class RentalStore {

    private static final FindOneAndUpdateOptions RETURN_AFTER =
            new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);

    private final MongoCollection<Document> rentals;

    RentalStore(MongoDatabase database) {
        rentals = database.getCollection("rentals");
        rentals.createIndex(Indexes.ascending(RentalFields.STATE, RentalFields.EXPIRES_AT));
        rentals.createIndex(Indexes.ascending(RentalFields.DEVICE_ID));
    }

    void insert(Document rental) {
        rentals.insertOne(rental);
    }

    void delete(String id) {
        rentals.deleteOne(eq("_id", id));
    }

    Optional<Document> find(String id) {
        return Optional.ofNullable(rentals.find(eq("_id", id)).first());
    }

    List<Document> page(int skip, int limit) {
        return rentals.find().sort(Sorts.descending(RentalFields.CREATED_AT, "_id")).skip(skip).limit(limit)
                .into(new ArrayList<>());
    }

    long count() {
        return rentals.countDocuments();
    }

    /** @return the rental after the change, or {@code null} if it was not in state {@code from} */
    Document transition(String id, RentalState from, RentalState to, Bson condition, Bson changes) {
        if (!from.canBecome(to)) {
            throw new IllegalStateException("a rental never goes from " + from + " to " + to);
        }
        return rentals.findOneAndUpdate(and(eq("_id", id), eq(RentalFields.STATE, from.name()), condition),
                Updates.combine(Updates.set(RentalFields.STATE, to.name()), changes), RETURN_AFTER);
    }

    /** Changes an active rental while it stays active (renewal, device acknowledgement). */
    Document updateActive(String id, Bson condition, Bson changes) {
        return rentals.findOneAndUpdate(and(eq("_id", id), eq(RentalFields.STATE, RentalState.ACTIVE.name()), condition),
                changes, RETURN_AFTER);
    }

    Optional<Document> activeWithLogin(String login) {
        return Optional.ofNullable(rentals.find(and(eq(RentalFields.LOGIN, login),
                eq(RentalFields.STATE, RentalState.ACTIVE.name()))).first());
    }

    void updateReference(String id, String reference) {
        rentals.updateOne(eq("_id", id), Updates.set(RentalFields.PAYMENT_REFERENCE, reference));
    }

    List<Document> activeExpiredBy(Instant now) {
        return rentals.find(and(eq(RentalFields.STATE, RentalState.ACTIVE.name()),
                lte(RentalFields.EXPIRES_AT, Date.from(now)))).into(new ArrayList<>());
    }

    List<Document> unpaidBy(Instant now) {
        return rentals.find(and(eq(RentalFields.STATE, RentalState.PENDING_PAYMENT.name()),
                lte(RentalFields.PAY_BY, Date.from(now)))).into(new ArrayList<>());
    }

    List<Document> finishedButHoldingDevice() {
        return rentals.find(and(in(RentalFields.STATE, RentalState.EXPIRED.name(), RentalState.ENDED.name(),
                        RentalState.CANCELLED.name()), ne(RentalFields.DEVICE_RELEASED, true)))
                .into(new ArrayList<>());
    }

    void markDeviceReleased(String id) {
        rentals.updateOne(eq("_id", id), Updates.set(RentalFields.DEVICE_RELEASED, true));
    }
}
