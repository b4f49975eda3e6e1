package dev.chillproxy.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The account behind a key.
 *
 * @param id           the store's account id, as text
 * @param email        may be empty when the store does not report it
 * @param subscription premium, trial or expired
 * @param premiumUntil end of the paid period, or null when unknown
 */
public record StoreUser(String id, String email, Subscription subscription, Instant premiumUntil) {

    public StoreUser {
        id = id == null ? "" : id;
        email = email == null ? "" : email;
        Objects.requireNonNull(subscription, "subscription");
    }
}
