package dev.chillproxy.server.pool;

import static dev.chillproxy.server.web.JsonBodies.object;
import static dev.chillproxy.server.web.JsonBodies.required;
import static dev.chillproxy.server.web.JsonBodies.text;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;

import dev.chillproxy.chillstreams.cluster.ClusterInstance;
import dev.chillproxy.chillstreams.cluster.InstanceRegistry;
import dev.chillproxy.chillstreams.embedded.DeviceView;
import dev.chillproxy.chillstreams.embedded.KeyHealthEntry;
import dev.chillproxy.chillstreams.embedded.PoolAdmin;
import dev.chillproxy.chillstreams.embedded.PoolKeyView;
import dev.chillproxy.chillstreams.embedded.UsagePage;
import dev.chillproxy.chillstreams.embedded.UsageQuery;
import dev.chillproxy.chillstreams.embedded.UsageStats;
import dev.chillproxy.chillstreams.embedded.UserDetails;
import dev.chillproxy.chillstreams.embedded.UserView;
import dev.chillproxy.core.store.StoreName;
import dev.chillproxy.server.web.InvalidRequestException;

/**
 * The handlers of the embedded pool's admin API (DESIGN §5; URLs, bearer guard and limits in {@code RouteTable}).
 * Mistakes and refusals are thrown and written by {@code ErrorResponses} as 400, 404 or 409; pool keys appear
 * only masked. Thread-safe.
 */
public final class AdminRoutes {

    private final PoolAdmin admin;
    private final ObjectMapper mapper;
    private final InstanceRegistry instances;
    private final Runnable flushUsage;

