package dev.chillproxy.server.fakes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeyProblem;
import dev.chillproxy.chillstreams.pool.KeyProblemSink;
import dev.chillproxy.chillstreams.pool.KeySource;

/** A pool with one scripted answer; records the key requests and the key problems reported. Thread-safe. */
public final class FakePool implements KeySource, KeyProblemSink {

    public record Problem(String poolKeyId, KeyProblem problem) {
    }

    public final List<GetKeyRequest> requests = new CopyOnWriteArrayList<>();
    public final List<Problem> problems = new CopyOnWriteArrayList<>();
    public volatile Grant answer;

    public FakePool(Grant answer) {
        this.answer = answer;
    }

    @Override
    public Grant getKey(GetKeyRequest request) {
        requests.add(request);
        return answer;
    }

    @Override
    public void reportKeyProblem(String poolKeyId, KeyProblem problem) {
        problems.add(new Problem(poolKeyId, problem));
    }
}
