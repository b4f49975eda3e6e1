package dev.chillproxy.chillstreams.pool;

/** Hears that a store answered 401/403 (key refused) or 429 (throttled) for a pool key, so its users can move off it. */
public interface KeyProblemSink {

    /** Never throws: a report is advice, the request that saw the problem goes on regardless. */
    void reportKeyProblem(String poolKeyId, KeyProblem problem);
}