    /** @param flushUsage stores this instance's usage events now, so the usage and stats views include every answer sent */
    public AdminRoutes(PoolAdmin admin, ObjectMapper mapper, InstanceRegistry instances, Runnable flushUsage) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.instances = Objects.requireNonNull(instances, "instances");
        this.flushUsage = Objects.requireNonNull(flushUsage, "flushUsage");
    }

    /** The instances on this database, oldest start first, with warnings when several are live. */
    public void instances(Context ctx) {
        List<ClusterInstance> all = instances.list();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("self", instances.id());
        answer.put("live", all.stream().filter(ClusterInstance::live).count());
        answer.put("items", all.stream().map(AdminRoutes::instance).toList());
        answer.put("warnings", InstanceRegistry.warnings(all));
        ctx.json(answer);
    }

    private static Map<String, Object> instance(ClusterInstance instance) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", instance.id());
        out.put("version", instance.version());
        out.put("startedAt", instance.startedAt().toString());
        out.put("lastSeen", instance.lastSeen().toString());
        out.put("sharedLimits", instance.sharedLimits());
        out.put("live", instance.live());
        return out;
    }

    /** Every key, or one service's ({@code ?service=realdebrid}), with the capacity of each service. */
    public void listPoolKeys(Context ctx) {
        String service = ctx.queryParam("service");
        Optional<StoreName> only = service == null || service.isBlank() ? Optional.empty() : Optional.of(service(service));
        List<PoolKeyView> keys = admin.listPoolKeys().stream()
                .filter(key -> only.map(s -> s.id().equals(key.service())).orElse(true)).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", keys.stream().map(PoolKeyAnswers::key).toList());
        answer.put("services", StoreName.pooledStores().stream().filter(s -> only.map(s::equals).orElse(true))
                .map(s -> PoolKeyAnswers.capacity(s, keys)).toList());
        ctx.json(answer);
    }

    /** Keys scheduled to retire, soonest first: users still on each, and whether a healthy successor has room. */
    public void rotationPlan(Context ctx) {
        ctx.json(Map.of("items", admin.rotationPlan().stream().map(PoolKeyAnswers::rotation).toList()));
    }

    /** Label, room and scheduled retirement ({@code "retireAt": null} cancels it); absent fields stay as they are. */
    public void updatePoolKey(Context ctx) {
        JsonNode body = object(mapper, ctx);
        JsonNode retireAt = body.get("retireAt");
        PoolKeyView updated = admin.updatePoolKey(ctx.pathParam("id"), text(body, "label", null), maxUsers(body),
                retireAt == null || retireAt.isNull() ? null : instant(retireAt, "retireAt"),
                retireAt != null && retireAt.isNull());
        ctx.json(PoolKeyAnswers.key(updated));
    }

    private static StoreName service(String raw) {
        String id = raw.trim().toLowerCase(Locale.ROOT);
        return StoreName.pooledStores().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new InvalidRequestException("service: must be one of " + StoreName.pooledStores().stream()
                        .map(StoreName::id).collect(Collectors.joining(", "))));
    }

    private static Integer maxUsers(JsonNode body) {
        JsonNode maxUsers = body.get("maxUsers");
        if (maxUsers != null && !maxUsers.isNull() && !maxUsers.canConvertToInt()) {
            throw new InvalidRequestException("maxUsers: must be a whole number");
        }
        return maxUsers == null || maxUsers.isNull() ? null : maxUsers.asInt();
    }

    private static Instant instant(JsonNode node, String field) {
        if (!node.isTextual() || node.asText().length() > 40) {
            throw new InvalidRequestException(field + ": expected an ISO-8601 time like 2030-01-01T00:00:00Z");
        }
        try {
            return Instant.parse(node.asText().trim());
        } catch (DateTimeException e) {
            throw new InvalidRequestException(field + ": expected an ISO-8601 time like 2030-01-01T00:00:00Z");
        }
    }

    public void retirePoolKey(Context ctx) {
        admin.retirePoolKey(ctx.pathParam("id"));
        ctx.status(204);
    }

    public void poolKeyHealth(Context ctx) {
        ctx.json(Map.of("items", admin.keyHealthHistory(ctx.pathParam("id")).stream().map(AdminRoutes::health).toList()));
    }

    public void createUser(Context ctx) {
        JsonNode body = object(mapper, ctx);
        ctx.status(201).json(user(admin.createUser(text(body, "id", null), text(body, "email", null))));
    }

    public void findUsers(Context ctx) {
        ctx.json(Map.of("items", admin.findUsers(ctx.queryParam("q"), limit(ctx, 100)).stream().map(AdminRoutes::user).toList()));
    }

    public void getUser(Context ctx) {
        ctx.json(details(admin.getUser(ctx.pathParam("id"))));
    }

    public void setUserStatus(Context ctx) {
        ctx.json(user(admin.setUserStatus(ctx.pathParam("id"), required(object(mapper, ctx), "status"))));
    }

    public void revokeDevice(Context ctx) {
        admin.revokeDevice(ctx.pathParam("id"), ctx.pathParam("deviceId"));
        ctx.status(204);
    }

    public void createPoolKey(Context ctx) {
        JsonNode body = object(mapper, ctx);
        JsonNode retireAt = body.get("retireAt");
        PoolKeyView created = admin.createPoolKey(required(body, "apiKey"), text(body, "label", null),
                text(body, "service", null), maxUsers(body),
                retireAt == null || retireAt.isNull() ? null : instant(retireAt, "retireAt"));
        ctx.status(201).json(PoolKeyAnswers.key(created));
    }

    public void usage(Context ctx) {
        flushUsage.run();
        UsagePage page = admin.usage(new UsageQuery(ctx.queryParam("userId"), ctx.queryParam("poolKeyId"),
                ctx.queryParam("action"), time(ctx, "since"), limit(ctx, UsageQuery.DEFAULT_LIMIT), ctx.queryParam("cursor")));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("items", page.items().stream().map(e -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("eventId", e.eventId());
            item.put("userId", e.userId());
            item.put("poolKeyId", e.poolKeyId());
            item.put("action", e.action());
            item.put("hash", e.hash());
            item.put("cached", e.cached());
            item.put("bytes", e.bytes());
            item.put("at", e.at().toString());
            item.put("outcome", e.outcome());
            item.put("reason", e.reason());
            return item;
        }).toList());
        answer.put("next", page.next());
        ctx.json(answer);
    }

    public void stats(Context ctx) {
        flushUsage.run();
        UsageStats stats = admin.stats(time(ctx, "from"), time(ctx, "to"));
        ctx.json(Map.of("keys", aggregates(stats.keys(), "poolKeyId"), "users", aggregates(stats.users(), "userId")));
    }

    private static List<Map<String, Object>> aggregates(List<UsageStats.Aggregate> rows, String idField) {
        return rows.stream().map(a -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(idField, a.id());
            row.put("requests", a.requests());
            row.put("cachedRatio", a.cachedRatio());
            row.put("bytes", a.bytes());
            row.put("playbacks", a.playbacks());
            row.put("playbackCachedRatio", a.playbackCachedRatio());
            if ("userId".equals(idField)) {
                row.put("email", a.email());
            }
            return row;
        }).toList();
    }

    private static Map<String, Object> health(KeyHealthEntry entry) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", entry.at().toString());
        out.put("health", entry.health());
        out.put("detail", entry.detail());
        return out;
    }

    private static Map<String, Object> user(UserView user) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", user.id());
        out.put("email", user.email());
        out.put("status", user.status());
        out.put("createdAt", user.createdAt().toString());
        return out;
    }

    private static Map<String, Object> details(UserDetails details) {
        Map<String, Object> out = user(details.user());
        // "assignment" is the TorBox one, as before other services were pooled
        out.put("assignment", details.poolKeyId() == null ? null : Map.of("poolKeyId", details.poolKeyId()));
        out.put("assignments", details.assignments().stream()
                .map(a -> Map.of("service", a.service(), "poolKeyId", a.poolKeyId())).toList());
        out.put("devices", details.devices().stream().map(AdminRoutes::device).toList());
        return out;
    }

    private static Map<String, Object> device(DeviceView device) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deviceId", device.deviceId());
        out.put("firstSeen", device.firstSeen().toString());
        out.put("lastSeen", device.lastSeen().toString());
        out.put("requestCount", device.requestCount());
        return out;
    }

    private static String string(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** ISO-8601 instant or epoch milliseconds; absent = null. */
    private static Instant time(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return value.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(value)) : Instant.parse(value);
        } catch (DateTimeException | NumberFormatException e) {
            throw new InvalidRequestException(name + ": expected an ISO-8601 time like 2030-01-01T00:00:00Z or epoch milliseconds");
        }
    }

    private static int limit(Context ctx, int fallback) {
        String value = ctx.queryParam("limit");
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("limit: must be a whole number");
        }
    }
}
