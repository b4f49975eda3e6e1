package dev.chillproxy.store;

/** Subscription state normalised across stores, as in StremThru's {@code subscription_status}. */
public enum Subscription {
    PREMIUM, TRIAL, EXPIRED
}
