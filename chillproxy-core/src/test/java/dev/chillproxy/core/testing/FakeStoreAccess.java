package dev.chillproxy.core.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.torz.Access;
import dev.chillproxy.core.torz.RequestContext;
import dev.chillproxy.core.torz.StoreAccess;

/** Store access with a scripted answer per store code (or per pool user); records every call. Thread-safe. */
public final class FakeStoreAccess implements StoreAccess {

    public record Call(StoreConfig store, RequestContext context, String action, String hash) {
    }

    public final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Access> answers = new ConcurrentHashMap<>();

    /** {@code codeOrUser} is a store code, or a pool user id for configs that differ only by user. */
    public FakeStoreAccess answer(String codeOrUser, Access access) {
        answers.put(codeOrUser, access);
        return this;
    }

    public static Access.Granted granted(String key, String keyId, String userId) {
        return new Access.Granted(ApiKey.of(key), keyId, userId, "tb");
    }

    public static Access.Refused refused(Access.Refusal reason, String message) {
        return new Access.Refused(reason, message);
    }

    @Override
    public Access open(StoreConfig store, RequestContext context, String action, String hash) {
        calls.add(new Call(store, context, action, hash));
        Access answer = answers.getOrDefault(store.poolUser().orElse(""), answers.get(store.store().code()));
        if (answer == null) {
            throw new AssertionError("no access scripted for " + store);
        }
        return answer;
    }
}
