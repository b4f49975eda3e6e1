package dev.chillproxy.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.chillproxy.server.metrics.UpstreamServices;
import dev.chillproxy.server.settings.Settings;
import dev.chillproxy.store.torznab.IndexerEndpoint;
import dev.chillproxy.store.torznab.IndexerKind;

/** What the operator configured for outbound calls, read from the settings in the shapes the wiring needs. */
final class OperatorUpstreams {

    private OperatorUpstreams() {
    }

    /** URLs the operator configured; only their host:port pairs may be local addresses (users' URLs may not). */
    static List<String> urls(Settings settings) {
        List<String> urls = new ArrayList<>(List.of(settings.outbound().upstreams().torbox(), settings.outbound().upstreams().realDebrid(),
                settings.outbound().upstreams().allDebrid(), settings.outbound().upstreams().premiumize(), settings.outbound().upstreams().debridLink()));
        settings.outbound().torznabIndexers().forEach(url -> urls.add(url.toString()));
        settings.outbound().localUrlsAllowed().forEach(url -> urls.add(url.toString()));
        settings.outbound().prowlarrUrl().ifPresent(url -> urls.add(url.toString()));
        settings.pool().chillstreamsApiUrl().ifPresent(url -> urls.add(url.toString()));
        settings.outbound().animeMappingUrl().ifPresent(url -> urls.add(url.toString()));
        settings.abuse().webhookUrl().ifPresent(url -> urls.add(url.toString()));
        return urls;
    }

    /** Which upstream a call goes to, for metric labels (never the URL itself). */
    static UpstreamServices services(Settings settings) {
        List<URI> indexers = new ArrayList<>(settings.outbound().torznabIndexers());
        settings.outbound().prowlarrUrl().ifPresent(indexers::add);
        return UpstreamServices.of(settings.outbound().upstreams(), indexers, settings.pool().chillstreamsApiUrl());
    }

    /** {@code TORZNAB_INDEXERS} (apikey in their query) and the operator's Prowlarr, searched for pool users. */
    static List<IndexerEndpoint> indexers(Settings settings) {
        List<IndexerEndpoint> endpoints = new ArrayList<>();
        settings.outbound().torznabIndexers().forEach(url -> endpoints.add(new IndexerEndpoint(IndexerKind.GENERIC, url.toString(), null)));
        settings.outbound().prowlarrUrl().ifPresent(url -> endpoints.add(new IndexerEndpoint(IndexerKind.PROWLARR,
                url.toString().replaceAll("/+$", "") + "/api/v2.0/indexers/all/results/torznab/api",
                settings.outbound().prowlarrApiKey().orElse(null))));
        return endpoints;
    }
}
