package dev.chillproxy.server.torz;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.chillproxy.chillstreams.pool.GetKeyRequest;
import dev.chillproxy.chillstreams.pool.Grant;
import dev.chillproxy.chillstreams.pool.KeyProblem;
import dev.chillproxy.chillstreams.pool.KeyProblemSink;
import dev.chillproxy.chillstreams.pool.KeySource;

/** A pool with one scripted answer; records the key requests and the key problems reported. Thread-safe. */
final class FakePool implements KeySource, KeyProblemSink {

    record Problem(String poolKeyId, KeyProblem problem) {
    }

    final List<GetKeyRequest> requests = new CopyOnWriteArrayList<>();
    final List<Problem> problems = new CopyOnWriteArrayList<>();
    volatile Grant answer;

    FakePool(Grant answer) {
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
