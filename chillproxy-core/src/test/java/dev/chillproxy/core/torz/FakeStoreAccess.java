package dev.chillproxy.core.torz;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.chillproxy.core.config.StoreConfig;
import dev.chillproxy.core.secret.ApiKey;

/** Store access with a scripted answer per store code (or per pool user); records every call. Thread-safe. */
final class FakeStoreAccess implements StoreAccess {

    record Call(StoreConfig store, RequestContext context, String action, String hash) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, Access> answers = new ConcurrentHashMap<>();

    /** {@code codeOrUser} is a store code, or a pool user id for configs that differ only by user. */
    FakeStoreAccess answer(String codeOrUser, Access access) {
        answers.put(codeOrUser, access);
        return this;
    }

    static Access.Granted granted(String key, String keyId, String userId) {
        return new Access.Granted(ApiKey.of(key), keyId, userId, "tb");
    }

    static Access.Refused refused(Access.Refusal reason, String message) {
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
