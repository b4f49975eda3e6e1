package dev.chillproxy.store;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Base of the stateful service fakes: records every request, answers scripted responses first (rate limits,
 * outages) and hands the rest to the service's documented behaviour. Thread-safe.
 */
public abstract class FakeService extends Dispatcher {

    public final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Deque<MockResponse> scripted = new ArrayDeque<>();

    /** The next requests get these answers, whatever they ask. */
    public synchronized FakeService thenAnswer(MockResponse... responses) {
        scripted.addAll(List.of(responses));
        return this;
    }

    /** "METHOD path?query" of every request, in order. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        requests.forEach(request -> lines.add(request.getMethod() + " " + request.getTarget()));
        return lines;
    }

    public long count(String pathSuffix) {
        return requests.stream().filter(request -> request.getUrl().encodedPath().endsWith(pathSuffix)).count();
    }

    @Override
    public final synchronized MockResponse dispatch(RecordedRequest request) {
        requests.add(request);
        MockResponse next = scripted.poll();
        return next != null ? next : answer(request);
    }

    protected abstract MockResponse answer(RecordedRequest request);

    /** Form fields of a request body; repeated names keep every value. */
    public static Map<String, List<String>> form(RecordedRequest request) {
        Map<String, List<String>> fields = new HashMap<>();
        String body = request.getBody() == null ? "" : request.getBody().utf8();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                fields.computeIfAbsent(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        name -> new ArrayList<>()).add(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    public static String first(Map<String, List<String>> form, String name) {
        return form.getOrDefault(name, List.of("")).get(0);
    }
}
