package dev.chillproxy.chillstreams.remote;

import java.util.Locale;

import dev.chillproxy.chillstreams.pool.GetKeyResponse;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.core.secret.ApiKey;
import dev.chillproxy.core.torz.Access.Refusal;

/**
 * Turns a {@code get-key} HTTP answer into a {@link Grant}, failing closed: only a 2xx
 * {@code allowed:true} with a key and a key id grants anything.
 */
final class GrantAnswer {

    static final String UNREACHABLE_MESSAGE = "The key pool is unreachable right now; try again in a minute.";
    private static final int MAX_MESSAGE_LENGTH = 200;

    private GrantAnswer() {
    }

    static Grant.Denied unreachable() {
        return new Grant.Denied(Refusal.POOL_UNREACHABLE, UNREACHABLE_MESSAGE, null);
    }

    /** @param answer the parsed body, or null when it was not a get-key answer */
    static Grant interpret(int status, GetKeyResponse answer) {
        if (status == 401 || answer == null) {
            // 401 means our internal key is wrong: an operator problem the user cannot fix
            return unreachable();
        }
        if (answer.allowed()) {
            boolean usable = status / 100 == 2 && !isBlank(answer.poolKey()) && !isBlank(answer.poolKeyId());
            return usable
                    ? new Grant.Allowed(ApiKey.of(answer.poolKey()), answer.poolKeyId(), orZero(answer.deviceCount()),
                            answer.service())
                    : unreachable();
        }
        if (status >= 500 || (status == 403 && isBlank(answer.message()))) {
            return unreachable();
        }
        return denial(answer.message(), answer.deviceCount());
    }

    /** The wire carries only a message; recognise the refusals users can act on, keep the message as said. */
    static Grant.Denied denial(String rawMessage, Integer deviceCount) {
        String message = isBlank(rawMessage) ? "The key pool refused this request." : clip(rawMessage.strip());
        String lower = message.toLowerCase(Locale.ROOT);
        Refusal reason;
        if (lower.contains("device")) {
            reason = Refusal.DEVICE_LIMIT;
        } else if (lower.contains("disabled") || lower.contains("suspended") || lower.contains("inactive")) {
            reason = Refusal.USER_DISABLED;
        } else if (lower.contains("user") && (lower.contains("not found") || lower.contains("unknown"))) {
            reason = Refusal.UNKNOWN_USER;
        } else if (lower.contains("key in the pool")) {
            reason = Refusal.NO_SERVICE_KEY;
        } else if (deviceCount != null) {
            reason = Refusal.DEVICE_LIMIT;
        } else {
            // a refusal we cannot classify: the pool gave no key
            reason = Refusal.NO_KEY_AVAILABLE;
        }
        return new Grant.Denied(reason, message, deviceCount);
    }

    private static String clip(String message) {
        return message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH) + "…";
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
